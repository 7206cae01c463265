"""Ingesting uploads (pasted text, an HTML file, JSON Lines) the way the CLI does.

Each upload is written to a private temporary directory under its own (made
safe) file name, so the readers choose by suffix and content exactly as for
``quellenlage ingest``, and goes through :func:`quellenlage.batch.ingest_into`:
every article is stored in its own transaction, bad items are reported one by
one and leave nothing behind.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..batch import ingest_into
from ..settings import Settings
from ..store import Store

if TYPE_CHECKING:
    from distributed import Client


@dataclass
class IngestReport:
    """What happened to an upload: counts by status, failures by item, the stored ids."""

    counts: dict[str, int] = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"counts": self.counts, "failures": self.failures, "ids": self.ids}


def safe_name(name: str | None, default: str) -> str:
    """A plain file name keeping the suffix: "../x/Artikel 1.html" → "Artikel_1.html"."""
    base = Path(name or "").name
    base = re.sub(r"[^\w.\-]+", "_", base).strip("._")
    return base or default


def ingest_uploads(
    store: Store, uploads: list[tuple[str, bytes]], settings: Settings | None = None, client: Client | None = None
) -> IngestReport:
    """Ingest ``(file name, content)`` pairs; names in the report are the uploaded names.

    ``settings``: the app's limits (:attr:`Settings.max_upload_bytes` is checked by the caller, the
    per-article limits here); default :meth:`Settings.from_env`. ``client``: the Dask client of the app's
    analysis processes (:mod:`.workers`), None to analyse in this thread."""
    report = IngestReport()
    with tempfile.TemporaryDirectory(prefix="quellenlage-upload-") as tmp:
        paths = []
        for i, (name, data) in enumerate(uploads):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            path = folder / safe_name(name, "upload.txt")
            path.write_bytes(data)
            paths.append(str(path))
        before = set(store.ids())
        summary = ingest_into(store, paths, show_progress=False, settings=settings, client=client)
        prefix = tmp + "/"
        for name, reason in summary.failures:
            shown = name[len(prefix) :].split("/", 1)[-1] if name.startswith(prefix) else name
            report.failures.append({"name": shown, "reason": reason})
        report.counts = dict(summary.counts)
        report.counts["failed"] = summary.failed
        report.ids = sorted(set(store.ids()) - before)
    return report
