"""How many requests the server works on at once.

The pages and the API are plain functions that FastAPI runs in a pool of
threads (anyio's, 40 by default), as are the chunks of a streamed answer.
Their work is Python, so they share one interpreter lock: with 40 requests
in the pool each gets a 40th of a core, a request that takes 0.2 s alone
takes 8 s, and the event loop (which reads requests and writes answers) waits
its turn among them. With a few threads the
others wait in line, first come first served: a request takes the time of
those before it and its own, and a long one no longer stretches with the
crowd (issue 18: 50 readers, 10 s at most per request). Static files are
read in the same pool (Starlette's StaticFiles), so they queue too: a
stylesheet waits behind the pages before it. Uploads wait for their analysis
in a pool of their own (:mod:`.workers`).
"""

from __future__ import annotations

from anyio import to_thread


def limit_threads(threads: int) -> None:
    """Run at most ``threads`` request functions at once (call it in the server's event loop, at startup)."""
    to_thread.current_default_thread_limiter().total_tokens = max(1, threads)
