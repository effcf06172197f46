"""Job inputs: which files a job reads, and the documents inside them, streamed.

`list_inputs` follows spec §10 for local paths: a directory selects every regular file
beneath it, recursively, in sorted path order (hidden files too); a file selects itself;
any other path is a prefix, as an S3 key is. Nothing outside the input is ever read: a
symlink is read only when its target is a regular file inside the input folder (the
folder holding a prefix), and is never followed into a folder. Every other entry that
is not a regular file (a link leaving the folder, a dangling link or a loop, a FIFO, a
socket, a device, an unreadable subfolder) becomes an error record of its own, with no
content, and the other files are still read. Files are opened without following links
and checked to be regular again once open, so swapping one in after the listing does
not help either. A file name that is not valid UTF-8 keeps its undecodable bytes as
``\\xNN`` escapes, the same in `File` and in the member name.

`documents` yields a file's documents without reading the file into memory:
ONE_DOC_PER_LINE splits at LF, CR and CRLF only (never `str.splitlines()`), keeps
each line's terminator for redacted copies, and never holds more than one document
of at most `limit` bytes; a longer line or an undecodable one becomes an error
record, and the lines after it are still read.

A line file is also read in parts, by whoever processes them: `line_parts` cuts it into
byte ranges from its listed size alone, and `part_documents` yields the lines that
*start* inside one range (a line starts at byte 0 or just after a terminator), reading
one byte before the range and past its end only to finish its last line. The parts'
lines, in order, are exactly the file's lines, each input byte is read once (a line
longer than a part is also scanned by the parts it covers, up to their ends), and a
part never knows its line numbers: `Document.line` counts from 0 within the part.

>>> import io
>>> data = io.BytesIO("a\\r\\nb\\rc\\u2028d\\n\\ne".encode())
>>> [(d.line, d.text, d.terminator) for d in split_documents(data, "f", block_size=2)]
[(0, 'a', '\\r\\n'), (1, 'b', '\\r'), (2, 'c\\u2028d', '\\n'), (3, '', '\\n'), (4, 'e', '')]
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from piiscan.api import DOCUMENT_LIMIT_BYTES
from piiscan.jobs.models import ErrorCode

_BLOCK = 1 << 20
#: how much a part reads at first once past its end (to finish its last line)
_TAIL_BLOCK = 512
#: the bytes of a line file one part covers, by default
PART_BYTES = 1 << 18
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | \
    getattr(os, "O_CLOEXEC", 0)


class JobFailedError(Exception):
    """A job-level fault: the job ends FAILED with `Message = "CODE: text"`."""

    def __init__(self, code: ErrorCode, text: str) -> None:
        super().__init__(f"{code}: {text}")
        self.code = code
        self.text = text


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read, and the name its results carry (`File`, and `<name>.out`).

    `problem` is set for an entry that must not be read (see the module docstring):
    it stands for one error record, `problem_text` its message.
    """

    path: str
    name: str
    size: int
    problem: ErrorCode | None = None
    problem_text: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """One document: its text, or the error that stands in its place."""

    file: str
    line: int | None
    text: str | None
    terminator: str = ""
    error_code: str | None = None
    error_message: str | None = None


