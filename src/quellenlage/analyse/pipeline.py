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

**Long articles.** An article longer than ``Settings.max_analysed_chars``
(default 400,000 characters, ``QUELLENLAGE_MAX_ANALYSED_CHARS``) is tokenised
and split into sentences whole, so all of it stays readable and searchable, but
the stages after the one that made the Doc (entities, datelines, time,
attribution, events and any plugged in) see only its first part: the sentences
that end within the limit (:func:`analysed_part`). The record keeps the whole
text and says so in one warning ("analysed the first 399,870 of 5,000,000
characters …"), and its analysis version names the limit (:func:`record_version`).
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import __version__
from ..article import Article
from ..errors import AnalysisError
from ..lang import de
from ..record import AnalysisInfo, Paragraph, Record, Sentence, SourceInfo
from ..settings import MAX_ANALYSED_CHARS_VAR, Settings
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


def record_version(length: int, limit: int) -> str:
    """The analysis version a record of a text of ``length`` characters gets under the limit ``limit``
    (``Settings.max_analysed_chars``): :data:`ANALYSIS_VERSION`, and for a text the limit cuts also the limit
    ("…+cut400000"). An article stored cut under one limit is then analysed again by a run with another limit
    instead of counting as unchanged; an article within both limits is the same record under either."""
    return ANALYSIS_VERSION if length <= limit else f"{ANALYSIS_VERSION}+cut{limit}"


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
    """The record before analysis: composed text, paragraphs, ids, provenance (lone surrogates replaced:
    :meth:`Article.unicode_only`)."""
    article = article.unicode_only()
    text, paragraphs = article.compose()
    meta = article.meta
    page = article.provenance.page
    record = Record(
        id=article_id(meta.url, text, meta.outlet),
        content_hash=content_hash(text, meta.model_dump(mode="json")),
        meta=meta,
        text=text,
        paragraphs=paragraphs,
        source=SourceInfo(
            reader=article.provenance.reader,
            name=article.provenance.name,
            encoding=article.provenance.encoding,
            url=page.final_url if page is not None else None,
            fetched_at=page.fetched_at if page is not None else None,
        ),
        warnings=list(article.provenance.warnings),
    )
    record._page = page
    return record


def analyse(article: Article, timings: dict[str, float] | None = None, settings: Settings | None = None) -> Record:
    """Run every stage on ``article`` (``timings``, ``settings``: see :func:`run_stages`)."""
    return run_stages(new_record(article), timings, settings)


def run_stages(record: Record, timings: dict[str, float] | None = None, settings: Settings | None = None) -> Record:
    """Run every stage on a record made by :func:`new_record`.

    With ``timings``, each stage's run time in seconds is added to
    ``timings[name]`` (the benchmark harness reports time per stage).

    ``settings``: the limits of the run (default ``Settings.from_env()``); of
    them ``max_analysed_chars``: a longer article is segmented whole, and the
    stages after segmenting run on its :func:`analysed_part` only, whose results
    (entities, statements, times, events, datelines: every field but text,
    paragraphs and sentences) the record takes over, with a warning.

    The finished record is checked against its evidence rules
    (:meth:`Record.offset_problems`): a stage that writes a span outside the
    text, or refers to a sentence, entity or statement that does not exist,
    fails the article instead of storing a broken record.
    """
    limit = (settings if settings is not None else Settings.from_env()).max_analysed_chars
    part: Record | None = None  # the first part of a long article, once it is tokenised
    with _no_cycle_collection():
        for name, stage, _ in STAGES:
            target = record if part is None else part
            if timings is None:
                stage(target)
            else:
                started = time.perf_counter()
                stage(target)
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
            if part is None and len(record.text) > limit and record.doc is not None:
                part = analysed_part(record, limit)
    if part is not None:
        for field in Record.model_fields:
            if field not in _WHOLE:
                setattr(record, field, getattr(part, field))
    if part is not None and len(part.text) < len(record.text):
        record.warnings.append(
            f"long article: analysed the first {len(part.text):,} of {len(record.text):,} characters "
            f"(entities, times, statements, events); the rest is split into sentences only "
            f"(limit {limit:,}, {MAX_ANALYSED_CHARS_VAR})"
        )
    problems = record.offset_problems()
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise AnalysisError(record.source.name if record.source else record.id, f"inconsistent record: {problems[0]}{more}")
    record.analysis = AnalysisInfo(version=record_version(len(record.text), limit), stages=[name for name, _, _ in STAGES])
    return record


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the stages run: it scans every live object, the models and
    tables included, each time enough new ones pile up, so on a long article its cost grows with the article
    times the heap (a fifth of the attribution stage's time at 200,000 characters). What an article leaves in
    cycles is collected after it, when the collector runs again; freeing by reference count goes on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


#: The fields a long article keeps whole (:func:`analysed_part` shortens them for the stages after segmenting).
_WHOLE = frozenset({"text", "paragraphs", "sentences"})


def analysed_part(record: Record, limit: int) -> Record:
    """The first part of a segmented ``record``, at most ``limit`` characters, for the stages after segmenting.

    It ends with the last sentence that ends within the limit ("… sagte Merkel." of sentence 2,317, not half of
    sentence 2,318), or, when the first sentence is already longer (a text without full stops), with the last
    token that does. Text, paragraphs, sentences and the Doc are those of the whole record cut there, so every
    offset and sentence index in the part means the same in the whole record; the Doc keeps the tokens, their
    white space and the sentence starts the segment stage set. Every other field is the record's (shared, not
    copied).
    """
    doc = record.require_doc()
    text = record.text
    k = bisect.bisect_right([s.end for s in record.sentences], limit)  # the sentences ending within the limit
    sentences = record.sentences[:k]
    rows = doc.to_array(["IDX", "LENGTH"]).tolist() if len(doc) else []
    if sentences:
        cut = sentences[-1].end
    else:  # one sentence longer than the limit: up to its last token that ends within the limit
        cut = max((i + n for i, n in rows if i + n <= limit), default=0)
        first = record.sentences[0] if record.sentences else None
        if first is not None and first.start < cut:
            sentences = [Sentence(start=first.start, end=cut, paragraph=first.paragraph)]
    paragraphs = [
        p if p.end <= cut else Paragraph(start=p.start, end=cut, kind=p.kind) for p in record.paragraphs if p.start < cut
    ]
    n = bisect.bisect_left([i for i, _ in rows], cut)  # the tokens that start before the cut
    part = record.model_copy(update={"text": text[:cut], "paragraphs": paragraphs, "sentences": sentences})
    part._doc = _doc_part(doc, n, part.text)
    return part


def _doc_part(doc, n: int, text: str):
    """The first ``n`` tokens of ``doc`` (the Doc of a text that begins with ``text``) as a Doc of ``text``: the
    same tokens, the last without the white space after it, and the same sentence starts."""
    from spacy.tokens import Doc

    rows = doc.to_array(["IDX", "LENGTH", "SPACY", "SENT_START"])[:n].tolist()
    words = [text[i : i + length] for i, length, _, _ in rows]
    spaces = [bool(space) for _, _, space, _ in rows]
    if spaces:
        spaces[-1] = False
    starts = [start == 1 for _, _, _, start in rows]  # SENT_START: 1 begins a sentence (-1 as uint64 does not)
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)
