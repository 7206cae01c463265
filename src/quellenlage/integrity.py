"""A store's integrity, checked and mended: ``quellenlage check [--repair]``.

:func:`check` runs the store's checks (:mod:`quellenlage.store.check`: engine, schema, articles and their
rows, full-text index, fetch tables) and the link tables' (:mod:`quellenlage.link.check`); :func:`repair`
mends what can be mended without losing a record (:mod:`quellenlage.store.repair`, then the linking pass)
and checks again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .link import check as links
from .store import Store
from .store.check import Problem, plural, store_problems


@dataclass
class Report:
    """What a check found."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Things worth knowing that are no problem (articles waiting to be linked)."""
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.clean:
            return f"clean: no problems found in {self.seconds:.1f} s"
        rows = sum(p.count for p in self.problems)
        mendable = sum(1 for p in self.problems if p.mend)
        return (
            f"{plural(len(self.problems), 'problem')} ({plural(rows, 'row')}) found in {self.seconds:.1f} s; "
            f"{mendable} can be mended by `quellenlage check --repair`"
            + (f", {len(self.problems) - mendable} cannot" if mendable < len(self.problems) else "")
        )


def check(store: Store) -> Report:
    """Every check, in one reading transaction (so the store is seen as of one moment: on PostgreSQL at
    REPEATABLE READ, one snapshot for every statement, so an ingest committing meanwhile is not a problem)."""
    started = time.perf_counter()
    report = Report()
    with store.read() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")  # before the first statement
        report.problems = store_problems(conn)
        if not any(p.area == "schema" for p in report.problems):
            report.problems += links.link_problems(conn)
            note = links.waiting_note(conn)
            if note:
                report.notes.append(note)
    report.seconds = time.perf_counter() - started
    return report


def repair(store: Store, found: Report) -> tuple[list[str], Report]:
    """Mend what ``found`` found (the store's problems first, then the link tables, checked again after them,
    which also links the articles waiting); a line for each mend, and the check after them."""
    from .store import repair as store_repair

    problems = found.problems
    if any(p.mend == store_repair.REINDEX for p in problems):
        # a damaged index answers wrong: the other problems it showed may be its own doing (an article
        # "without its revision" because the index of revisions is broken). Rebuild the indexes first, then
        # mend only what a check after them still finds.
        lines = store_repair.mend(store, [p for p in problems if p.mend == store_repair.REINDEX])
        problems = check(store).problems
    else:
        lines = []
    lines += store_repair.mend(store, problems)
    with store.read() as conn:
        link_found = links.link_problems(conn)
    mended, linked = links.mend(store, link_found)
    lines += mended
    # a link problem of the first check that the store's mends changed (an article made again waits to be
    # linked) was mended by them and the linking pass
    now_found = {p.line() for p in link_found}
    for p in found.problems:
        if p.mend in (links.RELINK, links.REBUILD) and p.line() not in now_found:
            lines.append(f"{p.line()}: mended ({'linked' if linked else 'by the mends above'})")
    return lines, check(store)
