"""One long-lived worker process that reads untrusted documents within time and memory bounds.

PDFs, images and Word files come from strangers' mailboxes, and the libraries that read them
(pdfminer is pure Python; Pillow, pdfium, libheif and lxml are C) can loop for minutes or
allocate gigabytes on a crafted or merely broken file. So every document is read in a worker
process, never in the service itself:

- **time**: the service waits ``timeout_seconds`` for the answer, then kills the worker's whole
  process group, which takes along any program the worker started (Tesseract, antiword);
- **memory**: the worker caps its own address space with ``RLIMIT_AS`` at what it needed to
  start plus ``memory_mb``, so a document that needs more fails inside the worker with
  ``MemoryError``; programs it starts inherit that limit (rlimits survive fork and exec). The
  worker is retired after a memory failure, and whenever it has grown by half the allowance,
  so one document's leftovers never shrink the next one's;
- **files**: the worker's temporary files (Tesseract reads its page from one) go to a private
  directory that the service removes whenever it stops the worker, killed or not.

A task is a top-level function of a ``denialwatch.documents`` module, sent by reference (the
worker imports it); it returns a picklable value or raises ``DocumentError`` with a plain
reason. ``run`` turns everything else into a ``DocumentError`` naming only what was read: "PDF
took longer than 60 s", "image needed more than 1024 MB", "Word document could not be read:
damaged". Nothing from a document is ever logged.

Why one long-lived worker and not a process per document: the worker is started with the
"spawn" method (never "fork": the service runs threads, and forking a threaded process can
copy a held lock into the child), and multiprocessing re-imports the main module in every
process it starts that way, which for the ``denialwatch`` command is the whole application.
"forkserver" does not avoid it on Python 3.11 (its preload of ``__main__`` never takes
effect), so each fresh process costs about 0.65 s before it reads a byte. Paid per document
that was too much; paid once per worker it is small, and each document then costs a pipe
round trip (measured: 1.2 ms against 1.0 ms in-process for a one-line PDF, medians of 150).
The worker is replaced after ``READS_PER_WORKER`` documents, after a timeout or a memory
failure, and when it dies; calls are serialised by a lock, one document at a time. A worker
left behind by a killed service exits when its pipe closes or its parent changes.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import logging
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar, cast

from denialwatch.errors import DocumentError

log = logging.getLogger(__name__)

T = TypeVar("T")

READS_PER_WORKER = 200
_START_SECONDS = 60.0
"""How long a new worker may take to import its modules and say it is ready."""
_GRACE_SECONDS = 2.0
_MB = 1024 * 1024
_PRELOAD = (
    "pdfplumber",
    "pypdfium2",
    "PIL.Image",
    "PIL.ImageOps",
    "pytesseract",
    "docx",
    "pillow_heif",
    "denialwatch.documents.pdf",
    "denialwatch.documents.ocr",
    "denialwatch.documents.images",
    "denialwatch.documents.word",
)
"""Imported before the worker's baseline is measured, so they do not eat the allowance."""

_CONTEXT = multiprocessing.get_context("spawn")
_lock = threading.Lock()
_worker: _Worker | None = None


def run(
    task: Callable[..., T],
    args: tuple[Any, ...],
    *,
    what: str,
    timeout_seconds: float,
    memory_mb: int,
    damaged: str | None = None,
) -> T:
    """``task(*args)`` in the worker within the bounds; raises ``DocumentError``.

    ``what`` names the kind of document in the reasons ("PDF", "image", "Word document");
    ``damaged`` replaces "<what> could not be read: damaged" when the reader crashed.
    """
    started = time.monotonic()
    with _lock:
        answer = _ask((task, args), memory_mb, timeout_seconds)
    elapsed_ms = (time.monotonic() - started) * 1000
    kind, value = answer if answer is not None else ("timeout", None)
    log.debug("document task: task=%s outcome=%s elapsed_ms=%.0f", task.__name__, kind, elapsed_ms)
    if kind == "ok":
        return cast(T, value)
    if kind == "timeout":
        log.info("document task timed out: task=%s elapsed_ms=%.0f", task.__name__, elapsed_ms)
        raise DocumentError(f"{what} took longer than {timeout_seconds:g} s")
    if kind == "memory":
        raise DocumentError(f"{what} needed more than {memory_mb} MB")
    if kind == "error":
        raise DocumentError(str(value))
    if kind == "unavailable":
        raise DocumentError(f"{what} could not be read: the {what} reader did not start")
    raise DocumentError(damaged or f"{what} could not be read: damaged")


