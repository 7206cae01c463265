"""Whether a string handed to :func:`quellenlage.analyze` names a file or is the article's text.

A ``str`` naming an existing file is that file. A ``str`` that names none is the article's text, unless it
*looks like a path*: one line without white space that ends in a suffix a reader names as its own
(:func:`~quellenlage.read.registry.known_suffixes`, also followed by ``.gz``: "artikel.txt", "daten/a.jsonl.gz"),
or that begins like one ("/", "./", "../", "~/", "C:\\"), or that holds a path separator before a last part
with a file suffix ("daten/artikel.md"). Such a string is a mistyped or missing file, and reading it as an
article would analyse its name: :func:`quellenlage.analyze` refuses it with a one-line "no such file or
directory" (:func:`not_a_file`). So is a one-line string naming an existing directory ("is a directory":
:func:`quellenlage.analyze_all` reads the articles in one).

A text always has white space or is a single word: "Waffenruhe", "und/oder", "24/7", "ntv.de" stay text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..fetch.urls import is_url
from .registry import known_suffixes

#: Beginnings only a path has: absolute, relative to here or above, the home folder, a Windows drive.
_PATH_START = re.compile(r"^(?:/|\./|\.\./|~/|\.\\|\.\.\\|[A-Za-z]:[\\/])")
#: A last path part with a file suffix: "artikel.md", "seite.HTML" (a letter first: "1.5/2.5" is no path).
_FILE_PART = re.compile(r"[\\/][^\\/]*\.[A-Za-z][A-Za-z0-9]{0,5}$")


def existing_file(value: object) -> bool:
    """Whether ``value`` is a path-like object, or a one-line ``str`` naming an existing file."""
    if isinstance(value, os.PathLike):
        return True
    if not isinstance(value, str) or "\n" in value or len(value) >= 4096:
        return False
    try:
        return Path(value).is_file()
    except (OSError, ValueError):  # a text line longer than a file name may be, or with a NUL
        return False


def looks_like_path(value: str) -> bool:
    """Whether ``value`` (a string that names no file) is meant as a path rather than as text."""
    if not value or len(value) >= 4096 or any(ch.isspace() for ch in value) or is_url(value):
        return False  # a URL ("https://…/artikel.html") is fetched, not looked for on disk
    lower = value.lower().removesuffix(".gz")
    if lower != value.lower() or lower.endswith(tuple(known_suffixes())):
        return True
    return bool(_PATH_START.match(value) or _FILE_PART.search(value))


def not_a_file(value: object) -> str | None:
    """Why the string ``value`` cannot be analysed, when it is meant as a path that names no file ("no such
    file or directory", "is a directory …"); None when it names a file or is text."""
    if not isinstance(value, str) or existing_file(value) or "\n" in value or len(value) >= 4096:
        return None
    try:
        is_dir = Path(value).is_dir()
    except (OSError, ValueError):
        is_dir = False
    if is_dir and not any(ch.isspace() for ch in value):
        return "is a directory (quellenlage.analyze_all reads the articles in one)"
    if looks_like_path(value):
        return "no such file or directory"
    return None
