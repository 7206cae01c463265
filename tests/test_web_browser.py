"""The reading room in a real headless browser (Debian's chromium, driven by Playwright).

The real server (uvicorn in a thread, on a free port) serves a store where
samples/ and the seed were ingested through the real pipeline, plus one
annotated record. The seed's quotations need the attribution stage, Dmitriev's
dossier the entities stage: while a stage is not in the pipeline's STAGES,
the test needing it skips and says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_web_support import annotated_record, filled_store_copy, served, stage_names, stories_store_path

from quellenlage.store import open_store
from quellenlage.store.queries import entity_key

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "browser-token"
SEED_ID = "5e24f88cd2d60ae4"
DMITRIEV_QUOTES = [
    "dass die russische Position wirklich gehört wird",
    "Es handelt sich eigentlich um einen viel umfassenderen Rahmen",
    "Vorteile",
    "Dies geschieht vor dem Hintergrund",
]

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (test extra)")
if not CHROMIUM.exists():
    pytest.skip(f"no browser: {CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


GENF_HTML = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Treffen in Genf</title>
<meta property="og:site_name" content="zeitung.example"></head><body><article><h1>Treffen in Genf</h1>
<p>Bundeskanzler Friedrich Merz traf am 3. Mai 2025 in Genf den Präsidenten Emmanuel Macron.
"Wir stehen zusammen", sagte Merz nach dem Treffen.</p>
<p>Laut Reuters soll ein weiteres Treffen im Juni 2025 geplant sein. Die Gespräche sollen in Genf weitergehen.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app under uvicorn on a copy of the filled store; yields its base URL."""
    yield from _serve(filled_store_copy(tmp_path_factory.mktemp("browser")))


@pytest.fixture(scope="module")
def stories_server():
    """The real app under uvicorn on the linked stories_dev store (read only); yields its base URL."""
    yield from _serve(stories_store_path())


def _serve(db: str):
    from quellenlage.serve import create_app

    store = open_store(db)
    with served(create_app(store=store, token=TOKEN)) as base:
        yield base
    store.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(8000)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def needs(*stages: str) -> None:
    missing = [s for s in stages if s not in stage_names()]
    if missing:
        pytest.skip(f"needs the {', '.join(missing)} stage(s), not in analyse/pipeline.py STAGES yet")


def test_seed_article_view_layout(server, page):
    page.goto(f"{server}/articles/{SEED_ID}")
    assert page.locator("h1").inner_text() == "USA und Russland sollen Geheimgespräche führen"
    assert page.locator(".meta .outlet").inner_text() == "ntv.de"
    assert page.locator("p.para").count() == 10
    assert page.locator("p.para-kicker").inner_text() == "Kremlgesandter zufrieden"
    legend = page.locator("ul.legend").inner_text()
    for label in ("direct quote", "indirect speech", "reported", "asserted"):
        assert label in legend
    assert "Wladimir Putin" in page.locator(".meta").inner_text()


def test_seed_dmitriev_quotes_are_direct_quotes_with_his_card(server, page):
    needs("attribution")
    page.goto(f"{server}/articles/{SEED_ID}")
    quotes = page.locator("span.st-direct_quote[tabindex]")
    texts = quotes.all_inner_texts()
    for needle in DMITRIEV_QUOTES:
        assert any(needle in t for t in texts), needle
    theirs = [i for i, t in enumerate(texts) if any(n in t for n in DMITRIEV_QUOTES)]
    assert len(theirs) == 5
    quote = quotes.nth(theirs[0])
    quote.focus()
    card = page.locator(f"#card-{quote.get_attribute('data-st')}")
    card.wait_for(state="visible")
    assert "Dmitri" in card.locator(".speaker").inner_text()
    chain = card.locator(".chain").inner_text()
    assert chain.startswith("ntv.de →") and "Dmitri" in chain  # outermost first: the outlet, then the speaker
    quotes.nth(theirs[-1]).hover()
    page.locator(f"#card-{quotes.nth(theirs[-1]).get_attribute('data-st')}").wait_for(state="visible")


def test_seed_events_beside_the_text_with_status_changes_groups_and_sources(server, page):
    needs("events")
    page.goto(f"{server}/articles/{SEED_ID}")
    events = page.locator("aside .event")
    budapest = events.filter(has_text="Budapest")
    assert "cancelled 2025-10-25 by Donald Trump" in budapest.locator(".change").inner_text()
    miami = events.filter(has_text="Miami")
    assert miami.locator(".when").inner_text() == "2025-10-24/2025-10-26"
    assert miami.locator(".group").inner_text() == "hochrangige Mitglieder der Trump-Regierung"
    assert "ntv.de → Axios → US-amerikanische und russische Beamte" in miami.locator(".chains").inner_text()
    assert "28 points" in events.filter(has_text="Gaza-Deal").locator(".plan").inner_text()


