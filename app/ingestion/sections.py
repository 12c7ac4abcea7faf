"""A part of an import document: a list of models, or, for a large document, a spooled part.

A spooled part keeps its valid items as JSON lines in a temporary file and validates them again
on each pass (about 0.45 s for 100k contacts), so that a document of 100k items never holds
them all as models at once (about 130 MB for 100k contacts, beside the JSON objects they were
made from). The checks and the write plan read both alike: they iterate a part, take its
length, and narrow or order it with `where` and `ordered`.
"""

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO, Generic, TypeVar, cast

import orjson

from app.ingestion.schemas import Item

T = TypeVar("T", bound=Item)
K = TypeVar("K")

_BLOCK = 1 << 20


class Spooled(Generic[T]):
    """The items of one part, as JSON lines in a temporary file (deleted when closed)."""

    def __init__(self, model: type[T]) -> None:
        self.model = model
        # As long as the part: closed by `close` (the document's, when its import ends).
        self.file: BinaryIO = cast(BinaryIO, tempfile.TemporaryFile())  # noqa: SIM115
        self.count = 0
        self.derived: list[Spooled[T]] = []  # copies made of it, closed with it

    def add(self, item: Any) -> None:
        """One valid item, as the JSON value it was read from."""
        self._write(orjson.dumps(item))

    def _write(self, line: bytes) -> None:
        self.file.write(line)
        self.file.write(b"\n")
        self.count += 1

    def close(self) -> None:
        for part in self.derived:
            part.close()
        self.file.close()

    def __len__(self) -> int:
        return self.count

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        """(offset, line) of each item. Each pass reads at its own offset, so that two passes
        over one part may be under way at once."""
        self.file.flush()
        fd, offset, rest = self.file.fileno(), 0, b""
        while block := os.pread(fd, _BLOCK, offset + len(rest)):
            lines = (rest + block).split(b"\n")
            rest = lines.pop()
            for line in lines:
                yield offset, line
                offset += len(line) + 1

    def _model(self, line: bytes) -> T:
        return self.model.model_validate(orjson.loads(line))

    def __iter__(self) -> Iterator[T]:
        return (self._model(line) for _, line in self._lines())

    def _copy(self, lines: Iterable[bytes], *, derived: bool = True) -> "Spooled[T]":
        part = Spooled(self.model)
        try:
            for line in lines:
                part._write(line)
        except BaseException:
            part.close()
            raise
        if derived:
            self.derived.append(part)
        return part

    def each(self, change: Callable[[int, T], None]) -> "Spooled[T]":
        """A copy with `change` made to each item (given its index), that stands in for this
        one (not closed with it)."""
        def changed() -> Iterator[bytes]:
            for index, model in enumerate(self):
                change(index, model)
                yield orjson.dumps(model.model_dump(mode="json", by_alias=True, exclude_unset=True))

        return self._copy(changed(), derived=False)

    def where(self, keep: Callable[[T], bool]) -> "Spooled[T]":
        return self._copy(line for _, line in self._lines() if keep(self._model(line)))

    def ordered(self, key: Callable[[T], Any]) -> "Spooled[T]":
        """A copy in the order of `key`, holding only each item's key and place meanwhile."""
        places = sorted(((key(self._model(line)), offset, len(line))
                         for offset, line in self._lines()), key=lambda p: p[0])
        fd = self.file.fileno()
        return self._copy(os.pread(fd, size, offset) for _, offset, size in places)


Part = Sequence[T] | Spooled[T]


def where(items: Part[T], keep: Callable[[T], bool]) -> Part[T]:
    return items.where(keep) if isinstance(items, Spooled) else [i for i in items if keep(i)]


def each(items: Part[T], change: Callable[[int, T], None]) -> Part[T]:
    """`items` with `change` made to each: a list in place, a spooled part as a copy (this one
    closed)."""
    if not isinstance(items, Spooled):
        for index, item in enumerate(items):
            change(index, item)
        return items
    changed = items.each(change)
    items.close()
    return changed


def ordered(items: Part[T], key: Callable[[T], Any]) -> Part[T]:
    return items.ordered(key) if isinstance(items, Spooled) else sorted(items, key=key)


def chunks(items: Iterable[K], size: int,
           together: Callable[[K], Any] | None = None) -> Iterator[list[K]]:
    """`items` in consecutive lists of about `size`, a spooled part read as it goes; items of
    one `together` key are never split between two lists."""
    chunk: list[K] = []
    for item in items:
        if chunk and len(chunk) >= size and (together is None
                                             or together(item) != together(chunk[-1])):
            # Popped from a list of its own, so that this generator holds no reference to the
            # list it gives while it waits (a batch of models let go once shaped).
            full, chunk = [chunk], []
            yield full.pop()
        chunk.append(item)
    if chunk:
        full, chunk = [chunk], []
        yield full.pop()
