"""Bulk work on large object graphs: pausing the cycle collector, giving memory back after."""

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager

_pauses = 0


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Building a million small objects makes the collector walk all of them again and again:
    parsing and planning a 100k-item import document ran three times slower with it on.
    Reference counting still frees what is dropped; only cycles wait for the last pause to end.
    Nested and concurrent pauses are counted, so the collector resumes once, at the end."""
    global _pauses
    _pauses += 1
    gc.disable()
    try:
        yield
    finally:
        _pauses -= 1
        if not _pauses:
            gc.enable()


# The symbols already loaded into this process, libc's among them; malloc_trim is glibc's only.
_malloc_trim = getattr(ctypes.CDLL(None), "malloc_trim", None)


def give_back_memory() -> None:
    """After a large import, or dropping cached snapshots: the C heap keeps the pages they
    needed, so the process would stay at its peak (about 60 MB above the steady state at 1x
    after an import); return them to the OS.
    No full collection here: the document holds no cycles, and one over the whole heap after
    every document cost more import time than it saved memory."""
    if _malloc_trim is not None:
        _malloc_trim(0)


def keep_out_of_collections() -> None:
    """Long-lived data just built (a cached KPI snapshot: a hundred thousand small objects at
    1x) leaves the cycle collector's generations: every full collection walked them again,
    up to 130 ms with the event loop held (measured), and they hold no cycles to find.
    The young generations are collected first, so little garbage is kept with them; all of it
    returns to the collector at `collect_again`. Not while an import has the collector paused:
    its young generations then hold the whole document."""
    if gc.isenabled():
        gc.collect(1)
    gc.freeze()


def collect_again() -> None:
    """What `keep_out_of_collections` kept out is collected again (after the data it held
    was dropped: reference counting freed that already, the collector finds any cycles)."""
    gc.unfreeze()
