"""The text of a PDF, read in a worker process that is bounded in pages, time and memory.

PDFs come from strangers' mailboxes, and pdfminer (under pdfplumber) is pure Python: a
crafted or merely broken file can loop for minutes or allocate gigabytes. So PDFs are read
in a separate worker process, never in the service itself:

- **time**: the service waits ``timeout_seconds`` for the answer, then kills the worker;
- **memory**: the worker caps its own address space with ``RLIMIT_AS`` at what it needed
  to start plus ``memory_mb``, so a PDF that needs more fails inside the worker with
  ``MemoryError``; the worker is retired after that, and whenever it has grown by half
  the allowance, so one document's leftovers never shrink the next one's;
- **pages**: at most ``max_pages`` are read, each page closed as soon as its text is taken,
  so memory stays flat on long documents.

Every failure becomes a ``DocumentError`` whose message is one of a few plain reasons
("encrypted PDF: password needed", "PDF could not be read: damaged", "PDF took longer than
60 s", "PDF needed more than 1024 MB"); nothing from a document is ever logged.

Why one long-lived worker and not a process per PDF: the worker is started with the
"spawn" method (never "fork": the service runs threads, and forking a threaded process can
copy a held lock into the child), and multiprocessing re-imports the main module in every
process it starts that way, which for the ``denialwatch`` command is the whole application.
"forkserver" does not avoid it on Python 3.11 (its preload of ``__main__`` never takes
effect), so each fresh process costs about 0.65 s before it reads a byte. Paid per PDF that
was too much; paid once per worker it is small, and each PDF then costs a pipe round trip
(measured: 1.2 ms against 1.0 ms in-process for a one-line PDF, medians of 150). The worker
is replaced after ``READS_PER_WORKER`` documents, after a timeout or a memory failure, and
when it dies; calls are serialised by a lock, one PDF at a time. A worker left behind by a
killed service exits when its pipe closes or its parent changes.

``scanned`` is true when some page read has no text layer but an image covering at least
a quarter of it: a letter that was printed and scanned, which only OCR can read.
"""

from __future__ import annotations

import gc
import io
import logging
import multiprocessing
import os
import resource
import threading
import time
import warnings
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from denialwatch.errors import DocumentError

log = logging.getLogger(__name__)

READS_PER_WORKER = 200
_START_SECONDS = 60.0
"""How long a new worker may take to import its modules and say it is ready."""
_GRACE_SECONDS = 2.0
_SCAN_COVERAGE = 0.25
"""Share of a page an image must cover for a page without text to count as scanned."""
_MB = 1024 * 1024

_CONTEXT = multiprocessing.get_context("spawn")
_lock = threading.Lock()
_worker: _Worker | None = None


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]
    """The text of each page read, in order; an empty string for a page without text."""
    page_count: int
    """All the pages in the document, read or not."""
    truncated: bool
    """The document has more pages than ``max_pages``; only those were read."""
    encrypted: bool
    scanned: bool