def stop() -> None:
    """Stop the worker, if one runs, once it has finished the document it is reading."""
    global _worker  # noqa: PLW0603 - the one worker of this process, guarded by _lock
    with _lock:
        if _worker is not None:
            _worker.stop(kill=True)
            _worker = None


@atexit.register
def _kill_at_exit() -> None:
    # Without the lock: a thread may be waiting on a long read, and exit must not wait for
    # it. Multiprocessing would only terminate the worker, not the Tesseract it runs.
    worker = _worker
    if worker is not None:
        with contextlib.suppress(ValueError, OSError):  # a thread stopped it meanwhile
            worker.stop(kill=True)


def process_group() -> int | None:
    """The process group of the running worker and the programs it started (for tests and
    diagnostics); None when no worker runs."""
    worker = _worker
    return worker.process.pid if worker is not None else None


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    memory_mb: int
    scratch: str
    reads: int = 0

    @classmethod
    def start(cls, memory_mb: int) -> _Worker | None:
        scratch = tempfile.mkdtemp(prefix="denialwatch-worker-")
        ours, theirs = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_worker_main,
            args=(theirs, memory_mb, scratch),
            name="denialwatch-documents",
            daemon=True,
        )
        process.start()
        theirs.close()
        worker = cls(process, ours, memory_mb, scratch)
        try:
            if ours.poll(_START_SECONDS) and ours.recv() == "ready":
                log.info("document worker started: pid=%s", process.pid)
                return worker
        except (EOFError, OSError):
            pass
        log.warning("document worker did not start: exitcode=%s", process.exitcode)
        worker.stop(kill=True)
        return None

    def stop(self, *, kill: bool = False) -> None:
        """End the worker: an idle one exits when its pipe closes, a busy one is killed with
        the programs it started; its temporary files go with it."""
        self.connection.close()
        if not kill:
            self.process.join(_GRACE_SECONDS)
        if self.process.is_alive():
            self._kill_group()
            self.process.kill()
            self.process.join(_GRACE_SECONDS)
        if self.process.exitcode is not None:
            self.process.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def _kill_group(self) -> None:
        pid = self.process.pid
        if pid is None:
            return
        with contextlib.suppress(OSError):
            # Only a group the worker made itself (it leads it); never the service's own.
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)


def _ask(
    request: tuple[Callable[..., Any], tuple[Any, ...]], memory_mb: int, timeout_seconds: float
) -> tuple[str, object] | None:
    """Send one task to the worker; None on timeout. Replaces the worker when it must go."""
    global _worker  # noqa: PLW0603 - the one worker of this process, guarded by _lock
    if _worker is not None and (_worker.memory_mb != memory_mb or not _worker.process.is_alive()):
        _worker.stop()
        _worker = None
    if _worker is None:
        _worker = _Worker.start(memory_mb)
        if _worker is None:
            return ("unavailable", None)
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
        answer = ("died", None)
    worker.reads += 1
    failed = answer is None or answer[0] in ("memory", "died")
    if failed or retire or worker.reads >= READS_PER_WORKER:
        worker.stop(kill=answer is None)
        _worker = None
    return answer


# -- in the worker process ------------------------------------------------------------------


def _worker_main(connection: Connection, memory_mb: int, scratch: str) -> None:
    # Its own process group, so that a kill on timeout reaches the programs it starts.
    os.setpgid(0, 0)
    # pdfminer warns in words taken from the file; nothing of it may reach the journal.
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    tempfile.tempdir = scratch
    os.environ["TMPDIR"] = scratch
    # Tesseract's OpenMP threads make it about three times slower on two cores, not faster.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    for name in _PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)

    baseline = _address_space()
    _limit_address_space(baseline + memory_mb * _MB)
    connection.send("ready")
    while True:
        try:
            task, args = connection.recv()
        except EOFError:
            return
        except MemoryError:
            outcome: tuple[str, object] = ("memory", None)
        except Exception:
            outcome = ("failed", None)
        else:
            outcome = _perform(task, args)
            del args
        retire = outcome[0] == "memory" or _grown(baseline + memory_mb * _MB // 2)
        try:
            connection.send((*outcome, retire))
        except MemoryError:
            os._exit(3)


def _perform(task: Callable[..., object], args: tuple[Any, ...]) -> tuple[str, object]:
    try:
        return ("ok", task(*args))
    except DocumentError as err:
        return ("error", str(err))
    except MemoryError:
        return ("memory", None)
    except Exception:
        # A task turns the failures it knows into DocumentError; anything else is damage.
        return ("failed", None)


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
