"""Fetching from the web: pages by URL, feeds followed, politely.

- :mod:`.urls` — which URLs may be fetched, and which are the same page (canonical form);
- :mod:`.http` — :class:`~.http.Fetcher`: robots.txt, a rate limit per host, timeouts, size caps, retries,
  redirects, conditional requests, no private addresses unless allowed;
- :mod:`.connect` — the connections under it: checked addresses only, every read within the deadline;
- :mod:`.body` — response bodies decoded by us, so the size cap counts decompressed bytes;
- :mod:`.pages` — article pages by URL for the readers (``quellenlage ingest URL``);
- :mod:`.feeds` — RSS, Atom and news sitemaps as lists of items;
- :mod:`.watch` — ``quellenlage watch``: new items of every feed through the batch path.

What is kept (raw pages with their revision, URLs, feeds, robots.txt) is in :mod:`quellenlage.store.fetching`.
"""
