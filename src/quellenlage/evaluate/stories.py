"""Stories across outlets against a gold collection (``quellenlage eval stories DIR``).

A collection is a directory with the articles (``*.jsonl``, our JSON fields) and the gold record
(``gold*.json``; format in ``tests/fixtures/stories_dev/README.md``). The articles are ingested into a
fresh SQLite store (which links them, as ``quellenlage ingest`` does) and the link tables are compared:

- **entity merges**, B³ precision/recall over the gold mentions (article, text as written): a gold
  mention is found when one of the article's entity mentions has that text, or one of the article's
  role-only descriptions linked to a story entity has it ("der Leiter des Russischen
  Direktinvestitionsfonds", :func:`quellenlage.link.descriptions.links`); its system cluster is the story
  entity of that entity or description (the most frequent one where several have the text), restricted to
  the gold mentions; a mention not found is a singleton;
- **event merges**, B³ over the gold reports (article, trigger): a report is found when an article-level
  event of that article has a mention overlapping the trigger word; its cluster is that event's story event;
- **origins**: for each gold event with two or more reports, the story event most of its found reports
  went to; its reports, outlets and independent origins against the gold numbers (exact, and mean
  absolute difference);
- **contradictions**: (event, field) pairs, precision over the system's flags on story events that are
  gold events, recall over the gold ones;
- **drift**: events with attribution drift (hearsay in one outlet, fact in another) and events with a
  claim resting only on unnamed media reports, precision/recall as for contradictions;
- **stories**: B³ over the articles (an article of no gold story is a singleton).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..link.descriptions import links as description_links
from ..store import open_store
from ..store.tables import articles, entity_links, event_links, story_articles, story_events
from .scores import Counts, f1, prf


@dataclass
class Bcubed:
    precision: float
    recall: float
    items: int
    found: int

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict:
        return {
            **prf(self.precision, self.recall),
            "items": self.items,
            "found": self.found,
        }


def bcubed(gold: Mapping[Hashable, str], system: Mapping[Hashable, str]) -> tuple[float, float]:
    """B³ precision and recall of ``system`` clusters against ``gold`` clusters over gold's items
    (item → cluster id; an item missing from ``system`` is a singleton)."""
    items = list(gold)
    sys_of = {i: system.get(i, f"__single__{k}") for k, i in enumerate(items)}
    by_gold: dict[str, set] = {}
    by_sys: dict[str, set] = {}
    for i in items:
        by_gold.setdefault(gold[i], set()).add(i)
        by_sys.setdefault(sys_of[i], set()).add(i)
    p = sum(len(by_gold[gold[i]] & by_sys[sys_of[i]]) / len(by_sys[sys_of[i]]) for i in items)
    r = sum(len(by_gold[gold[i]] & by_sys[sys_of[i]]) / len(by_gold[gold[i]]) for i in items)
    return (p / len(items), r / len(items)) if items else (0.0, 0.0)


@dataclass
class StoriesResult:
    articles: int
    entities: Bcubed
    events: Bcubed
    stories: Bcubed
    origins: dict
    contradictions: Counts
    drift: Counts
    media_reports: Counts
    errors: list[dict]

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "entity_merges": self.entities.as_dict(),
            "event_merges": self.events.as_dict(),
            "stories": self.stories.as_dict(),
            "origins": self.origins,
            "contradictions": self.contradictions.as_dict(),
            "drift": self.drift.as_dict(),
            "unnamed_media_reports": self.media_reports.as_dict(),
        }

    def report(self) -> str:
        lines = [f"{self.articles} articles"]
        for name, b in (
            ("entity merges (B³)", self.entities),
            ("event merges (B³)", self.events),
            ("stories (B³)", self.stories),
        ):
            lines.append(
                f"{name:28} P {b.precision:.3f}  R {b.recall:.3f}  F1 {b.f1:.3f}   ({b.found}/{b.items} gold items found)"
            )
        o = self.origins
        lines.append(
            f"{'origins (gold events ≥2 reports)':28} {o['events']} events: reports exact {o['reports_exact']}, outlets exact "
            f"{o['outlets_exact']}, origins exact {o['origins_exact']} (mean |diff| {o['origins_mae']})"
        )
        for name, pr in (
            ("contradictions", self.contradictions),
            ("drift", self.drift),
            ("unnamed media reports", self.media_reports),
        ):
            d = pr.as_dict()
            lines.append(f"{name:28} P {d['precision']:.3f}  R {d['recall']:.3f}  (tp {pr.tp}, fp {pr.fp}, fn {pr.fn})")
        return "\n".join(lines)


def _files(path: Path) -> tuple[Path, Path]:
    articles_file = sorted(p for p in path.glob("*.jsonl"))
    gold_file = sorted(path.glob("gold*.json"))
    if not articles_file or not gold_file:
        raise ValueError("expected articles (*.jsonl) and a gold record (gold*.json)")
    return articles_file[0], gold_file[0]


def _overlaps(trigger: str, mention: str) -> bool:
    a, b = trigger.lower(), mention.lower()
    return a in b or b in a


def evaluate_dir(path: str) -> StoriesResult:
    from ..batch import ingest_into

    folder = Path(path)
    articles_file, gold_file = _files(folder)
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "stories.db")) as store:
        summary = ingest_into(store, [str(articles_file)], show_progress=False)
        if summary.failed:
            raise ValueError(f"{summary.failed} articles failed: {summary.failures[:3]}")
        with store.read() as conn:
            by_url = {r.url: r.id for r in conn.execute(select(articles.c.id, articles.c.url))}
            records = {aid: store.get(aid) for aid in by_url.values()}
            entity_of = {(r.article_id, r.eid): r.story_entity for r in conn.execute(select(entity_links))}
            described: dict[tuple[str, str], list[str]] = {}
            for link in description_links(conn):
                described.setdefault((link.article_id, link.text), []).append(link.story_entity)
            event_of = {(r.article_id, r.evid): r.story_event for r in conn.execute(select(event_links))}
            story_of = {r.article_id: r.story for r in conn.execute(select(story_articles))}
            event_rows = {r.id: r for r in conn.execute(select(story_events))}
            from ..link.queries import story_event_view

            views = {sid: story_event_view(conn, row) for sid, row in event_rows.items()}
    errors: list[dict] = []

    def aid(url: str) -> str:
        found = by_url.get(url) or by_url.get(url.rstrip("/"))
        if found is None:
            raise ValueError(f"gold article {url} is not among the ingested articles")
        return found

    # entities
    g_ent: dict[Hashable, str] = {}
    s_ent: dict[Hashable, str] = {}
    for e in gold["entities"]:
        for m in e["mentions"]:
            a = aid(m["article"])
            for text in m["texts"]:
                item = (a, text)
                g_ent[item] = e["id"]
                found = Counter(
                    entity_of[(a, ent.id)]
                    for ent in records[a].entities
                    for mm in ent.mentions
                    if mm.text == text and (a, ent.id) in entity_of
                )
                found.update(described.get((a, text), []))
                if found:
                    s_ent[item] = found.most_common(1)[0][0]
    ep, er = bcubed(g_ent, s_ent)

    # events
    g_ev: dict[Hashable, str] = {}
    s_ev: dict[Hashable, str] = {}
    for ev in gold["events"]:
        for rep in ev["reports"]:
            a = aid(rep["article"])
            report = (a, rep["trigger"], ev["id"])
            g_ev[report] = ev["id"]
            hits = [x.id for x in records[a].events if any(_overlaps(rep["trigger"], m.text) for m in x.mentions)]
            if hits and (a, hits[0]) in event_of:
                s_ev[report] = event_of[(a, hits[0])]
            else:
                errors.append(
                    {"kind": "report not found", "event": ev["id"], "article": rep["article"], "trigger": rep["trigger"]}
                )
    vp, vr = bcubed(g_ev, s_ev)

    # origins, contradictions, drift per gold event
    mapped: dict[str, str] = {}
    for ev in gold["events"]:
        targets = Counter(s_ev[i] for i, gid in g_ev.items() if gid == ev["id"] and i in s_ev)
        if targets:
            mapped[ev["id"]] = targets.most_common(1)[0][0]
        if len(targets) > 1:  # found reports of one gold event in several story events
            errors.append(
                {
                    "kind": "event split",
                    "event": ev["id"],
                    "parts": [
                        sorted(
                            f"{records[i[0]].meta.outlet}: {i[1]}"  # type: ignore[index]
                            for i in g_ev
                            if i in s_ev and s_ev[i] == sid and g_ev[i] == ev["id"]
                        )
                        for sid, _ in targets.most_common()
                    ],
                }
            )
    for sid in sorted(set(s_ev.values())):
        joined = sorted({g_ev[i] for i in s_ev if s_ev[i] == sid})
        if len(joined) > 1:  # reports of several gold events in one story event
            errors.append({"kind": "events merged", "story_event": sid, "events": joined})
    o_events = o_rep = o_out = o_org = 0
    o_diff = 0
    for ev in gold["events"]:
        if len(ev["reports"]) < 2:
            continue
        o_events += 1
        view = views.get(mapped.get(ev["id"], ""))
        if view is None:
            o_diff += ev.get("origins", 0)
            continue
        o_rep += view.counts["reports"] == ev.get("reports_count", len(ev["reports"]))
        o_out += view.counts["outlets"] == ev.get("outlets")
        o_org += view.counts["origins"] == ev.get("origins")
        o_diff += abs(view.counts["origins"] - ev.get("origins", 0))
        if view.counts["origins"] != ev.get("origins"):
            errors.append(
                {
                    "kind": "origins",
                    "event": ev["id"],
                    "gold": ev.get("origins"),
                    "ours": view.counts["origins"],
                    "list": view.origins,
                }
            )
    origins = {
        "events": o_events,
        "reports_exact": o_rep,
        "outlets_exact": o_out,
        "origins_exact": o_org,
        "origins_mae": round(o_diff / o_events, 2) if o_events else 0.0,
    }
    gold_events_of: dict[str, list[str]] = {}
    for gid, sid in mapped.items():
        gold_events_of.setdefault(sid, []).append(gid)
    contradictions = Counts()
    gold_c = {(ev["id"], c["field"]) for ev in gold["events"] for c in ev.get("contradictions", [])}
    ours_c = {
        (gid, c["field"])
        for sid, view in views.items()
        for gid in gold_events_of.get(sid, [f"?{sid}"])
        for c in view.contradictions
    }
    contradictions.tp, contradictions.fp, contradictions.fn = len(gold_c & ours_c), len(ours_c - gold_c), len(gold_c - ours_c)
    for x in sorted(ours_c ^ gold_c):
        errors.append({"kind": "contradiction " + ("missed" if x in gold_c else "spurious"), "event": x[0], "field": x[1]})
    drift_pr, media_pr = Counts(), Counts()
    gold_d = {d["event"] for d in gold.get("drift", [])}
    gold_m = {d["event"] for d in gold.get("unnamed_media_reports", [])}
    ours_d, ours_m = set(), set()
    for sid, view in views.items():
        kinds = {flag["kind"] for flag in view.drift.values()}
        for gid in gold_events_of.get(sid, [f"?{sid}"]):
            if kinds & {"stated as fact", "hearsay"}:
                ours_d.add(gid)
            if "unnamed media reports" in kinds:
                ours_m.add(gid)
    for pr, g, o, name in ((drift_pr, gold_d, ours_d, "drift"), (media_pr, gold_m, ours_m, "media reports")):
        pr.tp, pr.fp, pr.fn = len(g & o), len(o - g), len(g - o)
        for gid in sorted(o ^ g):
            errors.append({"kind": f"{name} " + ("missed" if gid in g else "spurious"), "event": gid})

    # stories
    g_story: dict[Hashable, str] = {}
    for k, a in enumerate(gold["articles"]):
        g_story[aid(a["url"])] = a.get("story") or f"__none__{k}"
    sp, sr = bcubed(g_story, {a: s for a, s in story_of.items() if a in g_story})
    return StoriesResult(
        articles=len(by_url),
        entities=Bcubed(ep, er, len(g_ent), len(s_ent)),
        events=Bcubed(vp, vr, len(g_ev), len(s_ev)),
        stories=Bcubed(sp, sr, len(g_story), len(g_story)),
        origins=origins,
        contradictions=contradictions,
        drift=drift_pr,
        media_reports=media_pr,
        errors=errors,
    )
