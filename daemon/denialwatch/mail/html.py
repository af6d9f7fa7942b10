"""HTML email bodies to readable plain text.

Many insurers send HTML-only mail, and a forward's header block ("From: ... Subject: ...")
must come out one field per line for ``forwards`` to find it, so the conversion keeps the
document's line structure: block elements and ``<br>`` end lines, paragraphs and headings
are separated by a blank line, list items become "- item" (or "1. item"), and each table
row becomes one line with its cells separated by a tab. Script, style and head content is
dropped; entities are decoded; runs of spaces collapse except inside ``<pre>``.

The standard library's ``html.parser`` is enough: it is lenient with the broken markup
mailers produce and needs no dependency. Should it still fail on some input, the text is
recovered by stripping tags, so a body is never lost to its markup.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})
_PARAGRAPHS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "dl"}
)
_LINES = frozenset(
    {
        "div",
        "tr",
        "li",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "center",
        "form",
        "fieldset",
        "caption",
        "tbody",
        "thead",
        "tfoot",
        "body",
        "html",
    }
)
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


class _TextBuilder(HTMLParser):
    """Collects text; line breaks are owed ("pending") and written only before more text, so
    nested blocks and the whitespace between tags never pile up empty lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._pending = 0
        self._pending_tab = False
        self._skip_depth = 0
        self._pre_depth = 0
        self._lists: list[int] = []
        """One counter per open list: -1 for <ul>, the next number for <ol>."""
        self._cell_open = False

    def _newline(self, count: int = 1) -> None:
        self._pending = max(self._pending, count)
        self._pending_tab = False
        self._cell_open = False

    def _emit(self, text: str) -> None:
        if self.out and self._pending:
            self.out.append("\n" * self._pending)
            text = text.lstrip(" ")
        elif self.out and self._pending_tab:
            self.out.append("\t")
            text = text.lstrip(" ")
        self._pending = 0
        self._pending_tab = False
        if text:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            # A <head> left open would otherwise swallow the whole document.
            self._skip_depth = 0
        if tag in _SKIPPED:
            self._skip_depth += 1
            return
        if self._skip_depth:
            return
        if tag == "br":
            self._pending += 1
        elif tag == "hr":
            self._newline(2)
        elif tag in _CELLS:
            self._pending_tab = self._cell_open and not self._pending
            self._cell_open = True
        elif tag in _PARAGRAPHS:
            self._newline(2)
            if tag == "pre":
                self._pre_depth += 1
            elif tag == "ul":
                self._lists.append(-1)
            elif tag == "ol":
                self._lists.append(1)
        elif tag == "li":
            self._newline()
            self._emit(self._bullet())
        elif tag in _LINES:
            self._newline()

    def _bullet(self) -> str:
        if not self._lists or self._lists[-1] < 0:
            return "- "
        number = self._lists[-1]
        self._lists[-1] += 1
        return f"{number}. "

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if self._skip_depth:
            return
        if tag in _PARAGRAPHS:
            self._newline(2)
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)
            elif tag in ("ul", "ol") and self._lists:
                self._lists.pop()
        elif tag in _LINES:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._pre_depth:
            lines = data.replace("\u00a0", " ").split("\n")
            for number, line in enumerate(lines):
                if number:
                    self._pending += 1
                if line:
                    self._emit(line)
            return
        text = _SPACES.sub(" ", data)
        if text.strip():
            self._emit(text)
        elif text and self.out and not self._pending and not self._pending_tab:
            self.out.append(" ")


def html_to_text(markup: str) -> str:
    """Readable text from an HTML document or fragment; never raises."""
    builder = _TextBuilder()
    try:
        builder.feed(markup)
        builder.close()
        text = "".join(builder.out)
    except Exception:
        # html.parser has raised on rare malformed declarations; the mail still needs a body.
        text = html.unescape(re.sub(r"<[^>]*>", " ", markup))
    return _tidy(text)


def _tidy(text: str) -> str:
    lines = [line.rstrip(" ") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
