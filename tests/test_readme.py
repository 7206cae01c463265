"""The README as a new user reads it from the top."""

from __future__ import annotations

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")

#: A bare command, as the examples give it: `quellenlage analyze …` in backticks or at the start of a line.
BARE = re.compile(r"(?m)(?:^|`)quellenlage [a-z-]")


def test_the_readme_says_how_to_run_the_installed_command_before_its_first_bare_example():
    first_bare = BARE.search(README)
    assert first_bare is not None
    before = README[: first_bare.start()]
    assert ".venv/bin/quellenlage" in before
    assert ". .venv/bin/activate" in before
