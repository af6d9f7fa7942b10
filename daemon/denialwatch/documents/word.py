"""The text of a Word attachment: DOCX through python-docx, Word 97-2003 through antiword.

Both are read in the document worker (``documents.worker``), bounded by the PDF time and
memory settings. A DOCX is a ZIP archive, so before python-docx opens it the archive's
directory is checked: at most ``MAX_ENTRIES`` files holding at most ``MAX_UNPACKED_MB``
unpacked. Those are the sizes the archive declares, and they are a real bound: Python's
``zipfile`` never returns more bytes of a file than its declared size (and then checks the
CRC), so a ZIP bomb that lies about its sizes is cut short, then refused as damaged.
python-docx parses the XML with lxml without resolving entities.

The text is the body in reading order (paragraphs and tables as they come, each table row one
line with its cells joined by `` | ``, a merged cell once), after the first section's header
(letterheads live there) and before its footer; text boxes and comments are not read. A
DOCX is one page: Word decides page breaks only when it lays the document out.

A legacy ``.doc`` is read by ``antiword`` when it is installed (found on ``PATH`` at run time;
Debian package ``antiword``); otherwise it is "Word 97-2003 document: save as .docx or PDF and
send again", which is what the patient can do about it.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from typing import Any

from denialwatch.documents import worker
from denialwatch.documents.layout import CELL_SEPARATOR
from denialwatch.errors import DocumentError

MAX_ENTRIES = 2000
MAX_UNPACKED_MB = 200
DOC_NEEDS_CONVERSION = "Word 97-2003 document: save as .docx or PDF and send again"
DOCX_DAMAGED = "Word document could not be read: damaged"
_MB = 1024 * 1024


def read_docx(data: bytes, *, timeout_seconds: float, memory_mb: int) -> str:
    """The text of a DOCX; raises ``DocumentError`` with a plain reason."""
    return worker.run(
        docx_text,
        (data,),
        what="Word document",
        timeout_seconds=timeout_seconds,
        memory_mb=memory_mb,
    )


def read_doc(data: bytes, *, antiword: str | None, timeout_seconds: float, memory_mb: int) -> str:
    """The text of a Word 97-2003 file through the ``antiword`` program at ``antiword``;
    raises ``DocumentError`` (asking for a DOCX or PDF when the program is not there)."""
    if antiword is None:
        raise DocumentError(DOC_NEEDS_CONVERSION)
    return worker.run(
        doc_text,
        (data, antiword, timeout_seconds),
        what="Word 97-2003 document",
        timeout_seconds=timeout_seconds + 5.0,
        memory_mb=memory_mb,
    )


# -- in the worker process ------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    """The worker's task: check the archive, then read the document in order."""
    import docx

    _check_archive(data)
    # Whatever python-docx raises on a broken file is damage, as the worker reports it.
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0] if document.sections else None
    lines: list[str] = []
    if section is not None:
        lines += _first_header(section, footer=False)
    lines += _block_lines(document)
    if section is not None:
        lines += _first_header(section, footer=True)
    return "\n".join(lines)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise DocumentError(DOCX_DAMAGED) from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_MB * _MB:
        raise DocumentError(f"Word document too large: more than {MAX_UNPACKED_MB} MB unpacked")


def _first_header(section: Any, *, footer: bool) -> list[str]:
    """The lines of the header (or footer) of a letter's first page, if it has one."""
    first = section.different_first_page_header_footer
    if footer:
        part = section.first_page_footer if first else section.footer
    else:
        part = section.first_page_header if first else section.header
    # A header "linked to previous" in the first section is none; reading it would add one.
    return [] if part.is_linked_to_previous else list(_block_lines(part))


def _block_lines(container: Any) -> Iterator[str]:
    """Paragraphs and table rows of a document, header, footer or cell, in order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = _row_cells(row)
                if cells:
                    yield CELL_SEPARATOR.join(cells)
        elif block.text.strip():
            yield block.text


def _row_cells(row: Any) -> list[str]:
    texts: list[str] = []
    seen: list[object] = []
    for cell in row.cells:
        # A cell merged across columns comes back once per column it spans.
        if any(cell._tc is element for element in seen):
            continue
        seen.append(cell._tc)
        text = " ".join(" ".join(_block_lines(cell)).split())
        if text:
            texts.append(text)
    return texts


def doc_text(data: bytes, antiword: str, timeout_seconds: float) -> str:
    """The worker's task: antiword on a private temporary copy of the file."""
    with tempfile.NamedTemporaryFile(suffix=".doc") as copy:
        copy.write(data)
        copy.flush()
        try:
            done = subprocess.run(
                [antiword, "-m", "UTF-8.txt", "-w", "0", copy.name],
                capture_output=True,
                timeout=timeout_seconds,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise DocumentError(DOC_NEEDS_CONVERSION) from None
        except subprocess.TimeoutExpired:
            raise DocumentError(
                f"Word 97-2003 document took longer than {timeout_seconds:g} s"
            ) from None
    if done.returncode != 0:
        raise DocumentError("Word 97-2003 document could not be read: damaged")
    return done.stdout.decode("utf-8", "replace").strip()
