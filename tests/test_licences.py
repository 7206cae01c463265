"""Non-negotiable 7: no GPL runtime dependency. Walks the installed requirements of
``quellenlage`` (not the test extras) and reads each distribution's licence metadata."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution

from packaging.requirements import Requirement


def _licence(dist) -> str:
    meta = dist.metadata
    classifiers = [c.split("::")[-1].strip() for c in (meta.get_all("Classifier") or []) if c.startswith("License ::")]
    return " | ".join(x for x in [meta.get("License-Expression") or "", (meta.get("License") or "")[:200], *classifiers] if x)


def runtime_distributions() -> dict[str, str]:
    seen: dict[str, str] = {}
    todo = ["quellenlage"]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue  # an optional dependency for another platform
        seen[key] = _licence(dist)
        for raw in dist.requires or []:
            req = Requirement(raw)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def _gpl_only(licence: str) -> bool:
    text = licence.upper()
    if "GPL" not in re.sub(r"\bLGPL", "", text):
        return False
    # dual/tri-licensed with a permissive option (e.g. tld: MPL-1.1 OR GPL-2.0 OR LGPL-2.1+)
    return not re.search(r"\bOR\b|MPL|MIT|BSD|APACHE|LGPL", text)


def test_no_runtime_dependency_is_gpl_only():
    licences = runtime_distributions()
    assert "spacy" in licences and "trafilatura" in licences  # the walk really found the tree
    offenders = {name: lic for name, lic in licences.items() if _gpl_only(lic)}
    assert offenders == {}
