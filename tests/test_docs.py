"""Every command and option is documented, and the README's quick start is the one CI runs."""

from __future__ import annotations

import re

import pytest
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


# --------------------------------------------------------------------------------------------
# The messages the docs show are messages ghgcalc can print

DOCS = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
SHOWN = re.compile(r"^(?:\S.*?: )?(?:error|warning)\[([a-z0-9-]+)\]: (.+)$")
INLINE = re.compile(r"`([^`]*?(?:error|warning)\[[a-z0-9-]+\]: [^`]+)`")
ELIDED = re.compile(r"\s*(?:\.\.\.|…)\s*")


def shown_messages() -> list[tuple[str, str, str]]:
    """(doc:line, issue code or '', message) of every diagnostic, usage error and hint the docs show:
    in `text` blocks (`file:1:2: error[code]: ...`, `ghgcalc: error: ...`, `  hint: ...`) and in
    inline code (`file: warning[code]: ...`, as the issue-code table of docs/cli.md gives them)."""
    found = []
    for doc in DOCS:
        block = None
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{doc.relative_to(ROOT)}:{number}"
            if line.strip().startswith("```"):
                block = None if block is not None else line.strip()[3:]
                continue
            if block is None:
                for span in INLINE.findall(line):
                    if match := SHOWN.match(span):
                        found.append((where, match[1], match[2]))
            elif block == "text":
                text = line.strip()
                if match := SHOWN.match(text):
                    found.append((where, match[1], match[2]))
                elif text.startswith(("ghgcalc: error: ", "hint: ")) and text not in ("hint: HINT",):
                    found.append((where, "", text.split(": ", 2)[-1] if text.startswith("ghgcalc") else text[6:]))
    return found


def message_patterns() -> list[re.Pattern[str]]:
    """Each English message of the catalog as a pattern, a placeholder matching any text; messages of
    fewer than 6 letters besides their placeholders (`{path}: {message}`) would match anything."""
    from ghgcalc import i18n

    patterns = []
    for msgid in i18n.catalog("th"):
        if len(re.sub(r"\{[^{}]*\}|[^A-Za-z]", "", msgid)) >= 6:
            parts = re.split(r"(\{[^{}]*\})", msgid)
            patterns.append(re.compile("".join(".+?" if p.startswith("{") else re.escape(p) for p in parts)))
    return patterns


def is_said(message: str, patterns: list[re.Pattern[str]], depth: int = 0) -> bool:
    """Whether ghgcalc can print `message`: one catalog message, or several joined by '; ', after a
    prefix that names what it is about (`measure 'm': `, `landfill-fod: `); a '...' of the doc stands
    where a placeholder's value was left out."""
    if any(pattern.fullmatch(message) or pattern.fullmatch(ELIDED.sub("x", message)) for pattern in patterns):
        return True
    if "; " in message and all(is_said(part, patterns, depth + 1) for part in message.split("; ")):
        return True
    prefixed = re.match(r"^[^ :]+(?: '[^']*')?: (.+)$", message)
    return bool(prefixed and depth < 3 and is_said(prefixed[1], patterns, depth + 1))


def test_every_message_the_docs_show_is_one_ghgcalc_prints():
    """A message the docs show is in the catalog (what ghgcalc prints, in English): a message or a
    hint reworded in the program and not in the docs fails here, not in a user's hands."""
    patterns = message_patterns()
    shown = shown_messages()
    assert len(shown) > 200
    stale = [
        f"{where}: {message}"
        for where, _, message in shown
        if ELIDED.sub("", message) and not is_said(message, patterns)  # ('...' alone: lines left out)
    ]
    assert not stale, "the docs show messages ghgcalc does not print:\n" + "\n".join(stale)


def test_every_issue_code_the_docs_show_exists():
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "src" / "ghgcalc").rglob("*.py"))
    codes = {code for _, code, _ in shown_messages() if code}
    unknown = sorted(code for code in codes if f'"{code}"' not in source)
    assert not unknown, f"issue codes in the docs that ghgcalc never gives: {unknown}"


def doc_block(doc: str, after: str) -> str:
    """The text of the code block that starts at the line `after` (a yaml file or a `$ command`)."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    start = text.index(after)
    return text[start : text.index("```", start)]


@pytest.mark.parametrize(
    ("file_after", "command", "shown_after"),
    [
        ("The samples below come from this file", ("--format", "table"), "$ ghgcalc compute town.yaml --format table"),
        ("The samples below come from this file", ("--format", "csv"), "$ ghgcalc compute town.yaml --format csv"),
        ("be explained to a council as TGO", ("--compare-factors", "tgo-cfo@2026-02"), "$ ghgcalc compute "),
    ],
)
def test_the_sample_outputs_of_the_cli_doc_are_what_it_prints(tmp_path, file_after, command, shown_after):
    """docs/cli.md's samples of `compute` (table, CSV, --compare-factors) from the file it shows; the
    CSV's factor_source is shortened there as `"TGO V-Sheet CFO template ..."`."""
    from tests.helpers import ghgcalc

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    start = text.index("```yaml\n", text.index(file_after)) + len("```yaml\n")
    (tmp_path / "town.yaml").write_text(text[start : text.index("```", start)], encoding="utf-8")
    if shown_after == "$ ghgcalc compute ":
        shown_after = f"$ ghgcalc compute town.yaml {' '.join(command)}\n"
    shown = doc_block("cli.md", shown_after).split("\n", 1)[1]
    table = () if "--format" in command else ("--format", "table")  # as on a terminal, 120 columns
    run = ghgcalc(tmp_path, "compute", "town.yaml", *command, *table, "--lang", "en")
    printed = re.sub(r'"TGO V-Sheet CFO template [^"]*"', '"TGO V-Sheet CFO template ..."', run.stdout)
    assert [line.rstrip() for line in printed.strip().splitlines()] == shown.strip().splitlines()
