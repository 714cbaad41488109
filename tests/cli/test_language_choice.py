"""Which language a run speaks: --lang, else the first inventory's language:, else the locale
(docs/translating.md). Checked on the one line every run prints the same way: a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ghgcalc, write

BAD = "ghgcalc: 1\nname: T\n{language}period: 2567\nactivities:\n  - {{activity: nope, amount: 1, unit: kWh}}\n"
THAI_HINT = "  คำแนะนำ:"
ENGLISH_HINT = "  hint:"


@pytest.mark.parametrize(
    ("language_line", "args", "env_lang", "thai"),
    [
        ("", (), "", False),  # nothing says Thai
        ("language: th\n", (), "", True),  # the inventory
        ("language: 'th'  # ภาษาไทย\n", (), "", True),
        ("language: th\n", ("--lang", "en"), "", False),  # --lang wins over the inventory
        ("", ("--lang", "th"), "", True),
        ("", ("--lang=th",), "", True),
        ("", (), "th_TH.UTF-8", True),  # the locale
        ("language: en\n", (), "th_TH.UTF-8", False),  # the inventory wins over the locale
    ],
)
def test_the_language_of_a_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language_line: str,
    args: tuple[str, ...],
    env_lang: str,
    thai: bool,
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if env_lang:
        monkeypatch.setenv("LANG", env_lang)
    write(tmp_path, "town.yaml", BAD.format(language=language_line))
    run = ghgcalc(tmp_path, "validate", "town.yaml", *args)
    assert run.code == 1
    assert "error[factor-missing]" in run.stderr  # codes stay English in every language
    assert (THAI_HINT in run.stderr) is thai and (ENGLISH_HINT in run.stderr) is not thai


@pytest.mark.parametrize("bad", [("--lang", "fr"), ("--lang",), ("--calendar", "islamic")])
def test_an_unknown_language_or_calendar_is_a_usage_error(tmp_path: Path, bad: tuple[str, ...]) -> None:
    run = ghgcalc(tmp_path, "validate", "town.yaml", *bad)
    assert run.code == 2 and run.stdout == ""
    assert "--lang" in run.stderr or "--calendar" in run.stderr


def _workbook(path: Path, language: str | None, shared: bool) -> None:
    """An inventory workbook with an unknown activity (its hint shows the language), its `language`
    row as inline text (as openpyxl writes it) or as shared strings (as Excel and LibreOffice do)."""
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Inventory"
    for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "T"], ["period", 2567]):
        sheet.append(row)
    if language is not None:
        sheet.append(["language", language])
    book.create_sheet("Activities").append(["Activity", "Unit", "Total"])
    book["Activities"].append(["nope", "kWh", 1])
    book.save(path)
    if not shared:
        return
    strings: list[bytes] = []

    def to_shared(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(2))
        return match.group(1) + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = re.sub(
            rb'(<c r="[A-Z]+\d+")(?: [^>]*?)? t="inlineStr"><is><t>(.*?)</t></is></c>', to_shared, parts[name]
        )
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>" + text + b"</t></si>" for text in strings)
        + b"</sst>"
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Target="sharedStrings.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.mark.parametrize("shared", [False, True], ids=["inline-text", "shared-strings"])
@pytest.mark.parametrize(
    ("language", "args", "thai"), [("th", (), True), ("th", ("--lang", "en"), False), (None, (), False)]
)
def test_a_workbooks_language_row_chooses_the_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shared: bool,
    language: str | None,
    args: tuple[str, ...],
    thai: bool,
) -> None:
    """The Inventory sheet's `language` row counts as a YAML inventory's `language:` does: a Thai
    officer's workbook speaks Thai on a machine whose locale says nothing (Windows)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    _workbook(tmp_path / "town.xlsx", language, shared)
    run = ghgcalc(tmp_path, "validate", "town.xlsx", *args)
    assert run.code == 1 and "error[factor-missing]" in run.stderr, run
    assert (THAI_HINT in run.stderr) is thai and (ENGLISH_HINT in run.stderr) is not thai


def test_a_thai_template_says_so_on_its_inventory_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ghgcalc --lang th init x.xlsx` writes language th, as the Thai YAML starter does: the officer
    who fills it gets Thai messages whatever the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert ghgcalc(tmp_path, "--lang", "th", "init", "th.xlsx").code == 0
    assert ghgcalc(tmp_path, "init", "en.xlsx").code == 0
    thai, english = ghgcalc(tmp_path, "validate", "th.xlsx"), ghgcalc(tmp_path, "validate", "en.xlsx")
    assert "คำแนะนำ:" in thai.stderr and "hint:" not in thai.stderr, thai
    assert "hint:" in english.stderr and "คำแนะนำ:" not in english.stderr, english