def test_seed_dmitriev_dossier(server, page):
    needs("entities")
    page.goto(f"{server}/entities?q=Dmitri")
    page.locator("#entities a", has_text="Dmitri").first.click()
    page.wait_for_url("**/entities/E*")
    assert "Dmitri" in page.locator("h1").inner_text()
    assert "Dmitriew" in page.locator(".aliases").inner_text() or "Dmitrijew" in page.locator(".aliases").inner_text()
    if "attribution" in stage_names():
        assert page.locator("ul.said li").count() >= 5
    page.goto(f"{server}/entities/{entity_key('Kirill Dmitriew')}")  # the dossier's URL before linking
    page.wait_for_url("**/entities/E*")
    assert "Dmitri" in page.locator("h1").inner_text()


def test_statement_card_on_hover_and_focus_and_script_stays_text(server, page):
    record = annotated_record()
    page.goto(f"{server}/articles/{record.id}")
    assert page.dialogs == []  # the article's <script> did not run
    assert '<script>alert("x")</script>' in page.locator("p.para").first.inner_text()
    quote = page.locator("span.st-direct_quote[tabindex]").first
    assert quote.inner_text() == '"Wir stehen zusammen"'
    quote.hover()
    card = page.locator("#card-st-s1")
    card.wait_for(state="visible")
    assert "Merz" in card.locator(".speaker").inner_text()
    page.keyboard.press("Escape")
    reported = page.locator("span.st-reported[tabindex]").first
    reported.focus()
    card2 = page.locator("#card-st-s2")
    card2.wait_for(state="visible")
    assert card2.locator(".chain").inner_text() == "zeitung.example → Reuters → Diplomaten"
    assert card2.locator(".hedging").inner_text() == "yes"
    assert page.locator("p.para span.tx").first.get_attribute("title") == "2025-05-03"
    assert page.locator("aside .event").count() == 2


def test_dossier_of_an_entity_from_the_article(server, page):
    record = annotated_record()
    page.goto(f"{server}/articles/{record.id}")
    page.locator("p.para a.ent", has_text="Friedrich Merz").first.click()
    page.wait_for_url("**/entities/E*")  # its story entity
    assert page.locator("h1").inner_text().startswith("Friedrich Merz")
    assert "Bundeskanzler" in page.locator(".roles").inner_text()
    assert "Wir stehen zusammen" in page.locator("ul.said").inner_text()


def test_search_from_the_form(server, page):
    page.goto(f"{server}/search")
    page.fill("#search-form input[name=q]", "Witkoff Miami")
    page.locator("#search-form button").click()
    page.wait_for_url("**/search?**")
    hit = page.locator(".sentence-hits li").first
    assert "Miami" in hit.inner_text()
    hit.locator("a").click()
    page.wait_for_url(f"**/articles/{SEED_ID}")


def test_timeline_page_shows_the_svg(server, page):
    page.goto(f"{server}/timeline?story=kanzlerreise")
    img = page.locator(".timeline-image img")
    img.wait_for()
    page.wait_for_function("document.querySelector('.timeline-image img').naturalWidth > 0")
    assert page.locator("ol.timeline > li").count() == 2
    assert "planned" in page.locator("ol.timeline").inner_text()


def _widest_story_with_undated_events() -> tuple[str, int]:
    """The linked story of the filled store whose dated events span the most days and which has events
    without a date too (Wikinews samples: 2002–2005), with its number of undated events."""
    from test_web_support import filled_store_path

    from quellenlage.serve import data, linked

    with open_store(filled_store_path()) as store:
        with store.read() as conn:
            ids = [s["id"] for s in linked.story_page(conn, 200, 0, 1)["items"]]
        best: tuple[int, str, int] = (-1, "", 0)
        for sid in ids:
            _, basis, entries, undated = data.timeline_view(store, sid, show="all")
            if basis == "events" and len(entries) >= 2 and undated:
                span = (max(e.last for e in entries) - min(e.first for e in entries)).days
                best = max(best, (span, sid, len(undated)))
    assert best[1], "no story with dated and undated events in the filled store"
    return best[1], best[2]


def test_timeline_axis_labels_do_not_overlap_and_undated_events_are_listed_apart(server, page):
    story, undated = _widest_story_with_undated_events()
    page.goto(f"{server}/timeline.svg?story={story}&show=all")
    boxes = page.evaluate(
        "[...document.querySelectorAll('text.tick')].map(t => { const b = t.getBBox(); return [b.x, b.y, b.width, b.height]; })"
    )
    assert len(boxes) >= 2, boxes
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, (boxes[i], (x2, y2, w2, h2))
    assert page.locator("text.undated").count() == undated + 1  # the heading and one line each
    page.goto(f"{server}/timeline?story={story}&show=all")
    section = page.locator("section.undated")
    section.wait_for()
    assert "Ohne Datum" in section.locator("h2").inner_text()
    assert section.locator("ul.undated-events > li").count() == undated
    page.wait_for_function("document.querySelector('.timeline-image img').naturalWidth > 0")
    listed = page.evaluate("document.querySelector('ol.timeline').getBoundingClientRect().bottom")
    assert page.evaluate("document.querySelector('section.undated').getBoundingClientRect().top") >= listed


