"""The server works on at most ``serve_threads`` requests at once (serve/threads.py); the others wait their turn."""

from __future__ import annotations

import asyncio

import httpx
from anyio import to_thread
from conftest import store_url
from fastapi.testclient import TestClient

from quellenlage.serve import create_app
from quellenlage.settings import Settings
from quellenlage.store import open_store


def test_serve_threads_come_from_the_environment_at_least_one():
    assert Settings().serve_threads == 4
    assert Settings.from_env({"QUELLENLAGE_SERVE_THREADS": "2"}).serve_threads == 2
    assert Settings.from_env({"QUELLENLAGE_SERVE_THREADS": "0"}).serve_threads == 4
    assert Settings.from_env({"QUELLENLAGE_SERVE_THREADS": "many"}).serve_threads == 4


def test_the_started_app_runs_that_many_request_threads(tmp_path):
    with open_store(store_url(tmp_path, "threads")) as store:
        with TestClient(create_app(store=store, settings=Settings(serve_threads=2))) as client:
            assert client.portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens) == 2
            assert client.get("/api/articles").status_code == 200


def test_requests_beyond_the_threads_wait_and_are_all_answered(tmp_path):
    with open_store(store_url(tmp_path, "threads")) as store:
        app = create_app(store=store, settings=Settings(serve_threads=1))

        async def many() -> list[int]:
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                    paths = ["/api/articles", "/", "/entities", "/api/stories", "/static/style.css"] * 4
                    answers = await asyncio.gather(*(client.get(p) for p in paths))
                    assert to_thread.current_default_thread_limiter().total_tokens == 1
                    return [a.status_code for a in answers]

        assert asyncio.run(many()) == [200] * 20


def test_no_more_than_serve_threads_request_functions_run_at_once(tmp_path):
    import threading
    import time

    with open_store(store_url(tmp_path, "threads")) as store:
        app = create_app(store=store, settings=Settings(serve_threads=2))
        lock, running, most = threading.Lock(), [0], [0]

        @app.get("/probe")
        def probe() -> dict:  # a plain function, as the pages are: run in the request threads
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.05)
            with lock:
                running[0] -= 1
            return {}

        async def many() -> list[int]:
            async with app.router.lifespan_context(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                    answers = await asyncio.gather(*(client.get("/probe") for _ in range(10)))
                    return [a.status_code for a in answers]

        assert asyncio.run(many()) == [200] * 10
        assert most[0] == 2  # ten asked at once, two at a time worked on them
