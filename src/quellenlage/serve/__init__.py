"""``quellenlage serve``: the web reading room and the HTTP API over a store.

- :mod:`.app` builds the FastAPI application (pages, API, offline docs);
- :mod:`.views` the server-rendered pages, :mod:`.api` the JSON twins;
- :mod:`.highlight` nests marked spans into escaped HTML;
- :mod:`.article_view`, :mod:`.timeline`, :mod:`.timeline_draw` build what the pages show;
- :mod:`.auth` and :mod:`.uploads` guard and run writes.
"""

from .app import create_app

__all__ = ["create_app"]
