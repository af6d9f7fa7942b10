"""Readings on their own thread: handed over once, errors raised where they are taken."""

from __future__ import annotations

import threading

import pytest

from denialwatch.service.read_ahead import ReadAhead


def test_a_reading_is_taken_once_with_its_value() -> None:
    ahead: ReadAhead[str] = ReadAhead()
    ahead.start(1, lambda: "read")
    reading = ahead.take(1)
    assert reading is not None
    assert reading.result() == "read"
    assert ahead.take(1) is None


def test_take_waits_for_a_reading_still_going() -> None:
    release = threading.Event()
    ahead: ReadAhead[int] = ReadAhead()

    def slow() -> int:
        release.wait(10)
        return 7

    ahead.start(2, slow)
    reading = ahead.take(2)
    assert reading is not None
    threading.Timer(0.2, release.set).start()
    assert reading.result() == 7


def test_what_the_reading_raised_is_raised_where_it_is_taken() -> None:
    def broken() -> int:
        raise LookupError("no such blob")

    ahead: ReadAhead[int] = ReadAhead()
    ahead.start(3, broken)
    reading = ahead.take(3)
    assert reading is not None
    with pytest.raises(LookupError, match="no such blob"):
        reading.result()


def test_a_key_is_read_once_and_forgetting_drops_it() -> None:
    calls: list[int] = []

    def read(number: int) -> int:
        calls.append(number)
        return number

    ahead: ReadAhead[int] = ReadAhead()
    ahead.start(4, lambda: read(1))
    ahead.start(4, lambda: read(2))
    reading = ahead.take(4)
    assert reading is not None
    assert reading.result() == 1
    assert calls == [1]
    ahead.start(5, lambda: 5)
    ahead.forget(5)
    assert ahead.take(5) is None
