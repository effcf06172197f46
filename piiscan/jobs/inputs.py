"""Job inputs: which files a job reads, and the documents inside them, streamed.

`list_inputs` follows spec §10 for local paths: a directory selects every regular file
beneath it, recursively, in sorted path order (hidden files too; directory symlinks
are not followed); a file selects itself; any other path is a prefix, as an S3 key is.
`documents` yields a file's documents without reading the file into memory:
ONE_DOC_PER_LINE splits at LF, CR and CRLF only (never `str.splitlines()`), keeps
each line's terminator for redacted copies, and never holds more than one document
of at most `limit` bytes; a longer line or an undecodable one becomes an error
record, and the lines after it are still read.

>>> import io
>>> data = io.BytesIO("a\\r\\nb\\rc\\u2028d\\n\\ne".encode())
>>> [(d.line, d.text, d.terminator) for d in split_documents(data, "f", block_size=2)]
[(0, 'a', '\\r\\n'), (1, 'b', '\\r'), (2, 'c\\u2028d', '\\n'), (3, '', '\\n'), (4, 'e', '')]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

DOCUMENT_LIMIT_BYTES = 1_000_000
_BLOCK = 1 << 20


class JobFailure(Exception):
    """A job-level fault: the job ends FAILED with `Message = "CODE: text"`."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text}")
        self.code = code
        self.text = text


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read, and the name its results carry (`File`, and `<name>.out`)."""

    path: str
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class Document:
    """One document: its text, or the error that stands in its place."""

    file: str
    line: int | None
    text: str | None
    terminator: str = ""
    error_code: str | None = None
    error_message: str | None = None


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, onerror=_raise):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_file():
                yield path


def _raise(error: OSError) -> None:
    raise JobFailure("NO_READ_ACCESS_TO_INPUT", f"cannot read {error.filename}: {error.strerror}")


def list_inputs(path: Path, exclude: Path | None = None) -> list[InputFile]:
    """The input files of a job whose input is `path` (see the module docstring)."""
    try:
        if path.is_file():
            return [InputFile(str(path), path.name, path.stat().st_size)]
        if path.is_dir():
            base, candidates = path, _walk(path)
        else:
            parent = path.parent if str(path.parent) else Path(".")
            if not parent.is_dir():
                raise JobFailure("NO_INPUT_DATA", f"no input found at {path}")
            base = parent
            candidates = (p for entry in sorted(parent.iterdir()) if entry.name.startswith(path.name)
                          for p in ([entry] if entry.is_file() else _walk(entry)))
        files = []
        for candidate in candidates:
            if exclude is not None and candidate.resolve().is_relative_to(exclude):
                continue
            files.append(InputFile(str(candidate), candidate.relative_to(base).as_posix(),
                                   candidate.stat().st_size))
    except PermissionError as error:
        raise JobFailure("NO_READ_ACCESS_TO_INPUT",
                         f"cannot read {error.filename or path}: {error.strerror}") from None
    files.sort(key=lambda f: f.name)
    if not files:
        raise JobFailure("NO_INPUT_DATA", f"no input files found at {path}")
    return files


def _decode(data: bytes, file: str, line: int | None, terminator: str) -> Document:
    try:
        return Document(file, line, data.decode("utf-8"), terminator)
    except UnicodeDecodeError as error:
        return Document(file, line, None, terminator, "UNSUPPORTED_ENCODING",
                        f"The document is not valid UTF-8 (byte {error.start}: "
                        f"{data[error.start:error.start + 1]!r})")


def _too_large(file: str, line: int | None, size: int, terminator: str, limit: int) -> Document:
    return Document(file, line, None, terminator, "DOCUMENT_SIZE_EXCEEDED",
                    f"The document is {size} bytes; the limit is {limit} bytes")


def split_documents(handle: BinaryIO, file: str, limit: int = DOCUMENT_LIMIT_BYTES,
                    block_size: int = _BLOCK) -> Iterator[Document]:
    """ONE_DOC_PER_LINE documents of an open binary file, streamed block by block."""
    line, buffer, discarded, eof = 0, bytearray(), 0, False
    while not eof:
        block = handle.read(block_size)
        eof = not block
        buffer += block
        start = 0
        while (cut := _next_terminator(buffer, start)) is not None:
            end, after = cut
            if after == len(buffer) and buffer[end] == 0x0D and not eof:
                break  # a CR at the end of what was read: it may be the first half of CRLF
            yield _finish(file, line, buffer[start:end], discarded + end - start, discarded > 0,
                          buffer[end:after].decode("ascii"), limit)
            line, discarded, start = line + 1, 0, after
        del buffer[:start]
        if len(buffer) > limit + 1:  # an over-long line: count it, keep nothing of it
            keep = 1 if buffer.endswith(b"\r") else 0
            discarded += len(buffer) - keep
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


def documents(source: InputFile, input_format: str, limit: int = DOCUMENT_LIMIT_BYTES
              ) -> Iterator[Document]:
    """The documents of one input file; an unreadable file is one error record."""
    try:
        with open(source.path, "rb") as handle:
            if input_format == "ONE_DOC_PER_LINE":
                yield from split_documents(handle, source.name, limit)
                return
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                yield _too_large(source.name, None, size, "", limit)
                return
            yield _decode(handle.read(), source.name, None, "")
    except OSError as error:
        yield Document(source.name, None, None, "", "UNREADABLE_FILE",
                       f"The file could not be read: {error.strerror or error}")


def count_documents(source: InputFile, input_format: str) -> int:
    """How many documents a file holds, counted without decoding (for progress)."""
    if input_format != "ONE_DOC_PER_LINE":
        return 1
    count, last, previous_cr = 0, b"", False
    try:
        with open(source.path, "rb") as handle:
            while block := handle.read(_BLOCK):
                count += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
                if previous_cr and block.startswith(b"\n"):
                    count -= 1
                previous_cr = block.endswith(b"\r")
                last = block[-1:]
    except OSError:
        return 1
    return count + (1 if last and last not in (b"\n", b"\r") else 0)