def test_upload_with_token_is_listed_and_without_token_refused(server, page, tmp_path):
    upload = tmp_path / "genf.html"
    upload.write_text(GENF_HTML, encoding="utf-8")
    page.goto(f"{server}/ingest")
    page.set_input_files("input[name=files]", str(upload))
    page.locator("#ingest-form button").click()
    page.wait_for_load_state()
    assert "token is required" in page.locator("#ingest-error").inner_text()
    page.fill("input[name=token]", "falsch")
    page.set_input_files("input[name=files]", str(upload))
    page.locator("#ingest-form button").click()
    page.wait_for_load_state()
    assert "not valid" in page.locator("#ingest-error").inner_text()

    page.fill("input[name=token]", TOKEN)
    page.set_input_files("input[name=files]", str(upload))
    # the server's first upload starts its analysis process (serve/workers.py): seconds, not milliseconds
    page.locator("#ingest-form button").click(timeout=90_000)
    report = page.locator("#ingest-report")
    report.wait_for(timeout=90_000)
    assert "1 stored" in report.inner_text()
    link = report.locator("ul.ingested a").first
    assert link.inner_text() == "Treffen in Genf"
    page.goto(f"{server}/")
    assert page.locator("#articles", has_text="Treffen in Genf").count() == 1


def test_docs_page_lists_the_operations_without_network(server, page):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{server}/docs")
    page.locator(".op").first.wait_for()
    listed = page.locator("#operations").inner_text()
    assert "/api/articles/{article_id}" in listed and "POST" in listed and "≤ 100" in listed
    assert all(url.startswith(server) for url in requested), requested


def test_story_page_opens_an_events_origin_tree(stories_server, page):
    """The Ukraine story: its events by date with status colours; clicking an event's reports / outlets /
    origins shows which outlet took it from whom (spiegel.de ← Axios)."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{stories_server}/stories")
    page.locator("#stories a", has_text="Ukraine").first.click()
    page.wait_for_url("**/stories/S*")
    assert "Witkoff" in page.locator(".actors").inner_text()
    page.wait_for_function("document.querySelector('.timeline-image img').naturalWidth > 0")
    events = page.locator("#story-events > li.story-event")
    assert events.count() >= 10
    cited = events.filter(has=page.locator("ul.origin-tree ul .node", has_text="Axios")).first
    tree = cited.locator("ul.origin-tree")
    assert not tree.is_visible()
    summary = cited.locator("details.origins summary")
    assert re.fullmatch(r"\d+ reports? / \d+ outlets? / \d+ independent origins?", summary.inner_text().strip())
    summary.click()
    tree.wait_for(state="visible")
    outlet = tree.locator(":scope > li").filter(has=page.locator(".node", has_text="Axios")).first
    assert outlet.locator(":scope > .node").inner_text() in (
        cited.locator(".evidence").text_content() or ""
    )  # one of its outlets
    assert outlet.locator(":scope > ul .node", has_text="Axios").is_visible()
    swatch = cited.locator(".swatch").evaluate("el => getComputedStyle(el).backgroundColor")
    assert swatch != "rgba(0, 0, 0, 0)"
    assert all(url.startswith(stories_server) for url in requested), requested


def test_contradictions_page_flags_the_sides(stories_server, page):
    page.goto(f"{stories_server}/contradictions")
    flagged = page.locator("#contradictions > li.story-event")
    assert flagged.count() >= 1
    contradicted = page.locator("#contradictions > li.contradicted").first
    assert "contradiction" in contradicted.locator(".flag-contradiction").inner_text()
    assert " vs " in contradicted.locator("p.contradiction").first.inner_text()


def test_entities_form_filters_by_type_and_name_and_sorts(stories_server, page):
    """The entities list's form: places sorted by name, then a person found by another outlet's spelling;
    the form shows what was chosen."""
    page.goto(f"{stories_server}/entities")
    form = page.locator("#entities-form")
    form.locator("select[name=type]").select_option("LOC")
    form.locator("select[name=sort]").select_option("name")
    form.locator("button").click()
    page.wait_for_url("**/entities?*type=LOC*")
    types = page.locator("#entities tbody tr td:nth-child(2)").all_inner_texts()
    names = page.locator("#entities tbody tr td:first-child").all_inner_texts()
    assert len(types) > 10 and set(types) == {"LOC"} and names == sorted(names)
    assert form.locator("select[name=sort]").input_value() == "name"
    form.locator("select[name=type]").select_option("PER")
    form.locator("input[name=q]").fill("Dmitriev")
    form.locator("button").click()
    page.wait_for_url("**/entities?*q=Dmitriev*")
    rows = page.locator("#entities tbody tr")
    assert rows.count() == 1 and "Kirill Dmitrijew" in rows.first.inner_text()
    assert form.locator("select[name=type]").input_value() == "PER"
    rows.first.locator("a").click()
    page.wait_for_url("**/entities/E*")
    assert "Kirill Dmitrijew" in page.locator("h1").inner_text()
