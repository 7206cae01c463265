"""The command-line reference (docs/cli.md), written from the commands' own ``--help``.

    python -m quellenlage.cli.docs > docs/cli.md

walks ``quellenlage`` and every command and sub-command, depth first in the order
``--help`` lists them, and writes each one's help text as a terminal at least
100 columns wide shows it. ``tests/test_cli.py`` regenerates the file and fails
when docs/cli.md differs, so the reference cannot drift from the code.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from . import main

#: The help is formatted for this width: what any terminal of 100 columns or more shows
#: (``max_content_width`` is 100, less click's margin of 2).
WIDTH = 98

COMMAND = "python -m quellenlage.cli.docs > docs/cli.md"

HEAD = f"""\
# Command-line reference

<!-- Generated from the commands' --help by `{COMMAND}`; do not edit by hand.
     tests/test_cli.py fails when this file and the commands differ. -->

Every `quellenlage` command and sub-command with its `--help`. The choices of
`--reader` are the readers registered when the file was generated (the built-in
ones; a reader of another package adds its name).
"""


def _contexts(command: click.Command, name: str, parent: click.Context | None) -> Iterator[click.Context]:
    ctx = command.make_context(name, [], parent=parent, resilient_parsing=True, terminal_width=WIDTH)
    yield ctx
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            child = command.get_command(ctx, sub)
            if child is not None and not child.hidden:
                yield from _contexts(child, sub, ctx)


def reference() -> str:
    """docs/cli.md: its head, then one section per command with its help."""
    parts = [HEAD]
    for ctx in _contexts(main, "quellenlage", None):
        parts.append(f"\n## `{ctx.command_path}`\n\n```text\n{ctx.get_help()}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(reference())
