"""What a file is, from its first bytes: never from its name or its declared type.

A patient's phone may send a scanned letter as ``application/octet-stream`` named
``IMG_2041``, and a mailer may call a PDF ``text/plain``; the reader chosen for a file must
follow its content. Signatures checked:

- PDF: ``%PDF-`` anywhere in the first 1024 bytes (readers accept junk before it, and some
  mailers and scanners put it there);
- PNG, JPEG, GIF, TIFF: their magic numbers;
- HEIC/HEIF (iPhone photos): an ISO base-media ``ftyp`` box with a HEIF brand;
- DOCX: a ZIP archive holding ``word/document.xml`` (other ZIPs are ``OTHER``);
- DOC: an OLE2 compound file with a ``WordDocument`` stream (Excel or Outlook ``.msg`` files
  share the container and are ``OTHER``);
- TEXT: no NUL byte and valid UTF-8 (or, failing that, mostly printable single-byte text)
  in the first 8 KiB.

Only the beginning of the data is examined, except for DOCX, where the ZIP's central
directory (at the end) is read without decompressing anything.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from enum import StrEnum


class FileKind(StrEnum):
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    GIF = "gif"
    TIFF = "tiff"
    HEIC = "heic"
    DOCX = "docx"
    DOC = "doc"
    TEXT = "text"
    OTHER = "other"
    """Empty, or none of the above (including ZIPs that are not DOCX)."""


_PDF_WINDOW = 1024
_TEXT_WINDOW = 8192
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_PREFIXES = (
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
    (b"\xff\xd8\xff", FileKind.JPEG),
    (b"GIF87a", FileKind.GIF),
    (b"GIF89a", FileKind.GIF),
    (b"II*\x00", FileKind.TIFF),
    (b"MM\x00*", FileKind.TIFF),
)


def sniff(data: bytes) -> FileKind:
    """The kind of file ``data`` is, judged by content alone."""
    if not data:
        return FileKind.OTHER
    if b"%PDF-" in data[:_PDF_WINDOW]:
        return FileKind.PDF
    kind = next((kind for prefix, kind in _PREFIXES if data.startswith(prefix)), None)
    if kind is None and data[4:8] == b"ftyp" and _is_heif(data):
        kind = FileKind.HEIC
    elif kind is None and data.startswith(b"PK\x03\x04"):
        kind = FileKind.DOCX if _is_docx(data) else FileKind.OTHER
    elif kind is None and data.startswith(_OLE2):
        # The directory sits in the first sectors of a .doc; 64 KiB covers ordinary files.
        kind = FileKind.DOC if _WORD_STREAM in data[:65536] else FileKind.OTHER
    if kind is None:
        kind = FileKind.TEXT if _is_text(data[:_TEXT_WINDOW]) else FileKind.OTHER
    return kind


def _is_heif(data: bytes) -> bool:
    box_size = int.from_bytes(data[0:4], "big")
    brands = data[8:12] + data[16 : min(box_size, 64)]
    return any(brands[i : i + 4] in _HEIF_BRANDS for i in range(0, len(brands) - 3, 4))


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.NameToInfo
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return False


def _is_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        # Not final: the window may cut a multi-byte character in half.
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        text = sample.decode("latin-1")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return control <= len(text) // 100
