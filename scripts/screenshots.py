"""Take the reading room's screenshots for the docs (docs/web-article.png, docs/web-timeline.png,
docs/web-story.png).

Ingests samples/ (which holds the seed article) into a temporary store through
the real pipeline, serves it with the real app (uvicorn in a thread), and
photographs pages with Playwright driving Debian's chromium (never
``playwright install``). The story page is taken on a second store, of the stories
development collection (tests/fixtures/stories_dev: 33 texts from 20 outlets), its
largest story, with one event's origin tree opened:

    python scripts/screenshots.py [--out docs] [--chromium /usr/bin/chromium]

Retake them whenever the pipeline's output changes.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from quellenlage.batch import ingest_into
from quellenlage.link.queries import stories_view
from quellenlage.serve import create_app
from quellenlage.store import open_store

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "5e24f88cd2d60ae4"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str) -> tuple[uvicorn.Server, str]:
    """Start the app on ``db`` in a thread; its server and base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


@contextmanager
def browsing(db: str, chromium: str) -> Iterator[tuple[Page, str]]:
    """Serve the store ``db`` and open a page in Debian's chromium: (the page, the base URL)."""
    server, base = serve(db)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            yield browser.new_page(viewport={"width": 1280, "height": 1000}, device_scale_factor=1), base
            browser.close()
    finally:
        server.should_exit = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--story", default="russland", help="Story (tag id) whose timeline to photograph.")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "screens.db")
        with open_store(db) as store:
            ingest_into(store, [str(REPO / "samples")], show_progress=False)
        with browsing(db, args.chromium) as (page, base):
            page.goto(f"{base}/articles/{SEED_ID}")
            quotes = page.locator("span.st-direct_quote[tabindex]")
            if quotes.count():
                quotes.first.focus()  # show one statement card
            page.screenshot(path=str(args.out / "web-article.png"), full_page=True)
            page.goto(f"{base}/timeline?story={args.story}")
            page.wait_for_function("document.querySelector('.timeline-image img')?.naturalWidth > 0")
            page.screenshot(path=str(args.out / "web-timeline.png"), full_page=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "stories.db")
        with open_store(db) as store:
            ingest_into(store, [str(REPO / "tests" / "fixtures" / "stories_dev" / "articles.jsonl")], show_progress=False)
            with store.read() as conn:
                largest = max(stories_view(conn), key=lambda s: (len(s["articles"]), s["id"]))
        with browsing(db, args.chromium) as (page, base):
            page.goto(f"{base}/stories/{largest['id']}")
            trees = page.locator("details.origins")
            if trees.count():
                trees.first.evaluate("d => d.open = true")  # one event's origin tree
            page.screenshot(path=str(args.out / "web-story.png"), clip={"x": 0, "y": 0, "width": 1280, "height": 1500})
    for name in ("web-article.png", "web-timeline.png", "web-story.png"):
        print(args.out / name)


if __name__ == "__main__":
    main()
