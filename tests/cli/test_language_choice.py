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
