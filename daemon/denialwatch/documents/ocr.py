"""OCR with Tesseract: the text of scanned PDF pages, within a time bound per document.

Tesseract runs as a program (through pytesseract), started by the document worker
(``documents.worker``), so the bounds are the worker's and the program's own:

- **time**: all the pages of one document share ``timeout_seconds``; each Tesseract run gets
  what is left of it and is killed when it runs out (pytesseract's ``timeout``). The pages
  recognised by then are kept, and ``complete`` says the rest were not reached. The service
  waits that long plus ``RENDER_GRACE_SECONDS`` (for rendering and decoding, which cannot be
  interrupted) before it kills the worker and the Tesseract it started;
- **memory**: Tesseract inherits the worker's address-space limit (``RLIMIT_AS`` survives fork
  and exec: the worker's start size plus ``pdf_memory_mb``, about 100 MB plus the allowance);
  one page needs about 80 MB resident at 300 dpi. One OpenMP thread (``OMP_THREAD_LIMIT=1``,
  set by the worker): on two cores it is three times faster than Tesseract's default;
- **pixels**: a page is rendered at ``dpi`` (or an embedded image's own resolution, when
  higher), never to more pixels than ``render_pixels`` allows; a page holding an image of more
  than ``max_image_pixels`` is refused before anything is decoded (a 35000 x 35000 JBIG2 image
  would take 150 MB at one bit a pixel before any scaling);
- **pages**: at most ``max_pages`` pages of a document are recognised.

Tesseract reads its page from a PNG in the worker's private temporary directory, removed
after each page and, for a killed worker, by the service. Pages are recognised in the
configured languages that are installed (``eng+spa``); when the program or all of its
languages are missing, ``unavailable`` is set and the caller says OCR is not available.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from denialwatch.documents import worker
from denialwatch.documents.pdf import DAMAGED, LOCKED
from denialwatch.errors import DocumentError

if TYPE_CHECKING:
    from PIL.Image import Image

RENDER_GRACE_SECONDS = 15.0
"""What the service allows beyond the OCR time bound for opening, rendering and decoding."""
_LETTER_SQUARE_INCHES = 8.5 * 11


@dataclass(frozen=True)
class OcrSettings:
    """What OCR may use and spend on one document (from the ``[documents]`` configuration)."""

    command: str = "tesseract"
    languages: str = "eng+spa"
    dpi: int = 300
    max_pages: int = 10
    max_image_pixels: int = 80_000_000
    timeout_seconds: float = 120.0

    @property
    def render_pixels(self) -> int:
        """Pixels a page is rendered or scaled to at most: twice a letter page at ``dpi``."""
        return min(self.max_image_pixels, int(2 * _LETTER_SQUARE_INCHES * self.dpi**2))


@dataclass(frozen=True)
class OcrText:
    texts: tuple[tuple[int, str], ...]
    """(page index, text) for each page recognised, in page order."""
    page_count: int
    """Pages (or image frames) in the document, recognised or not."""
    complete: bool = True
    """False when the time bound stopped OCR before the last page it was to read."""
    too_large: tuple[int, ...] = ()
    """Pages refused unread: they hold an image of more than ``max_image_pixels``."""
    unavailable: bool = False
    """Tesseract, or every configured language of it, is missing."""
    too_small: bool = False
    """An image too small to hold a page of text (a logo, a signature): not recognised."""


def ocr_available(settings: OcrSettings) -> bool:
    """Whether the Tesseract program can be found (its languages are checked on use)."""
    import shutil

    return shutil.which(settings.command) is not None


def ocr_pdf(
    data: bytes,
    pages: Sequence[int],
    *,
    passwords: Sequence[str],
    settings: OcrSettings,
    memory_mb: int,
) -> OcrText:
    """Recognise ``pages`` (indexes, at most ``settings.max_pages`` of them) of a PDF."""
    return worker.run(
        recognise_pdf_pages,
        (data, tuple(pages), tuple(passwords), settings),
        what="OCR",
        timeout_seconds=settings.timeout_seconds + RENDER_GRACE_SECONDS,
        memory_mb=memory_mb,
        damaged="scanned PDF could not be read: damaged",
    )


# -- in the worker process ------------------------------------------------------------------


class Unavailable(Exception):
    """Tesseract or its languages are missing (only inside the worker)."""


_languages: dict[tuple[str, str], str] = {}


def recognise(image: Image, settings: OcrSettings, deadline: float, dpi: int | None) -> str | None:
    """The text Tesseract reads in ``image``; None when ``deadline`` passed first, "" when
    Tesseract failed on it. Raises ``Unavailable``."""
    import pytesseract

    left = deadline - time.monotonic()
    if left <= 0:
        return None
    pytesseract.pytesseract.tesseract_cmd = settings.command
    config = f"--psm 3 --dpi {dpi}" if dpi else "--psm 3"
    try:
        text = pytesseract.image_to_string(
            image, lang=_installed(settings), config=config, timeout=max(left, 0.1)
        )
    except OSError:  # pytesseract's TesseractNotFoundError, or a command that cannot run
        raise Unavailable from None
    except pytesseract.TesseractError as err:
        if _out_of_memory(f"{err.status} {err.message}"):
            raise MemoryError from None
        return ""  # the program failed on this page (a broken image)
    except RuntimeError:
        return None  # pytesseract's "Tesseract process timeout"
    return str(text).strip()


def _out_of_memory(error: str) -> bool:
    """Whether Tesseract's complaint is its address-space limit: an allocation that failed
    (C's malloc or C++'s bad_alloc) or a library it could not map."""
    words = error.lower()
    return any(sign in words for sign in ("alloc", "failed to map segment", "out of memory"))


def _installed(settings: OcrSettings) -> str:
    """The configured languages that are installed, as Tesseract's ``-l`` wants them."""
    import pytesseract

    key = (settings.command, settings.languages)
    if key not in _languages:
        try:
            installed = set(pytesseract.get_languages())
        except OSError:  # pytesseract's TesseractNotFoundError among them
            raise Unavailable from None
        wanted = [code for code in settings.languages.split("+") if code in installed]
        _languages[key] = "+".join(wanted)
    if not _languages[key]:
        raise Unavailable
    return _languages[key]


