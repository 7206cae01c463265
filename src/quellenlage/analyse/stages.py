"""Stage contracts and the pipeline they make (in the manner of spaCy's factories).

A stage is a function ``stage(record) -> None`` that reads some fields of the
:class:`~quellenlage.record.Record` and assigns others. It declares both, with
its name, the version of its output and its position, by a decorator::

    @stage("entities", version=VERSION, order=20, requires=("text", "doc", "sentences"), assigns=("entities",))
    def entities(record: Record) -> None: ...

Field names are the record's (Python) field names, plus ``doc``: the spaCy Doc
the segment stage leaves on the record (:attr:`Record.doc`, never serialised).
What :func:`~quellenlage.analyse.pipeline.new_record` fills is there before any
stage runs (:data:`INITIAL`: text, paragraphs, meta, id, content hash, source,
warnings).

**Registration.** Stages are found through the ``quellenlage.stages``
entry-point group (the seam readers use too: ``quellenlage.readers``); a
package registers ``name = "module:function"`` there and its stage runs
without any edit to :mod:`.pipeline`. The built-in stages are declared in that
group in ``pyproject.toml`` as well, but they are taken from
:data:`BUILTIN` here, never from the installed metadata, so the pipeline is
whole even when the metadata is missing or stale (a source checkout run without
``pip install``); the entry points of the ``quellenlage`` distribution itself
are skipped, a test keeps them equal to :data:`BUILTIN`. Another package's
stage with a built-in's name is an error, not a replacement.

**Order.** Each stage declares a numeric ``order``; the pipeline runs the stages
by ``(order, name)`` (the built-ins are 10, 20, … 60, so a stage with
``order=25`` runs between entities and datelines). No order is inferred: the
contracts only *check* it. :func:`check` fails with :class:`StageOrderError`,
naming the stage and the field, when a stage requires a field that no earlier
stage assigns (and that is not in :data:`INITIAL`), or names a field the record
does not have. :mod:`.pipeline` runs the check when it is imported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TypeVar

from ..record import Record

Stage = Callable[[Record], None]
_S = TypeVar("_S", bound=Stage)  # the decorated function keeps its own signature (entities takes test spans too)

#: The entry-point group stages register in.
GROUP = "quellenlage.stages"

#: The built-in stages, as ``module:function`` (the same values as their entry points in pyproject.toml).
BUILTIN: tuple[str, ...] = (
    "quellenlage.analyse.segment:segment",
    "quellenlage.analyse.entities:entities",
    "quellenlage.analyse.datelines:datelines",
    "quellenlage.analyse.time:time",
    "quellenlage.analyse.attribution:attribution",
    "quellenlage.analyse.events:events",
)

#: Fields a new record has before any stage runs (see :func:`~quellenlage.analyse.pipeline.new_record`).
INITIAL: frozenset[str] = frozenset({"schema_id", "id", "content_hash", "meta", "text", "paragraphs", "source", "warnings"})

#: The spaCy Doc on the record (``Record.doc``): not a field, but stages hand it on.
DOC = "doc"


class StageOrderError(ValueError):
    """The stages' contracts do not fit their order (or a stage is registered wrongly)."""


@dataclass(frozen=True)
class StageContract:
    """What a stage is: its name, function, output version, position, and the record fields it reads and writes."""

    name: str
    func: Stage
    version: int
    order: int
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_CONTRACTS: dict[Stage, StageContract] = {}


def stage(
    name: str, *, version: int, order: int, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[_S], _S]:
    """Declare the function below as the pipeline stage ``name`` (see the module docstring)."""

    def register(func: _S) -> _S:
        _CONTRACTS[func] = StageContract(name, func, version, order, tuple(requires), tuple(assigns))
        return func

    return register


def contract(func: Stage) -> StageContract:
    """The contract ``func`` was declared with by :func:`stage`."""
    try:
        return _CONTRACTS[func]
    except (KeyError, TypeError):
        raise StageOrderError(f"{func!r} is not a stage: declare it with @stage(name, version=…, order=…, …)") from None


def _load(value: str) -> Stage:
    module, _, attr = value.partition(":")
    func: Stage = getattr(importlib.import_module(module), attr)
    return func


def discover() -> list[StageContract]:
    """The built-in stages and every stage another package registers in :data:`GROUP` (unordered, unchecked)."""
    found = [contract(_load(value)) for value in BUILTIN]
    for ep in entry_points(group=GROUP):
        if ep.dist is not None and ep.dist.name == "quellenlage":
            continue  # the built-ins: taken from BUILTIN, so that missing metadata cannot drop them
        c = contract(ep.load())
        if c.name != ep.name:
            raise StageOrderError(f"entry point {ep.name!r} ({ep.value}) names a stage called {c.name!r}")
        found.append(c)
    return found


def check(stages: Iterable[StageContract]) -> list[StageContract]:
    """``stages`` in pipeline order, after checking that each one's required fields are there when it runs."""
    ordered = sorted(stages, key=lambda c: (c.order, c.name))
    known = set(Record.model_fields) | {DOC}
    available = set(INITIAL)
    names: set[str] = set()
    for c in ordered:
        if c.name in names:
            raise StageOrderError(f"stage {c.name!r} is registered twice")
        names.add(c.name)
        for field in (*c.requires, *c.assigns):
            if field not in known:
                raise StageOrderError(f"stage {c.name!r} names {field!r}, which is not a field of the record")
        for field in c.requires:
            if field not in available:
                later = [o.name for o in ordered if field in o.assigns and o is not c]
                verb = "runs" if len(later) == 1 else "run"
                where = (
                    f"assigned only by {', '.join(later)}, which {verb} after it" if later else "assigned by no stage before it"
                )
                raise StageOrderError(f"stage {c.name!r} requires {field!r}, {where} (order {c.order})")
        available.update(c.assigns)
    return ordered


def pipeline() -> list[StageContract]:
    """Every registered stage, in order, checked."""
    return check(discover())
