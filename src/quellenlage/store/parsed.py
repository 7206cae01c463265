"""Parsed records kept for reading: a bounded cache by article, revision and analysis version.

Parsing a stored record (JSON into the :class:`~quellenlage.record.Record` model) takes about a millisecond
per 10 KB, so a page built from many records (a search timeline reads up to 200) spends most of its time
parsing the same records again for every reader. A stored record changes only as a new revision or, in
place, with a new analysis version (a reanalysis: ``Store.put``), so ``(id, revision, analysis version)``
names its content: a key that is found is never stale. The cache holds the ``size`` records used last and
is shared by the threads of one :class:`~quellenlage.store.Store`.

The records it gives are shared between callers: read them, never change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from ..record import Record

Key = tuple[str, int, str | None]
"""(article id, revision, analysis version)."""


class ParsedRecords:
    """At most ``size`` parsed records, the ones used last, by :data:`Key`."""

    def __init__(self, size: int = 256):
        self.size = size
        self._lock = threading.Lock()
        self._records: OrderedDict[Key, Record] = OrderedDict()

    def __len__(self) -> int:
        return len(self._records)

    def get_many(self, keys: Iterable[Key], read: Callable[[list[Key]], dict[Key, str]]) -> dict[Key, Record]:
        """The records of ``keys``: those kept from here, the others parsed from ``read(missing keys)``
        (their stored JSON by key; a key it leaves out is left out here) and kept."""
        keys = list(dict.fromkeys(keys))
        found: dict[Key, Record] = {}
        with self._lock:
            for key in keys:
                if (record := self._records.get(key)) is not None:
                    self._records.move_to_end(key)
                    found[key] = record
        missing = [key for key in keys if key not in found]
        if missing:
            parsed = {key: Record.from_json(data) for key, data in read(missing).items()}
            found.update(parsed)
            with self._lock:
                for key, record in parsed.items():
                    self._records[key] = record
                    self._records.move_to_end(key)
                while len(self._records) > self.size:
                    self._records.popitem(last=False)
        return found
