"""Routine text: Markdown written in the browser, rendered and sanitised; differences.

The text is stored as Markdown. It is rendered by markdown-it-py with raw HTML turned
off, and the result is cleaned by nh3 against an allow-list, so that nothing the
author types (a <script>, a javascript: link) can reach a reader's page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}


def render_markdown(text: str) -> SafeString:
    """Safe HTML for a routine's Markdown text."""
    raw = _markdown.render(text or "")
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
    return mark_safe(clean)  # noqa: S308  (cleaned by nh3 just above)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "same", "gap"
    text: str

    @property
    def marker(self) -> str:
        return {"added": "+", "removed": "−", "same": " ", "gap": "…"}[self.kind]


def diff_lines(old: str, new: str, context: int = 2) -> list[DiffLine]:
    """The lines added and removed from ``old`` to ``new``, with a little context."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    result: list[DiffLine] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if result:
            result.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result.extend(DiffLine("same", line) for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                result.extend(DiffLine("removed", line) for line in a[i1:i2])
            if tag in ("replace", "insert"):
                result.extend(DiffLine("added", line) for line in b[j1:j2])
    return result
