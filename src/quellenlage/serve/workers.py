"""Where the web app analyses uploads: in worker processes of its own, never on the request worker.

Analysing an article is CPU work (50 ms to seconds). Done in the server's
process, even in a thread, it holds the interpreter lock and slows every
reader's request. The app therefore keeps a small local Dask cluster
(:func:`quellenlage.parallel.dask_client`, as ``ingest --workers N`` uses) and
ingests uploads through it with :func:`quellenlage.batch.ingest_into`: the
workers analyse, the server's thread only writes the rows. The cluster starts
with the first upload (a server that is only read never starts it) and stops
with the app.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack
from typing import TYPE_CHECKING, TypeVar

import anyio

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")

#: Uploads waited for at once; each holds a thread of its own while the analysis process works, apart from
#: the threads that answer readers (:mod:`.threads`), so uploads never take a reader's place.
UPLOAD_THREADS = 2


class AnalysisWorkers:
    """``processes`` analysis processes, started on first use; 0: analyse in the calling thread."""

    def __init__(self, processes: int):
        self.processes = processes
        self._lock = threading.Lock()
        self._stack: ExitStack | None = None
        self._client: Client | None = None
        self._limiter: anyio.CapacityLimiter | None = None

    def client(self) -> Client | None:
        """The cluster's client (started now if it is not yet), or None to analyse in this thread."""
        if self.processes < 1:
            return None
        with self._lock:
            if self._client is None:
                from ..parallel import dask_client

                stack = ExitStack()
                self._client = stack.enter_context(dask_client(self.processes))
                self._stack = stack
            return self._client

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in a thread of the uploads' own pool (at most :data:`UPLOAD_THREADS` at once)."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(UPLOAD_THREADS)
        return await anyio.to_thread.run_sync(lambda: fn(*args), limiter=self._limiter)

    def close(self) -> None:
        """Stop the cluster (when the app stops)."""
        with self._lock:
            stack, self._stack, self._client = self._stack, None, None
        if stack is not None:
            stack.close()