def display_name(name: str) -> str:
    """A file name as results carry it: undecodable bytes become ``\\xNN`` escapes.

    >>> display_name("caf\\udce9.txt")          # the byte 0xE9, as os.walk returns it
    'caf\\\\xe9.txt'
    >>> display_name("café.txt")
    'café.txt'
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _entry(root: Path, base: Path, path: Path) -> InputFile:
    """Classify one directory entry: a regular file to read, or a problem record."""
    name = display_name(path.relative_to(base).as_posix())
    try:
        info = os.lstat(path)
    except OSError as error:
        return InputFile(str(path), name, 0, ErrorCode.UNREADABLE_FILE,
                         f"The file could not be read: {error.strerror or error}")
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, or a loop
            return InputFile(str(path), name, 0, ErrorCode.BROKEN_LINK,
                             "The symbolic link points to nothing (dangling, or a loop); "
                             "it was not read")
        if not target.is_relative_to(root):
            return InputFile(str(path), name, 0, ErrorCode.LINK_OUTSIDE_INPUT,
                             "The symbolic link points outside the input folder; it was not read")
        try:
            info = os.stat(target)
        except OSError as error:
            return InputFile(str(path), name, 0, ErrorCode.UNREADABLE_FILE,
                             f"The file could not be read: {error.strerror or error}")
        path = target
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        return InputFile(str(path), name, 0, ErrorCode.NOT_A_REGULAR_FILE,
                         f"The entry is {kind} (a FIFO, socket, device or link to a folder is "
                         "never read)")
    return InputFile(str(path), name, info.st_size)


def _walk(root: Path, base: Path, folder: Path) -> Iterator[InputFile]:
    """Every entry below `folder`, sorted; symlinks are entries, never folders to enter."""
    unreadable: list[InputFile] = []

    def note(error: OSError) -> None:
        if error.filename is None or Path(error.filename) == folder:
            raise JobFailedError(ErrorCode.NO_READ_ACCESS_TO_INPUT,
                             f"cannot read {error.filename or folder}: {error.strerror}")
        name = display_name(Path(error.filename).relative_to(base).as_posix())
        unreadable.append(InputFile(error.filename, name, 0, ErrorCode.UNREADABLE_FILE,
                                    f"The folder could not be read: {error.strerror}"))

    for root_dir, dirs, files in os.walk(folder, onerror=note, followlinks=False):
        here = Path(root_dir)
        links = [d for d in dirs if os.path.islink(here / d)]
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted(files + links):
            yield _entry(root, base, here / name)
    yield from unreadable


def _selected(path: Path) -> tuple[Path, Path, Iterator[InputFile]]:
    """(root that reads must stay in, base for names, entries) for an input path."""
    if path.is_dir():
        root = path.resolve()
        return root, path, _walk(root, path, path)
    if path.is_file():
        return path.resolve(), path.parent, iter([_entry(path.resolve(), path.parent, path)])
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise JobFailedError(ErrorCode.NO_INPUT_DATA, f"no input found at {path}")
    root = parent.resolve()
    entries = (entry for child in sorted(parent.iterdir()) if child.name.startswith(path.name)
               for entry in (_walk(root, parent, child)
                             if child.is_dir() and not child.is_symlink()
                             else [_entry(root, parent, child)]))
    return root, parent, entries


def list_inputs(path: Path, exclude: Path | None = None) -> list[InputFile]:
    """The input files of a job whose input is `path` (see the module docstring)."""
    folders: dict[Path, Path] = {}  # each folder resolved once, not each file's path

    def excluded(entry: InputFile) -> bool:
        assert exclude is not None
        where = Path(entry.path)
        folder = folders.get(where.parent)
        if folder is None:
            folder = folders[where.parent] = where.parent.resolve()
        target = folder / where.name
        return (target.resolve() if target.is_symlink() else target).is_relative_to(exclude)

    try:
        _, _, entries = _selected(path)
        files = [entry for entry in entries if exclude is None or not excluded(entry)]
    except PermissionError as error:
        raise JobFailedError(ErrorCode.NO_READ_ACCESS_TO_INPUT,
                         f"cannot read {error.filename or path}: {error.strerror}") from None
    files.sort(key=lambda f: f.name)
    if not files:
        raise JobFailedError(ErrorCode.NO_INPUT_DATA, f"no input files found at {path}")
    return files


def _decode(data: bytes, file: str, line: int | None, terminator: str) -> Document:
    try:
        return Document(file, line, data.decode("utf-8"), terminator)
    except UnicodeDecodeError as error:
        return Document(file, line, None, terminator, ErrorCode.UNSUPPORTED_ENCODING,
                        f"The document is not valid UTF-8 (byte {error.start}: "
                        f"{data[error.start:error.start + 1]!r})")


def _too_large(file: str, line: int | None, size: int, terminator: str, limit: int) -> Document:
    return Document(file, line, None, terminator, ErrorCode.DOCUMENT_SIZE_EXCEEDED,
                    f"The document is {size} bytes; the limit is {limit} bytes")


def split_documents(handle: Reader, file: str, limit: int = DOCUMENT_LIMIT_BYTES,
                    block_size: int = _BLOCK, stop: int | None = None) -> Iterator[Document]:
    """ONE_DOC_PER_LINE documents of an open binary file, streamed block by block.

    With `stop`, only the lines that start before byte `stop` (counted from where the
    handle is) are yielded, and reading past `stop` is in small blocks, to finish the
    last of them."""
    line, buffer, discarded, eof = 0, bytearray(), 0, False
    consumed = read = 0  # bytes dropped from the front of `buffer`; bytes read
    while not eof:
        size = block_size if stop is None else \
            min(block_size, max(stop - read, read - stop + _TAIL_BLOCK))  # grows past `stop`
        block = handle.read(size)
        read += len(block)
        eof = not block
        buffer += block
        start = 0
        while True:
            if stop is not None and consumed + start - discarded >= stop:
                return  # the next line starts after the part: it is the next part's
            cut = _next_terminator(buffer, start)
            if cut is None:
                break
            end, after = cut
            if after == len(buffer) == end + 1 and buffer[end] == 0x0D and not eof:
                break  # a CR at the end of what was read: it may be the first half of CRLF
            yield _finish(file, line, buffer[start:end], discarded + end - start, discarded > 0,
                          buffer[end:after].decode("ascii"), limit)
            line, discarded, start = line + 1, 0, after
        del buffer[:start]
        consumed += start
        if len(buffer) > limit + 1:  # an over-long line: count it, keep nothing of it
            keep = 1 if buffer.endswith(b"\r") else 0
            discarded += len(buffer) - keep
            consumed += len(buffer) - keep
            del buffer[: len(buffer) - keep]
    if buffer or discarded:
        yield _finish(file, line, buffer, discarded + len(buffer), discarded > 0, "", limit)


def _next_terminator(block: bytes | bytearray, start: int) -> tuple[int, int] | None:
    lf, cr = block.find(b"\n", start), block.find(b"\r", start)
    if lf < 0 and cr < 0:
        return None
    if cr < 0 or (0 <= lf < cr):
        return lf, lf + 1
    if block[cr + 1:cr + 2] == b"\n":
        return cr, cr + 2
    return cr, cr + 1


def _finish(file: str, line: int, data: bytearray, size: int, oversize: bool, terminator: str,
            limit: int) -> Document:
    if oversize or size > limit:
        return _too_large(file, line, size, terminator, limit)
    return _decode(bytes(data), file, line, terminator)


def open_regular(path: str) -> BinaryIO:
    """Open `path` for reading, never through a link and never anything but a regular file
    (a FIFO is not waited on: it is opened non-blocking, found not regular, and closed)."""
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path} is not a regular file")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


class Reader(Protocol):
    """What splitting lines needs of a stream."""

    def read(self, size: int = -1, /) -> bytes: ...


#: opens an input at a byte offset (a storage's `open`)
Opener = Callable[[InputFile, int], BinaryIO]


def open_local(source: InputFile, offset: int = 0) -> BinaryIO:
    handle = open_regular(source.path)
    if offset:
        handle.seek(offset)
    return handle


def _size(handle: BinaryIO, source: InputFile) -> int:
    try:
        return os.fstat(handle.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):  # a stream: the listed size
        return source.size


def documents(source: InputFile, input_format: str, limit: int = DOCUMENT_LIMIT_BYTES,
              opener: Opener = open_local) -> Iterator[Document]:
    """The documents of one input (opened by `opener`, a storage's `open`); an unreadable
    input is one error record."""
    if input_format == "ONE_DOC_PER_LINE":
        yield from part_documents(LinePart(source), limit, opener)
        return
    if source.problem is not None:
        yield _problem(source)
        return
    try:
        with opener(source, 0) as handle:
            size = _size(handle, source)
            if size > limit:
                yield _too_large(source.name, None, size, "", limit)
                return
            data = handle.read(limit + 1)  # the stream may be longer than it was listed
            if len(data) > limit:
                yield _too_large(source.name, None, max(size, len(data)), "", limit)
                return
            yield _decode(data, source.name, None, "")
    except OSError as error:
        yield _unreadable(source, error)


def _problem(source: InputFile) -> Document:
    return Document(source.name, None, None, "", source.problem, source.problem_text)


def _unreadable(source: InputFile, error: OSError, start: int = 0) -> Document:
    where = f" from byte {start}" if start else ""
    return Document(source.name, None, None, "", ErrorCode.UNREADABLE_FILE,
                    f"The file could not be read{where}: "
                    f"{error.strerror or 'not a regular file'}")


@dataclass(frozen=True, slots=True)
class LinePart:
    """The lines of a line file that start in its bytes [`start`, `end`); `end` None
    reads to the end of the file, however long it has grown since it was listed."""

    source: InputFile
    start: int = 0
    end: int | None = None

    @property
    def size(self) -> int:
        """The bytes the part covers, by the listed size."""
        return max(0, (self.source.size if self.end is None else self.end) - self.start)


def line_parts(source: InputFile, part_bytes: int = PART_BYTES) -> list[LinePart]:
    """A line file cut into parts of `part_bytes`, from its listed size alone.

    >>> [(p.start, p.end) for p in line_parts(InputFile("f", "f", 10), 4)]
    [(0, 4), (4, 8), (8, None)]
    >>> [(p.start, p.end) for p in line_parts(InputFile("f", "f", 0), 4)]
    [(0, None)]
    """
    if source.problem is not None or source.size <= part_bytes:
        return [LinePart(source)]
    starts = range(0, source.size, part_bytes)
    return [LinePart(source, start, start + part_bytes) for start in starts[:-1]] + \
        [LinePart(source, starts[-1])]


def part_documents(part: LinePart, limit: int = DOCUMENT_LIMIT_BYTES,
                   opener: Opener = open_local) -> Iterator[Document]:
    """The documents (lines) of one part of a line file, numbered from 0 within the part.

    A part that cannot be read is one error record: the first part's names no byte, as
    a whole file's does; a later part's says where it starts."""
    source = part.source
    if source.problem is not None:
        if part.start == 0:
            yield _problem(source)
        return
    try:
        with opener(source, max(0, part.start - 1)) as handle:
            reader: Reader = handle
            stop = part.end
            if part.start > 0:
                found = _first_line_start(handle, part.start, part.end)
                if found is None:
                    return
                first, rest = found
                reader = _Prefixed(rest, handle)
                stop = None if part.end is None else part.end - first
            yield from split_documents(reader, source.name, limit, stop=stop)
    except OSError as error:
        yield _unreadable(source, error, part.start)


def _first_line_start(handle: Reader, start: int, end: int | None) -> tuple[int, bytes] | None:
    """Reading from byte `start - 1`: the offset of the first line that starts in
    [`start`, `end`) and the bytes read after it, or None when none starts there."""
    base = start - 1  # the file offset of `data[0]`
    while True:
        data = handle.read(_BLOCK if end is None else min(_BLOCK, max(end - base, 1)))
        if not data:
            return None
        hits = [i for i in (data.find(b"\n"), data.find(b"\r")) if i >= 0]
        if not hits:
            base += len(data)
            if end is not None and base >= end:
                return None
            continue
        after = min(hits) + 1
        if data[after - 1] == 0x0D:  # CR: the line starts after an LF that follows it
            if after == len(data):
                data += handle.read(1)
            if data[after:after + 1] == b"\n":
                after += 1
        first = base + after
        return None if end is not None and first >= end else (first, data[after:])


class _Prefixed:
    """A stream with some bytes already read put back in front of it."""

    def __init__(self, prefix: bytes, handle: Reader) -> None:
        self._prefix, self._handle = prefix, handle

    def read(self, size: int = -1, /) -> bytes:
        if not self._prefix:
            return self._handle.read(size)
        if size < 0:
            data, self._prefix = self._prefix + self._handle.read(), b""
            return data
        data, self._prefix = self._prefix[:size], self._prefix[size:]
        return data
