"""Reading the next message while the current one is being answered.

Reading a message (``service.understand``) is mostly waiting for the document worker, a
process of its own that extracts the letter's text; answering it (matching, the case, the
letter in two formats, the emails) is work in this process. So ``service.process`` claims
the next message in line before it answers the current one and has it read here, on a
thread, meanwhile: both cores work at once. The next message is claimed first, so no other
worker reads it too.

A reading writes nothing, so a crash or a stop loses nothing: the thread is a daemon thread
(it never holds up the exit), and a message whose reading was cut short is read again when
it is processed. ``take`` hands over the reading of a message, waiting for it if need be;
what the reading raised is raised there, as if the message had been read in place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Reading(Generic[T]):
    """One reading in progress on its own thread."""

    def __init__(self, read: Callable[[], T]) -> None:
        self._read = read
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="read-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._read()
        except BaseException as err:  # handed to whoever takes the reading
            self._error = err
        finally:
            self._done.set()

    def result(self) -> T:
        """What ``read`` returned, once it has; raises what it raised."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


class ReadAhead(Generic[T]):
    """Readings of messages claimed but not yet processed, by key (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readings: dict[int, Reading[T]] = {}

    def start(self, key: int, read: Callable[[], T]) -> None:
        """Read ``key`` on a thread of its own, unless it is being read already."""
        with self._lock:
            if key not in self._readings:
                self._readings[key] = Reading(read)

    def take(self, key: int) -> Reading[T] | None:
        """The reading of ``key``, if one was started; it is forgotten here."""
        with self._lock:
            return self._readings.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._readings)

    def forget(self, key: int) -> None:
        """Drop a reading nobody will take (its message was given back unprocessed)."""
        self.take(key)
