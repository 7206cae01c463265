"""The analysis pipeline: named stages run in order, once.

Each stage is a function ``stage(record) -> None`` that reads what earlier
stages wrote onto the :class:`~quellenlage.record.Record` and adds its own
part, and has a version of its own (bump it whenever its output changes).
Stages declare their contract (name, version, order, the fields they require
and assign) with :func:`~quellenlage.analyse.stages.stage` and are found
through the ``quellenlage.stages`` entry points (see :mod:`.stages`); the
order is checked against the contracts when this module is imported. A new
stage is a function with a contract and an entry point; this module does not
change.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import __version__
from ..article import Article
from ..errors import AnalysisError
from ..lang import de
from ..record import AnalysisInfo, Record, SourceInfo
from . import stages
from .stages import Stage, StageContract

#: The stages' contracts, in pipeline order (checked: every required field is there when its stage runs).
CONTRACTS: list[StageContract] = stages.pipeline()

#: The pipeline, in order: (name, function, version of its output).
STAGES: list[tuple[str, Stage, int]] = [(c.name, c.func, c.version) for c in CONTRACTS]


def analysis_version(pipeline: list[tuple[str, Stage, int]]) -> str:
    """The package version, each stage's name and version (in order), and the digest of the language tables."""
    return f"{__version__}+" + "+".join(f"{name}.{version}" for name, _, version in pipeline) + f"+de.{de.tables_digest()}"


#: Changes whenever a stage or a language table changes; a stored record with
#: another version is updated in place when its article is ingested again.
ANALYSIS_VERSION = analysis_version(STAGES)

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|wt_|at_|xtor$|ocid$)")


def normalise_url(url: str) -> str:
    """The URL an article is known by: lower-case scheme and host, no "www.",
    no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    host = host.removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k.lower())])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower() or "https", host, path, query, ""))


def content_hash(text: str, meta: dict) -> str:
    payload = json.dumps({"text": text, "meta": meta}, ensure_ascii=False, sort_keys=True)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def article_id(url: str | None, text: str, outlet: str | None = None) -> str:
    """Stable id: from the normalised URL when there is one, else from outlet and
    text (one agency story printed by two outlets is two articles)."""
    basis = ("url:" + normalise_url(url)) if url else (f"text:{outlet or ''}\n{text}")
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def new_record(article: Article) -> Record:
    """The record before analysis: composed text, paragraphs, ids, provenance."""
    text, paragraphs = article.compose()
    meta = article.meta
    return Record(
        id=article_id(meta.url, text, meta.outlet),
        content_hash=content_hash(text, meta.model_dump(mode="json")),
        meta=meta,
        text=text,
        paragraphs=paragraphs,
        source=SourceInfo(reader=article.provenance.reader, name=article.provenance.name, encoding=article.provenance.encoding),
        warnings=list(article.provenance.warnings),
    )


def analyse(article: Article, timings: dict[str, float] | None = None) -> Record:
    """Run every stage on ``article`` (``timings``: see :func:`run_stages`)."""
    return run_stages(new_record(article), timings)


def run_stages(record: Record, timings: dict[str, float] | None = None) -> Record:
    """Run every stage on a record made by :func:`new_record`.

    With ``timings``, each stage's run time in seconds is added to
    ``timings[name]`` (the benchmark harness reports time per stage).

    The finished record is checked against its evidence rules
    (:meth:`Record.offset_problems`): a stage that writes a span outside the
    text, or refers to a sentence, entity or statement that does not exist,
    fails the article instead of storing a broken record.
    """
    for name, stage, _ in STAGES:
        if timings is None:
            stage(record)
        else:
            started = time.perf_counter()
            stage(record)
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
    problems = record.offset_problems()
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise AnalysisError(record.source.name if record.source else record.id, f"inconsistent record: {problems[0]}{more}")
    record.analysis = AnalysisInfo(version=ANALYSIS_VERSION, stages=[name for name, _, _ in STAGES])
    return record