def read_pdf(
    data: bytes,
    *,
    max_pages: int,
    timeout_seconds: float,
    memory_mb: int,
    password: str = "",
) -> PdfText:
    """Read a PDF's text within the bounds; raises ``DocumentError`` with a plain reason."""
    started = time.monotonic()
    with _lock:
        answer = _ask((data, max_pages, password), memory_mb, timeout_seconds)
    elapsed_ms = (time.monotonic() - started) * 1000
    if answer is None:
        log.info("pdf read timed out: size=%d elapsed_ms=%.0f", len(data), elapsed_ms)
        raise DocumentError(f"PDF took longer than {timeout_seconds:g} s")
    kind, value = answer
    log.debug("pdf read: size=%d outcome=%s elapsed_ms=%.0f", len(data), kind, elapsed_ms)
    if kind == "ok" and isinstance(value, PdfText):
        return value
    if kind == "memory":
        raise DocumentError(f"PDF needed more than {memory_mb} MB")
    if kind == "password":
        raise DocumentError(
            "encrypted PDF: wrong password" if password else "encrypted PDF: password needed"
        )
    if kind == "encryption":
        raise DocumentError("encrypted PDF: encryption not supported")
    if kind == "unavailable":
        raise DocumentError("PDF could not be read: the PDF reader did not start")
    raise DocumentError("PDF could not be read: damaged")


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    memory_mb: int
    reads: int = 0

    @classmethod
    def start(cls, memory_mb: int) -> _Worker | None:
        ours, theirs = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_worker_main, args=(theirs, memory_mb), name="denialwatch-pdf", daemon=True
        )
        process.start()
        theirs.close()
        worker = cls(process, ours, memory_mb)
        try:
            if ours.poll(_START_SECONDS) and ours.recv() == "ready":
                log.info("pdf worker started: pid=%s", process.pid)
                return worker
        except (EOFError, OSError):
            pass
        log.warning("pdf worker did not start: exitcode=%s", process.exitcode)
        worker.stop(kill=True)
        return None

    def stop(self, *, kill: bool = False) -> None:
        """End the worker: an idle one exits when its pipe closes, a busy one is killed."""
        self.connection.close()
        if not kill:
            self.process.join(_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(_GRACE_SECONDS)
        if self.process.exitcode is not None:
            self.process.close()


def _ask(
    request: tuple[bytes, int, str], memory_mb: int, timeout_seconds: float
) -> tuple[str, object] | None:
    """Send one PDF to the worker; None on timeout. Replaces the worker when it must go."""
    global _worker  # noqa: PLW0603 - the one worker of this process, guarded by _lock
    if _worker is not None and (_worker.memory_mb != memory_mb or not _worker.process.is_alive()):
        _worker.stop()
        _worker = None
    if _worker is None:
        _worker = _Worker.start(memory_mb)
        if _worker is None:
            return ("unavailable", "")
    worker = _worker
    answer: tuple[str, object] | None
    retire = True
    try:
        worker.connection.send(request)
        if worker.connection.poll(timeout_seconds):
            kind, value, retire = worker.connection.recv()
            answer = (kind, value)
        else:
            answer = None
    except (EOFError, OSError):
        answer = ("died", "")
    worker.reads += 1
    failed = answer is None or answer[0] in ("memory", "died")
    if failed or retire or worker.reads >= READS_PER_WORKER:
        worker.stop(kill=answer is None)
        _worker = None
    return answer


# -- in the worker process ------------------------------------------------------------------


def _worker_main(connection: Connection, memory_mb: int) -> None:
    # pdfminer warns in words taken from the file; nothing of it may reach the journal.
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    import pdfplumber  # noqa: F401 - imported before the baseline is measured

    baseline = _address_space()
    _limit_address_space(baseline + memory_mb * _MB)
    connection.send("ready")
    while True:
        try:
            data, max_pages, password = connection.recv()
        except EOFError:
            return
        except MemoryError:
            outcome: tuple[str, object] = ("memory", "")
        else:
            outcome = _read(data, max_pages, password)
            del data
        retire = outcome[0] == "memory" or _grown(baseline + memory_mb * _MB // 2)
        try:
            connection.send((*outcome, retire))
        except MemoryError:
            os._exit(3)


def _grown(threshold: int) -> bool:
    """Whether the worker outgrew ``threshold`` even after collecting garbage. A full
    collection costs about 20 ms, so it runs only when the cheap check says so."""
    if _address_space() <= threshold:
        return False
    gc.collect()
    return _address_space() > threshold


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _limit_address_space(limit: int) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _read(data: bytes, max_pages: int, password: str) -> tuple[str, object]:
    outcome = _try_read(data, max_pages, password)
    if outcome[0] == "password" and password:
        # Many PDFs are encrypted with an empty user password (only printing or copying is
        # restricted); a password that does not fit them should not stop the reading.
        retry = _try_read(data, max_pages, "")
        return retry if retry[0] == "ok" else outcome
    return outcome


def _try_read(data: bytes, max_pages: int, password: str) -> tuple[str, object]:
    try:
        return ("ok", _extract(data, max_pages, password))
    except MemoryError:
        return ("memory", "")
    except Exception as err:
        # Whatever pdfminer raises on a broken file is, to the reader of the mail, damage.
        return (_failure_kind(err), "")


def _failure_kind(err: BaseException) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    causes = [err, *err.args, err.__cause__, err.__context__]
    if any(isinstance(cause, PDFPasswordIncorrect) for cause in causes):
        return "password"
    if any(isinstance(cause, PDFEncryptionError) for cause in causes):
        return "encryption"
    if any(isinstance(cause, MemoryError) for cause in causes):
        return "memory"
    return "damaged"


def _extract(data: bytes, max_pages: int, password: str) -> PdfText:
    import pdfplumber

    # Not a context manager: PDF.close() walks every page again, even the unread ones.
    pdf = pdfplumber.open(io.BytesIO(data), password=password)
    encrypted = getattr(pdf.doc, "encryption", None) is not None
    pages = pdf.pages
    texts: list[str] = []
    scanned = False
    for page in pages[:max_pages]:
        source = page.dedupe_chars() if _has_doubled_chars(page) else page
        text = str(source.extract_text() or "")
        if not text.strip():
            scanned = scanned or _mostly_image(page)
        texts.append(text)
        source.close()
        page.close()
    return PdfText(
        pages=tuple(texts),
        page_count=len(pages),
        truncated=len(pages) > max_pages,
        encrypted=encrypted,
        scanned=scanned,
    )


def _has_doubled_chars(page: Any) -> bool:
    """Whether the page prints glyphs twice in place (fake bold: "DDeenniieedd").

    pdfplumber's ``dedupe_chars`` fixes that but triples the time of a page, so it runs
    only where more than one glyph in twenty repeats at the same spot.
    """
    seen: set[tuple[str, int, int]] = set()
    repeats = 0
    chars = page.chars
    for char in chars:
        key = (str(char["text"]), round(float(char["x0"])), round(float(char["top"])))
        repeats += key in seen
        seen.add(key)
    return repeats * 20 > len(chars)


def _mostly_image(page: Any) -> bool:
    """Whether some image covers a good part of the page (pdfplumber's Page is untyped)."""
    width, height = float(page.width), float(page.height)
    if width <= 0 or height <= 0:
        return False
    for image in page.images:
        w = abs(float(image["x1"]) - float(image["x0"]))
        h = abs(float(image["bottom"]) - float(image["top"]))
        if w * h >= _SCAN_COVERAGE * width * height:
            return True
    return False
