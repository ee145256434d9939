"""A Swedish stemmer for search: the Snowball Swedish algorithm and two small additions.

SQLite's FTS5 has no Swedish stemmer, so words are stemmed here, both when a text is
indexed and when a query is asked; PostgreSQL gets the same stems next to its own
``swedish`` configuration (see ``search.py``).

The Snowball algorithm (snowballstem.org, "Swedish stemming algorithm") as written there,
followed by two additions that make everyday inflections meet:

* the definite neuter ending ``-et``/``-ets`` is removed in R1 (``fallet`` → ``fall``),
  which Snowball leaves alone;
* a stem that lost its ``e`` before a final ``l`` or ``r`` gets it back
  (``läkemedlen`` → ``läkemedl`` → ``läkemedel``, ``nycklar`` → ``nyckel``).
"""

from __future__ import annotations

import re

VOWELS = frozenset("aeiouyäåö")
S_ENDING = frozenset("bcdfghjklmnoprtvy")

_SNOWBALL_STEP1 = (
    "heterna hetens anden heten heter arnas ernas ornas andes arens andet "
    "arna erna orna ande arne aste aren ades erns ade are ern ens het ast "
    "ad en ar er or as es at a e"
)
_ADDED_STEP1 = "ets et"  # see the module docstring
STEP1_SUFFIXES = sorted(f"{_SNOWBALL_STEP1} {_ADDED_STEP1}".split(), key=len, reverse=True)
STEP2_ENDINGS = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
SYNCOPE = re.compile(r"(?:(?<=[aeiouyäåö])[bdfgkptv]|ck)([lr])$")

STOP_WORDS = frozenset(
    [
        "och",
        "i",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "han",
        "men",
        "var",
        "jag",
        "sig",
        "från",
        "vi",
        "så",
        "kan",
        "man",
        "när",
        "år",
        "säger",
        "hon",
        "under",
        "också",
        "efter",
        "eller",
        "nu",
        "sin",
        "där",
        "vid",
        "mot",
        "ska",
        "skall",
        "hur",
        "vad",
        "vem",
        "vilka",
        "vilken",
        "detta",
        "dessa",
        "dem",
        "denna",
        "deras",
        "dess",
        "din",
        "ditt",
        "du",
        "er",
        "era",
        "ert",
        "han",
        "hans",
        "hennes",
        "honom",
        "hade",
        "ha",
        "mig",
        "min",
        "mitt",
        "mina",
        "oss",
        "vår",
        "vårt",
        "våra",
        "utan",
        "upp",
        "ut",
        "åt",
        "över",
        "blir",
        "bli",
        "blev",
        "varit",
        "vara",
        "alla",
        "allt",
        "någon",
        "något",
        "några",
        "inom",
        "sedan",
    ]
)

WORD = re.compile(r"[0-9a-zåäöéü]+", re.IGNORECASE)


def _r1(word: str) -> int:
    """Start of R1: after the first non-vowel following a vowel, at least position 3."""
    for i in range(1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return max(i + 1, 3)
    return len(word)


def stem(word: str) -> str:
    """The stem of one lower-case Swedish word."""
    word = word.lower()
    r1 = _r1(word)
    # Step 1: the longest suffix in R1; a final s after a valid s-ending.
    for suffix in STEP1_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and len(word) > 1 and word[-2] in S_ENDING:
            word = word[:-1]
    # Step 2: a doubled or paired consonant ending in R1 loses its last letter.
    if any(word.endswith(e) and len(word) - 2 >= r1 for e in STEP2_ENDINGS):
        word = word[:-1]
    # Step 3: the longest of lig, ig, els (delete), löst → lös, fullt → full, in R1.
    for suffix, replacement in (("fullt", "full"), ("löst", "lös"), ("lig", ""), ("els", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("ig") and len(word) - 2 >= r1:
            word = word[:-2]
    # Addition: give back the e of a syncopated stem (läkemedl → läkemedel).
    if len(word) >= 4:
        word = SYNCOPE.sub(lambda m: m.group(0)[:-1] + "e" + m.group(1), word)
    return word


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")]


def stems(text: str, *, keep_stop_words: bool = False) -> list[str]:
    """The stems of every word of ``text``, in order (stop words left out by default)."""
    return [stem(w) for w in words(text) if keep_stop_words or w not in STOP_WORDS]


def stemmed_text(text: str) -> str:
    """``text`` as a space-separated line of stems, for the index."""
    return " ".join(stems(text))
