"""The quotes-wikinews corpus (../shared/data/quotes-wikinews) as the eval commands read it."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator

from ..record import Meta, Paragraph, Record

_LINE = re.compile(r"[^\n]*\S[^\n]*")


def documents(path: str, limit: int | None = None) -> Iterator[dict]:
    """The JSON documents of a ``.jsonl`` or ``.jsonl.gz`` file, the first ``limit`` of them."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        n = 0
        for line in fh:
            if limit is not None and n >= limit:
                break
            if line.strip():
                n += 1
                yield json.loads(line)


def record_of(text: str) -> Record:
    """A record of a document's ``originalText`` as it is: every non-empty line a paragraph,
    trimmed to its non-space extent (offsets stay those of the gold annotation)."""
    paragraphs = []
    for m in _LINE.finditer(text):
        lead = len(m.group()) - len(m.group().lstrip())
        paragraphs.append(Paragraph(start=m.start() + lead, end=m.start() + len(m.group().rstrip())))
    return Record(id="eval", content_hash="-", meta=Meta(), text=text, paragraphs=paragraphs)
