"""The letter as a Word document (.docx), as a medical group's office or a patient types it.

``letter_docx`` writes a ``Letter`` with python-docx: the organisation in bold, the letterhead,
date, recipient and member lines, the title as a heading, the paragraphs (``"## "`` headings,
``"- "`` bullets) and the regulator's statement in bold. python-docx stamps the archive's
entries with the current time, so the archive is written again with every entry dated
``created`` and the document's own properties set to it: the same call gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.shared import Pt

from .dates import _require_aware
from .model import Letter


def letter_docx(letter: Letter, *, created: datetime, author: str) -> bytes:
    """The letter as a .docx, dated ``created`` (timezone-aware), written by ``author``."""
    moment = _require_aware(created)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    heading = document.add_paragraph()
    heading.add_run(letter.organisation).bold = True
    for line in letter.letterhead:
        document.add_paragraph(line)
    document.add_paragraph(letter.date_line)
    if letter.recipient:
        document.add_paragraph("\n".join(letter.recipient))
    for label, value in letter.member_block:
        entry = document.add_paragraph()
        entry.add_run(f"{label}: ").bold = True
        entry.add_run(value)
    document.add_heading(letter.title, level=1)
    for paragraph in (*letter.paragraphs, *letter.closing_block()):
        if paragraph == "\f":
            continue  # a page break is layout; the text is the same without it
        if paragraph.startswith("## "):
            document.add_heading(paragraph[3:], level=2)
        elif paragraph.startswith("- "):
            document.add_paragraph(paragraph[2:], style="List Bullet")
        else:
            document.add_paragraph(paragraph)
    if letter.statement:
        document.add_paragraph().add_run(letter.statement).bold = True
    properties = document.core_properties
    properties.author = author
    properties.last_modified_by = author
    properties.title = letter.title
    properties.comments = ""
    properties.created = moment.replace(tzinfo=None)
    properties.modified = moment.replace(tzinfo=None)
    properties.last_printed = moment.replace(tzinfo=None)
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _restamped(out.getvalue(), moment)


def _restamped(archive: bytes, moment: datetime) -> bytes:
    """The same archive, every entry dated ``moment`` (python-docx uses the clock)."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