def recognise_pdf_pages(
    data: bytes, pages: tuple[int, ...], passwords: tuple[str, ...], settings: OcrSettings
) -> OcrText:
    """The worker's task: render each page (grey, at ``dpi``) and recognise it."""
    deadline = time.monotonic() + settings.timeout_seconds
    document = _open(data, passwords)
    page_count = len(document)
    texts: list[tuple[int, str]] = []
    too_large: list[int] = []
    complete = True
    try:
        for index in [i for i in pages if 0 <= i < page_count][: settings.max_pages]:
            if time.monotonic() >= deadline:
                complete = False
                break
            page = document[index]
            try:
                scale = _scale(page, settings)
                if scale is None:
                    too_large.append(index)
                    continue
                image = _render(page, scale)
            finally:
                page.close()
            text = recognise(image, settings, deadline, dpi=round(scale * 72))
            del image
            if text is None:
                complete = False
                break
            texts.append((index, text))
    except Unavailable:
        return OcrText((), page_count, unavailable=True)
    finally:
        document.close()
    return OcrText(tuple(texts), page_count, complete, tuple(too_large))


def _open(data: bytes, passwords: tuple[str, ...]) -> Any:
    import pypdfium2 as pdfium

    for password in dict.fromkeys(("", *passwords)):
        try:
            return pdfium.PdfDocument(data, password=password or None)
        except pdfium.PdfiumError as err:
            if "password" not in str(err).lower():
                raise DocumentError(DAMAGED) from None
    raise DocumentError(LOCKED)


def _scale(page: Any, settings: OcrSettings) -> float | None:
    """Points to pixels for rendering ``page``, or None when an image on it is too large."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    scale = settings.dpi / 72
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        try:
            width, height = image.get_px_size()
            left, _bottom, right, _top = image.get_bounds()
        except pdfium.PdfiumError:
            continue
        if width * height > settings.max_image_pixels:
            return None
        if right - left > 1:
            # A scan finer than ``dpi`` keeps its own resolution, up to the pixel cap below.
            scale = max(scale, width / (right - left))
    page_width, page_height = page.get_size()
    area = max(page_width * page_height, 1.0)
    return min(scale, math.sqrt(settings.render_pixels / area))


def _render(page: Any, scale: float) -> Image:
    bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
    try:
        # The PIL image shares the bitmap's buffer, which closing frees: keep a copy.
        image: Image = bitmap.to_pil().copy()
        return image
    finally:
        bitmap.close()
