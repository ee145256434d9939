"""Full-text search over routine versions, from an index on both databases.

* PostgreSQL: ``RoutineVersion.search_vector`` (a tsvector with a GIN index) holds the
  title and text through the ``swedish`` configuration, and next to it the stems of
  our own stemmer through ``simple``; a query matches either. The stemmer adds what
  Snowball lacks (``fallet`` → ``fall``), so both databases answer alike.
* SQLite: the FTS5 table ``routines_fts`` holds the same stems; ranked with bm25.

Only versions that someone may read are indexed: drafts, versions in review and the
approved one. An archived version leaves the index (it is still readable by link).
"""

from __future__ import annotations

import html
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet, TextField, Value

from .models import RoutineVersion
from .stemmer import stem, stemmed_text, stems, words

FTS_TABLE = "routines_fts"
# Stems this short match only whole words; longer ones also match compounds (fall → fallrisk).
MIN_PREFIX = 4


def _plain(markdown: str) -> str:
    """Markdown without its syntax, for the index and for snippets."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown or "")  # keep a link's text, drop its target
    return re.sub(r"[#*_`>|\[\]-]+", " ", text)


def index_version(version: RoutineVersion) -> None:
    """Put ``version`` (with its routine's title) in the search index, replacing what was there."""
    title, body = version.routine.title, _plain(version.body)
    if connection.vendor == "postgresql":
        text = TextField()
        RoutineVersion.objects.filter(pk=version.pk).update(
            search_vector=SearchVector(
                Value(title, output_field=text), config="swedish", weight="A"
            )
            + SearchVector(Value(body, output_field=text), config="swedish", weight="B")
            + SearchVector(
                Value(stemmed_text(title), output_field=text), config="simple", weight="A"
            )
            + SearchVector(
                Value(stemmed_text(body), output_field=text), config="simple", weight="B"
            )
        )
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE version_id = %s", [version.pk.hex])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (version_id, title, body) VALUES (%s, %s, %s)",
                [version.pk.hex, stemmed_text(title), stemmed_text(body)],
            )


def unindex_version(version: RoutineVersion) -> None:
    if connection.vendor == "postgresql":
        RoutineVersion.objects.filter(pk=version.pk).update(search_vector=None)
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE version_id = %s", [version.pk.hex])


def query_stems(q: str) -> list[str]:
    """The distinct stems of a query, in order; stop words only if nothing else is left."""
    found = stems(q) or stems(q, keep_stop_words=True)
    return list(dict.fromkeys(s for s in found if s))[:12]


def _term(s: str, *, pg: bool) -> str:
    if pg:
        return f"'{s}':*" if len(s) >= MIN_PREFIX else f"'{s}'"
    return f'"{s}"*' if len(s) >= MIN_PREFIX else f'"{s}"'


def search(versions: QuerySet[RoutineVersion], q: str) -> QuerySet[RoutineVersion]:
    """``versions`` that match ``q`` (every word), best first, answered from the index."""
    terms = query_stems(q)
    if not terms:
        return versions.none()
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config="swedish", search_type="websearch") | SearchQuery(
            " & ".join(_term(s, pg=True) for s in terms), config="simple", search_type="raw"
        )
        return (
            versions.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "routine__title")
        )
    match = " AND ".join(_term(s, pg=False) for s in terms)
    table = versions.model._meta.db_table
    return versions.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.version_id = {table}.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"rank": f"{FTS_TABLE}.rank"},
        order_by=["rank", "routine__title"],
    )


def snippet(markdown: str, q: str, length: int = 180) -> str:
    """A short, escaped passage of the text around the first matching word, marked up."""
    text = " ".join(_plain(markdown).split())
    wanted = query_stems(q)

    def matches(word: str) -> bool:
        s = stem(word)
        return any(s == w or (len(w) >= MIN_PREFIX and s.startswith(w)) for w in wanted)

    start = 0
    for found in re.finditer(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+", text):
        if matches(found.group(0)):
            start = max(0, found.start() - length // 3)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    passage = text[start : start + length]
    out = []
    for piece in re.split(r"([0-9A-Za-zÅÄÖåäöÉéÜü]+)", passage):
        escaped = html.escape(piece)
        out.append(
            f"<mark>{escaped}</mark>" if piece and words(piece) and matches(piece) else escaped
        )
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return prefix + "".join(out) + suffix
