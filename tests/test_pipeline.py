"""The pipeline's stage contracts: order, versions, the order check, entry-point plugins."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from conftest import REPO, SEED_TXT

from quellenlage import __version__
from quellenlage.analyse import attribution, datelines, entities, events, pipeline, segment, stages, time
from quellenlage.analyse.stages import StageContract, StageOrderError
from quellenlage.read import read_text
from quellenlage.record import Record

BUILTIN_ORDER = ["segment", "entities", "datelines", "time", "attribution", "events"]


def _noop(record: Record) -> None:
    pass


def _contract(name: str, order: int, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> StageContract:
    return StageContract(name, _noop, 1, order, requires, assigns)


def test_the_built_in_stages_keep_their_names_versions_and_order():
    assert [name for name, _, _ in pipeline.STAGES] == BUILTIN_ORDER
    modules = [segment, entities, datelines, time, attribution, events]
    assert [(fn, version) for _, fn, version in pipeline.STAGES] == [
        (getattr(m, name), m.VERSION) for m, name in zip(modules, BUILTIN_ORDER, strict=True)
    ]
    # stored records compare this string: its form must not change
    stage_part = r"\+".join(rf"{name}\.\d+" for name in BUILTIN_ORDER)
    assert re.fullmatch(rf"{re.escape(__version__)}\+{stage_part}\+de\.[0-9a-f]{{8}}", pipeline.ANALYSIS_VERSION)
    assert pipeline.ANALYSIS_VERSION == pipeline.analysis_version(pipeline.STAGES)


def test_the_built_ins_are_declared_as_entry_points():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"][stages.GROUP]
    assert sorted(declared.values()) == sorted(stages.BUILTIN)
    assert sorted(declared) == sorted(BUILTIN_ORDER)
    installed = {ep.name: ep.value for ep in entry_points(group=stages.GROUP) if ep.dist and ep.dist.name == "quellenlage"}
    assert installed == declared, "installed metadata out of date: run `make setup` (pip install -e .)"


def test_the_built_ins_run_without_entry_point_metadata(monkeypatch):
    monkeypatch.setattr(stages, "entry_points", lambda group: [])
    assert [c.name for c in stages.pipeline()] == BUILTIN_ORDER


def test_the_order_check_names_a_stage_whose_field_no_stage_assigns():
    with pytest.raises(StageOrderError, match=r"stage 'linker' requires 'tokens', assigned by no stage before it"):
        stages.check([*stages.discover(), _contract("linker", 25, requires=("entities", "tokens"))])


def test_the_order_check_names_a_field_assigned_only_later():
    with pytest.raises(
        StageOrderError, match=r"stage 'early' requires 'entities', assigned only by entities, which runs after it"
    ):
        stages.check([*stages.discover(), _contract("early", 15, requires=("entities",))])
    with pytest.raises(StageOrderError, match=r"stage 'entities' requires 'doc', assigned only by segment"):
        stages.check(
            [c if c.name != "segment" else _contract("segment", 99, assigns=("sentences", "doc")) for c in stages.discover()]
        )


def test_the_order_check_refuses_unknown_fields_and_twice_registered_names():
    with pytest.raises(StageOrderError, match=r"stage 'linker' names 'entitys', which is not a field of the record"):
        stages.check([*stages.discover(), _contract("linker", 25, requires=("entitys",))])
    with pytest.raises(StageOrderError, match=r"stage 'entities' is registered twice"):
        stages.check([*stages.discover(), _contract("entities", 25)])
    with pytest.raises(StageOrderError, match="is not a stage"):
        stages.contract(_noop)


def test_new_record_fields_need_no_stage():
    assert stages.check([_contract("reader", 5, requires=tuple(sorted(stages.INITIAL)))])[0].name == "reader"


def _install_plugin(tmp_path: Path, monkeypatch, module: str, source: str, entry: str) -> None:
    """A package with one stage, registered in the quellenlage.stages entry-point group (as pip would)."""
    (tmp_path / f"{module}.py").write_text(source, encoding="utf-8")
    info = tmp_path / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{stages.GROUP}]\n{entry}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))


PLUGIN = """
from quellenlage.analyse.stages import stage

@stage("linker", version=3, order=25, requires=("text", "entities"), assigns=("entities",))
def linker(record):
    for entity in record.entities:
        entity.roles.append("linked")
"""


def test_a_stage_registered_by_another_package_runs_in_its_place(tmp_path, monkeypatch):
    _install_plugin(tmp_path, monkeypatch, "ql_plugin_linker", PLUGIN, "linker = ql_plugin_linker:linker")
    contracts = stages.pipeline()
    assert [c.name for c in contracts] == ["segment", "entities", "linker", "datelines", "time", "attribution", "events"]
    plugged = [(c.name, c.func, c.version) for c in contracts]
    assert f"+entities.{entities.VERSION}+linker.3+datelines." in pipeline.analysis_version(plugged)
    monkeypatch.setattr(pipeline, "STAGES", plugged)
    record = pipeline.analyse(read_text(SEED_TXT.read_text(encoding="utf-8")))
    assert record.entities and all(e.roles[-1] == "linked" for e in record.entities)
    assert record.analysis is not None and record.analysis.stages[2] == "linker"


def test_another_package_cannot_take_a_built_in_name(tmp_path, monkeypatch):
    source = PLUGIN.replace('"linker"', '"entities"')
    _install_plugin(tmp_path, monkeypatch, "ql_plugin_entities", source, "entities = ql_plugin_entities:linker")
    with pytest.raises(StageOrderError, match="stage 'entities' is registered twice"):
        stages.pipeline()


def test_an_entry_point_must_name_its_stage(tmp_path, monkeypatch):
    _install_plugin(tmp_path, monkeypatch, "ql_plugin_misnamed", PLUGIN, "linking = ql_plugin_misnamed:linker")
    with pytest.raises(StageOrderError, match=r"entry point 'linking' .* names a stage called 'linker'"):
        stages.pipeline()


def test_the_contracts_say_what_each_stage_reads_and_writes():
    """Each stage reads only fields it requires (or assigns itself) and sets only fields it assigns."""
    fields = set(Record.model_fields)
    reads: set[str] = set()
    writes: set[str] = set()

    class Traced(Record):
        def __getattribute__(self, name: str):
            if name in fields or name in ("doc", "_doc"):
                reads.add(name.lstrip("_"))
            return super().__getattribute__(name)

        def __setattr__(self, name: str, value) -> None:
            writes.add(name.lstrip("_"))
            super().__setattr__(name, value)

    record = Traced.model_validate(pipeline.new_record(read_text(SEED_TXT.read_text(encoding="utf-8"))).model_dump())
    for c in pipeline.CONTRACTS:
        reads.clear()
        writes.clear()
        c.func(record)
        assert reads <= {*c.requires, *c.assigns}, f"{c.name} reads {sorted(reads - {*c.requires, *c.assigns})}"
        assert writes <= set(c.assigns), f"{c.name} sets {sorted(writes - set(c.assigns))}"
        assert set(c.requires) <= reads, f"{c.name} requires {sorted(set(c.requires) - reads)} but does not read it"
