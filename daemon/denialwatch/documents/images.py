"""The text of a photo or scan of a letter (JPEG, PNG, TIFF, GIF, HEIC), by OCR in the worker.

Pillow reads an image's size from its header before it decodes a pixel, so the bounds are
checked first, in the document worker (``documents.worker``):

- an image (or a TIFF page) of more than ``max_image_pixels`` is refused, "image too large",
  before it is decoded; Pillow's own decompression-bomb guard (``Image.MAX_IMAGE_PIXELS``, set
  to the same number) stops the worst at ``Image.open``. A 35000 x 35000 image is refused in
  milliseconds;
- a larger one is decoded at reduced scale where the format allows it (JPEG's ``draft``), and
  scaled to at most ``OcrSettings.render_pixels`` before OCR;
- a TIFF may hold several pages (a fax): up to ``max_pages`` are read; a GIF or HEIC is read
  as its first picture;
- an image whose shorter side is under ``MIN_SIDE`` pixels cannot hold a legible page (a
  logo, a signature, a tracking pixel) and is not sent to OCR.

Each picture is turned upright from its EXIF orientation (phone photos), laid on white where
it is transparent (screenshots), made grey, then recognised by ``documents.ocr``. HEIC is read
through pillow-heif when it is installed; without it a HEIC photo is "damaged".
"""

from __future__ import annotations

import io
import math
import time
from typing import TYPE_CHECKING

from denialwatch.documents import worker
from denialwatch.documents.ocr import (
    RENDER_GRACE_SECONDS,
    OcrSettings,
    OcrText,
    Unavailable,
    recognise,
)
from denialwatch.errors import DocumentError

if TYPE_CHECKING:
    from PIL.Image import Image

MIN_SIDE = 200
DAMAGED = "image could not be read: damaged"


def read_image(data: bytes, *, settings: OcrSettings, memory_mb: int) -> OcrText:
    """Recognise the text of an image file; raises ``DocumentError`` with a plain reason."""
    return worker.run(
        recognise_image,
        (data, settings),
        what="image",
        timeout_seconds=settings.timeout_seconds + RENDER_GRACE_SECONDS,
        memory_mb=memory_mb,
    )


def too_large(settings: OcrSettings) -> str:
    return f"image too large to read (over {settings.max_image_pixels} pixels)"


# -- in the worker process ------------------------------------------------------------------

_heif_registered = False


def recognise_image(data: bytes, settings: OcrSettings) -> OcrText:
    """The worker's task: check the size, prepare each picture, recognise it."""
    from PIL import Image as PILImage

    deadline = time.monotonic() + settings.timeout_seconds
    _register_heif()
    PILImage.MAX_IMAGE_PIXELS = settings.max_image_pixels
    try:
        image = PILImage.open(io.BytesIO(data))
    except PILImage.DecompressionBombError:
        raise DocumentError(too_large(settings)) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise DocumentError(DAMAGED) from None
    frames = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
    width, height = image.size
    if min(width, height) < MIN_SIDE:
        return OcrText((), frames, too_small=True)
    texts: list[tuple[int, str]] = []
    complete = True
    try:
        for frame in range(min(frames, settings.max_pages)):
            if time.monotonic() >= deadline:
                complete = False
                break
            page, dpi = _prepare(image, frame, settings)
            text = recognise(page, settings, deadline, dpi=dpi)
            del page
            if text is None:
                complete = False
                break
            texts.append((frame, text))
    except Unavailable:
        return OcrText((), frames, unavailable=True)
    except (OSError, ValueError, SyntaxError, EOFError):
        raise DocumentError(DAMAGED) from None
    return OcrText(tuple(texts), frames, complete)


def _register_heif() -> None:
    global _heif_registered  # noqa: PLW0603 - once per worker process
    if not _heif_registered:
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError:
            pass
        _heif_registered = True


def _prepare(image: Image, frame: int, settings: OcrSettings) -> tuple[Image, int | None]:
    """One picture of ``image``, checked, grey, no larger than OCR needs and upright; with
    the resolution the file states, scaled as the picture was (None when it states none)."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    if frame:
        image.seek(frame)
    width, height = image.size
    if width * height > settings.max_image_pixels:
        raise DocumentError(too_large(settings))
    budget = settings.render_pixels
    if width * height > budget and image.format == "JPEG":
        factor = math.sqrt(budget / (width * height))
        image.draft("L", (max(1, int(width * factor)), max(1, int(height * factor))))
    image.load()
    picture = image
    if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
        rgba = picture.convert("RGBA")
        picture = PILImage.new("RGBA", rgba.size, "white")
        picture.alpha_composite(rgba)
        picture.info = dict(image.info)
    if picture.mode not in ("L", "1"):
        picture = picture.convert("L")
    if picture.width * picture.height > budget:
        factor = math.sqrt(budget / (picture.width * picture.height))
        size = (max(1, int(picture.width * factor)), max(1, int(picture.height * factor)))
        info = picture.info
        picture = picture.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        picture.info = info
    stated = _stated_dpi(image)
    dpi = round(stated * picture.width / width) if stated else None
    # Last, on the grey picture: turning it costs a quarter of turning the colour one.
    upright = ImageOps.exif_transpose(picture) if frame == 0 else picture
    return upright, (dpi if dpi and 70 <= dpi <= 1200 else None)


def _stated_dpi(image: Image) -> float | None:
    """The resolution the file states when it is plausible for a scan; phone photos state
    72, which says nothing, and Tesseract then estimates it from the text."""
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 100 <= value <= 1200 else None
