"""Every command and option is documented, and the README's quick start is the one CI runs."""

from __future__ import annotations

import re

import typer.main

from ghgcalc.cli import app
from tests.conftest import ROOT


def commands() -> dict[str, list[str]]:
    """'compute' -> its options, 'factors list' -> ..., from the typer app itself."""
    found: dict[str, list[str]] = {}

    def walk(command, prefix: str) -> None:  # type: ignore[no-untyped-def]
        for name, sub in getattr(command, "commands", {}).items():
            full = f"{prefix} {name}".strip()
            if getattr(sub, "commands", None):
                walk(sub, full)
            else:
                found[full] = [opt for p in sub.params for opt in p.opts if opt.startswith("--")]

    walk(typer.main.get_command(app), "")
    return found


def test_every_command_and_option_is_in_the_cli_doc():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    found = commands()
    assert {"compute", "validate", "init", "factors list", "factors show"} <= set(found)
    for command, options in found.items():
        assert f"ghgcalc {command}" in doc, command
        for option in options:
            assert option in doc, f"{command} {option}"


def test_readme_quick_start_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    install, tests = blocks[0].strip(), blocks[1].strip()
    assert "pip install" in install and "ghgcalc compute examples/municipality.yaml" in install
    assert install.replace('pip install -e ".[test]"', 'pip install -q -e ".[test]"') in ci
    assert tests == "python -m pytest" and tests in ci


HELP_BLOCK = re.compile(r"```text\n\$ ghgcalc ([^\n]*)--help\n(.*?)```", flags=re.S)


def test_the_help_in_the_cli_doc_is_the_commands_help(tmp_path, monkeypatch):
    """docs/cli.md shows each command's English help as the command prints it (80 columns)."""
    from tests.helpers import ghgcalc

    monkeypatch.setenv("COLUMNS", "80")
    blocks = HELP_BLOCK.findall((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 14
    for command, shown in blocks:
        run = ghgcalc(tmp_path, "--lang", "en", *command.split(), "--help")
        assert run.stdout.strip() == shown.strip(), f"docs/cli.md: the help of `ghgcalc {command}--help` differs"
