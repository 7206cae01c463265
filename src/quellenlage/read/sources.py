"""Inputs as the user names them: files, directories (recursive), ``.gz``, ``-``.

A directory is walked for articles: hidden files and folders (``.git``, ``.DS_Store``) and the notes a
folder carries about itself (:data:`FOLDER_NOTES`: ``README.md``, ``LICENSE``, ``CHANGELOG.txt`` … by
the name before its first dot, in any case) are not articles and are left out. Every other file is read,
Markdown articles too (``treffen.md``); a note named on its own (``ingest samples/README.md``) is read.

A :class:`Input` is one file (or standard input) with a way to open its
decompressed bytes; readers get their text through :func:`decode`, which
refuses binary data and falls back from UTF-8 to cp1252/latin-1 with a warning.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import ReadError
from ..settings import MAX_BYTES_VAR, Settings

#: Largest single article accepted by default (bytes of one file, or one JSON line).
DEFAULT_MAX_BYTES = Settings().max_bytes


def max_bytes() -> int:
    """The size limit for one article: ``QUELLENLAGE_MAX_BYTES`` or 5 MiB (``Settings.from_env().max_bytes``)."""
    return Settings.from_env().max_bytes


_MAGIC = [
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip data inside gzip"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document (OLE)"),
]


#: What a folder says about itself, by the file name before its first dot (case folded): never an article
#: in a directory walk.
FOLDER_NOTES = frozenset(
    {"readme", "license", "licence", "copying", "notice", "changelog", "changes", "authors", "contributing", "contributors"}
)


def walked(rel: Path) -> bool:
    """Whether a directory walk reads the file at ``rel`` (relative to the directory named): not when a part
    of it is hidden (``.git/…``, ``.DS_Store``), nor when it is a folder note (``README.md``, ``LICENSE``)."""
    if any(part.startswith(".") for part in rel.parts):
        return False
    return rel.name.split(".", 1)[0].casefold() not in FOLDER_NOTES


@dataclass
class Input:
    """One input file, decompressed on the fly."""

    name: str
    suffix: str  # lower-case suffix of the name without a trailing .gz: ".txt", ".html", ".jsonl", ""
    _open: Callable[[], BinaryIO]
    size: int | None = None  # on-disk size when known (compressed size for .gz)
    settings: Settings = field(default_factory=Settings.from_env)  # the run's limits, for the readers
    crawled: str | None = None  # when a fetched page came (ISO 8601): dates "gestern, 18:30 Uhr" on it

    def open(self) -> BinaryIO:
        return self._open()

    def read_bytes(self, limit: int | None = None) -> bytes:
        """All bytes, or a :class:`ReadError` when the input exceeds ``limit`` (default ``settings.max_bytes``)."""
        limit = self.settings.max_bytes if limit is None else limit
        if self.size is not None and not self.name.endswith(".gz") and self.size > limit:
            raise ReadError(self.name, too_large(self.size, limit))
        try:
            with self.open() as fh:
                data = fh.read(limit + 1)
        except (EOFError, gzip.BadGzipFile, OSError) as exc:
            raise ReadError(self.name, f"cannot read: {describe_io_error(exc)}") from None
        if len(data) > limit:
            raise ReadError(self.name, too_large(None, limit))
        return data

    def head(self, n: int = 8192) -> bytes:
        try:
            with self.open() as fh:
                return fh.read(n)
        except (EOFError, gzip.BadGzipFile, OSError) as exc:
            raise ReadError(self.name, f"cannot read: {describe_io_error(exc)}") from None


@dataclass(frozen=True)
class Skipped:
    """An input not read, with the word a batch counts it under ("not modified": a fetched page whose stored
    copy is current)."""

    name: str
    status: str


def too_large(size: int | None, limit: int) -> str:
    def mb(n):
        return f"{n / 1024 / 1024:.1f} MB"

    got = mb(size) if size is not None else f"more than {mb(limit)}"
    return f"too large for one article ({got} > limit {mb(limit)}; set {MAX_BYTES_VAR} to change)"


def describe_io_error(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "compressed data is truncated"
    if isinstance(exc, gzip.BadGzipFile):
        return f"not valid gzip ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _suffix(name: str) -> str:
    lower = name.lower()
    lower = lower.removesuffix(".gz")
    return Path(lower).suffix


def _file_input(path: Path, settings: Settings) -> Input:
    name = str(path)
    compressed = name.lower().endswith(".gz")

    def opener() -> BinaryIO:
        # gzip.open is typed as returning GzipFile | TextIOWrapper; in "rb" mode it is a binary stream
        return gzip.open(path, "rb") if compressed else open(path, "rb")  # type: ignore[return-value]

    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return Input(name=name, suffix=_suffix(name), _open=opener, size=size, settings=settings)


def _stdin_input(stream: BinaryIO | None, settings: Settings) -> Input:
    """Standard input, spooled so that readers may open it more than once."""
    stream = stream or sys.stdin.buffer
    spool = tempfile.SpooledTemporaryFile(max_size=settings.stdin_spool_bytes)
    shutil.copyfileobj(stream, spool)
    size = spool.tell()
    spool.seek(0)
    head = spool.read(2)
    gz = head == b"\x1f\x8b"

    def opener() -> BinaryIO:
        spool.seek(0)
        raw = _Unclosing(spool)
        # GzipFile and the spool wrapper are binary streams, though neither is typed as a BinaryIO
        return gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw  # type: ignore[return-value]

    return Input(name="-", suffix="", _open=opener, size=None if gz else size, settings=settings)


class _Unclosing(io.RawIOBase):
    """A view of the spool that readers may close without closing the spool."""

    def __init__(self, fh):
        self._fh = fh

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self._fh.read(len(b))
        b[: len(data)] = data
        return len(data)


def iter_inputs(
    paths: Sequence[str | os.PathLike[str]], stdin: BinaryIO | None = None, settings: Settings | None = None
) -> Iterator[Input | ReadError]:
    """Every input named by ``paths``: directories are walked recursively (sorted; hidden files and folder
    notes such as ``README.md`` left out: :func:`walked`), ``-`` is standard input. Missing paths are errors.
    Each input carries ``settings`` (default: ``Settings.from_env()``) to its reader."""
    settings = Settings.from_env() if settings is None else settings
    for raw in paths:
        if str(raw) == "-":
            yield _stdin_input(stdin, settings)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for sub in sorted(path.rglob("*")):
                rel = sub.relative_to(path)
                if sub.is_file() and walked(rel):
                    found = True
                    yield _file_input(sub, settings)
            if not found:
                yield ReadError(str(path), "directory holds no files to read (hidden files and README, LICENSE … are left out)")
        elif path.is_file():
            yield _file_input(path, settings)
        elif path.exists():
            yield ReadError(str(path), "not a regular file")
        else:
            yield ReadError(str(path), "no such file or directory")


def sniff_binary(data: bytes) -> str | None:
    """A description when ``data`` is not text, else None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if not sample:
        return None
    if b"\x00" in sample:
        # UTF-16 text has NULs too: accept it only with its byte-order mark.
        if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        return "binary data (contains NUL bytes)"
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if control / len(sample) > 0.05:
        return "binary data (mostly control characters)"
    return None


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Text of ``data`` as (text, encoding, warnings).

    UTF-8 first (with or without BOM; UTF-16 with BOM); undecodable bytes fall
    back to cp1252, then latin-1, with a warning naming the first bad byte.
    Empty or binary input raises :class:`ReadError`.
    """
    if not data.strip():
        raise ReadError(name, "empty input" if not data else "input holds only white space")
    what = sniff_binary(data)
    if what:
        raise ReadError(name, f"not text: {what}")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise ReadError(name, f"invalid UTF-16 ({exc.reason})") from None
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding, [f"not valid UTF-8 ({bad}); decoded as {encoding}"]
    raise ReadError(name, f"undecodable bytes ({bad})")  # pragma: no cover - latin-1 decodes anything
