"""The Thai starters of `ghgcalc init` (src/ghgcalc/data/starter-*.th.yaml, read by
ghgcalc.io.starters.starter_text): the English starters' data, keys, amounts, units, activities and
factors, with every comment in Thai, and free-text labels and names in Thai; they compute the same
numbers as the English starters.

The placeholders are filled in as cli/init.py's starter_yaml fills them (a test below holds the two
together), so what is checked here is what `ghgcalc init --lang th` writes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from string import Template
from typing import Any

import pytest
import yaml

from ghgcalc.io.starters import KINDS, starter_text
from tests.conftest import ROOT
from tests.helpers import Run, ghgcalc, issues, write

OK = 0
DATA = ROOT / "src" / "ghgcalc" / "data"
THAI = re.compile(r"[\u0e00-\u0e7f]")
# The values a person writes in their own words; everything else must be the English starter's.
FREE_TEXT = ("name", "label", "source")
# The Thai inventory starters also say their language (the English ones leave it to the locale).
THAI_ONLY = ("language",)
# A fiscal and a calendar starter on days either side of the fiscal new year (1 October).
DAYS = [(dt.date(2025, 9, 30), True), (dt.date(2025, 10, 1), False), (dt.date(2026, 3, 1), True)]
INVENTORY = {"organization": "my-town.yaml", "community": "province.yaml", "plan": "plan.yaml"}


def filled_in(kind: str, language: str, fiscal: bool, today: dt.date) -> str:
    """The starter's text with its placeholders substituted as `ghgcalc init` substitutes them."""
    from ghgcalc.io.excel_writer import starter_period
    from ghgcalc.thai import BE_OFFSET

    template = Template(starter_text(kind, language))
    if kind != "plan":
        return template.substitute(period=starter_period(today, fiscal))
    start = today.year + (1 if today.month >= 10 else 0) + 1
    horizon = max(2030, start + 4)
    return template.substitute(
        start=start + BE_OFFSET, later=start + 1 + BE_OFFSET, horizon=horizon + BE_OFFSET, horizon_ce=horizon
    )


def without_free_text(data: Any) -> Any:
    """`data` with the values of free-text keys blanked (the keys themselves kept)."""
    if isinstance(data, dict):
        return {
            k: "<free text>" if k in FREE_TEXT else without_free_text(v) for k, v in data.items() if k not in THAI_ONLY
        }
    if isinstance(data, list):
        return [without_free_text(v) for v in data]
    return data


def free_texts(english: Any, thai: Any, found: dict[str, str]) -> dict[str, str]:
    """Thai free text -> the English text at the same place of two starters of one shape."""
    if isinstance(english, dict):
        for key, value in english.items():
            free_texts(value, thai[key], found)
    elif isinstance(english, list):
        for e, t in zip(english, thai, strict=True):
            free_texts(e, t, found)
    elif isinstance(english, str) and english != thai:
        found[thai] = english
    return found


def in_english(data: Any, words: dict[str, str]) -> Any:
    """A result of the Thai starter with its free texts put back in English."""
    if isinstance(data, dict):
        return {words.get(k, k): in_english(v, words) for k, v in data.items()}
    if isinstance(data, list):
        return [in_english(v, words) for v in data]
    return words.get(data, data) if isinstance(data, str) else data


def test_the_placeholders_are_filled_in_as_init_fills_them() -> None:
    from ghgcalc.cli.init import starter_yaml

    for kind in KINDS:
        for today, fiscal in DAYS:
            assert filled_in(kind, "en", fiscal, today) == starter_yaml(kind, fiscal, today)


def test_starter_text_is_the_thai_file_for_thai_and_the_english_one_otherwise() -> None:
    for kind in KINDS:
        english = (DATA / f"starter-{kind}.yaml").read_text(encoding="utf-8")
        thai = (DATA / f"starter-{kind}.th.yaml").read_text(encoding="utf-8")
        assert starter_text(kind, "en") == english
        assert starter_text(kind, "th") == thai != english
        assert THAI.search(thai.splitlines()[0]), "the first line a Thai reader sees is Thai"


def test_starter_text_refuses_an_unknown_kind_or_language() -> None:
    with pytest.raises(ValueError, match="kind"):
        starter_text("household", "th")
    with pytest.raises(ValueError, match="language"):
        starter_text("plan", "../starter-plan")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("today", "fiscal"), DAYS, ids=[f"{d}-{'fiscal' if f else 'calendar'}" for d, f in DAYS])
def test_the_thai_starter_holds_the_english_starters_data(kind: str, today: dt.date, fiscal: bool) -> None:
    english = yaml.safe_load(filled_in(kind, "en", fiscal, today))
    thai = yaml.safe_load(filled_in(kind, "th", fiscal, today))
    assert without_free_text(thai) == without_free_text(english)


def free_text_values(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [v for k, v in data.items() if k in FREE_TEXT] + free_text_values(list(data.values()))
    if isinstance(data, list):
        return [text for v in data for text in free_text_values(v)]
    return []


@pytest.mark.parametrize("kind", KINDS)
def test_the_thai_starters_labels_and_names_are_thai(kind: str) -> None:
    texts = free_text_values(yaml.safe_load(filled_in(kind, "th", True, dt.date(2026, 3, 1))))
    assert len(texts) > 3
    assert all(isinstance(text, str) and THAI.search(text) for text in texts), texts


# --------------------------------------------------------------------------------------------
# The comments: all in Thai, save technical tokens


def comments(text: str) -> list[tuple[int, str, str]]:
    """(line number, what precedes the '#', the comment after it) of every comment of a YAML text:
    a '#' at the start of a line or after a space, outside quotes."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        quote = ""
        for i, ch in enumerate(line):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'" and (i == 0 or line[i - 1] in " {[,:"):
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                found.append((number, line[:i], line[i + 1 :]))
                break
    return found


COMMAND = re.compile(r"ghgcalc(?: +[^\s\u0e00-\u0e7f]+)*")  # a command line, up to Thai words
# An English word: lower case or capitalised (an all-capitals token such as LPG, GPC or NO is an
# abbreviation or a code, and units such as kWh are mixed case).
WORD = re.compile(r"[A-Z]?[a-z]+(?:'[a-z]+)?")
# A line of commented YAML (an example to uncomment): `key: ...`, `- key: ...`, `- {...}`
YAML_LINE = re.compile(r"^\s*(?:- )?(?:[a-z_][a-z0-9_]*|[IVX]+(?:\.\d+)+):(?: |$)|^\s*- \{")
FREE_VALUE = re.compile(r"\b(?:name|label|source|evidence|explanation): *\"?[A-Za-z]")
NUMBER = re.compile(r"[\d.,]+")
PATH = re.compile(r"^\s*[\w./-]+\.(?:md|yaml|xlsx)\s*$")


def english_run(comment: str) -> str | None:
    """Three or more English words in a row (numbers between them aside), outside a command, if
    `comment` has them."""
    for stretch in re.split(r"[^A-Za-z0-9'., ]+", COMMAND.sub("|", comment)):
        run: list[str] = []
        for token in stretch.split():
            if NUMBER.fullmatch(token):
                continue
            word = token.rstrip(".,")
            run = [*run, word] if WORD.fullmatch(word) else []
            if len(run) >= 3:
                return " ".join(run)
    return None


def technical(comment: str) -> bool:
    """A comment with no Thai that is only technical tokens: a rule, a command, a path, a YAML key
    (whose value is not a person's words: a commented label is written in Thai too)."""
    bare = comment.strip()
    if FREE_VALUE.search(comment):
        return False
    return (
        not bare.strip("=-") or bare.startswith("ghgcalc ") or bool(PATH.match(bare)) or bool(YAML_LINE.match(comment))
    )


def test_the_check_for_english_finds_what_it_should() -> None:
    assert english_run(" Write your organisation's name") == "Write your organisation's"
    assert english_run("   amount: 1250.5                 a plain number") == "a plain number"
    assert english_run("     name: Diesel B7, supplier data sheet") == "supplier data sheet"
    assert english_run(" Factor keys: ghgcalc factors list --set tgo-cfo") is None
    assert english_run(" รหัสค่าการปล่อย: ghgcalc factors list --set ipcc-2006    และ    ghgcalc factors list") is None
    assert english_run(" data_quality: {source: 2nd, activity: high, factor: medium}") is None
    assert english_run(" (notation key: NO, NE, IE, C, NA)") is None
    assert english_run("   or 12 monthly values: [0, 0, 0]") == "or monthly values"
    assert not technical(" Thai fiscal year") and technical("   - {share: 0.7, system: septic-system}")
    assert not technical("   label: Beef cattle") and not technical(' costs: {source: "your price"}')
    # the English starters are the cases the check exists for
    flagged = [n for n, _, c in comments(starter_text("organization", "en")) if english_run(c)]
    assert len(flagged) > 40


@pytest.mark.parametrize("kind", KINDS)
def test_no_english_sentence_is_left_in_a_comment(kind: str) -> None:
    left = [f"{n}: #{c} <- {english_run(c)!r}" for n, _, c in comments(starter_text(kind, "th")) if english_run(c)]
    assert not left, "\n".join(left)


@pytest.mark.parametrize("kind", KINDS)
def test_a_comment_without_thai_is_only_technical_tokens(kind: str) -> None:
    text = starter_text(kind, "th")
    left = [f"{n}: #{c}" for n, _, c in comments(text) if not THAI.search(c) and not technical(c)]
    assert not left, "\n".join(left)
    assert len([c for _, _, c in comments(text) if THAI.search(c)]) > 10


def commented_yaml(text: str) -> list[tuple[int, int, str]]:
    """The commented-out YAML of a starter (examples a reader uncomments), as (column of the '#',
    spaces after it, the key and value), free-text values blanked, prose after two spaces cut."""
    found = []
    for _, before, comment in comments(text):
        if before.strip() or not YAML_LINE.match(comment):
            continue
        body = re.split(r"\s{2,}| #", comment.strip())[0]
        body = re.sub(r"^((?:- )?(?:name|label|source|evidence|explanation)):.*", r"\1: _", body)
        body = re.sub(r'\bsource: "[^"]*"|\bexplanation: [^,}]*', lambda m: m[0].split(":")[0] + ": _", body)
        found.append((len(before), len(comment) - len(comment.lstrip(" ")), body))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_the_commented_examples_are_the_english_ones(kind: str) -> None:
    english, thai = commented_yaml(starter_text(kind, "en")), commented_yaml(starter_text(kind, "th"))
    assert len(english) > 5
    assert thai == english


# --------------------------------------------------------------------------------------------
# The Thai starters at work: ghgcalc reads them as it reads the English ones


def codes(run: Run) -> list[str]:
    assert run.code == OK, run
    printed = issues(run.stderr)
    assert not [p for p in printed if p.severity == "error"], run
    return sorted(p.code for p in printed)


def starters(
    folder: Path, language: str, fiscal: bool, today: dt.date, edit: Callable[[str, str], str] = lambda _, text: text
) -> Path:
    """The three starters in `folder`/`language`, as `ghgcalc init` would write them there."""
    target = folder / language
    target.mkdir()
    for kind in KINDS:
        write(target, INVENTORY[kind], edit(kind, filled_in(kind, language, fiscal, today)))
    return target


@pytest.mark.parametrize(("today", "fiscal"), DAYS, ids=[f"{d}-{'fiscal' if f else 'calendar'}" for d, f in DAYS])
def test_the_thai_starters_validate_and_plan_as_the_english_ones(tmp_path: Path, today: dt.date, fiscal: bool) -> None:
    found = {}
    for language in ("en", "th"):
        folder = starters(tmp_path, language, fiscal, today)
        validated = ghgcalc(folder, "validate", INVENTORY["organization"], INVENTORY["community"])
        planned = ghgcalc(folder, "plan", INVENTORY["plan"], "-f", "json")
        found[language] = (codes(validated), codes(planned), json.loads(planned.stdout))
    assert found["th"][:2] == found["en"][:2]
    # the plan's solar panels act on the Thai starter's offices, named in Thai in both files
    solar = next(m for m in found["th"][2]["measures"] if m["id"] == "solar")
    assert solar["lines"] == ["อาคารสำนักงานและที่ทำการเทศบาล"]


def filled(kind: str, text: str) -> str:
    """Amounts of 1200 on every line, and the community starter's commented waste and AFOLU
    examples (after its last ==== rule) put to use."""
    text = re.sub(r"amount: 0\b", "amount: 1200", text)
    if kind != "community":
        return text
    lines = text.splitlines()
    rule = max(i for i, line in enumerate(lines) if line.startswith("  # ===="))
    return "\n".join(lines[: rule + 1] + [re.sub(r"^  # ", "  ", line) for line in lines[rule + 1 :]]) + "\n"


def test_the_thai_starters_compute_the_english_starters_numbers(tmp_path: Path) -> None:
    today, fiscal = dt.date(2026, 3, 1), True
    results = {}
    for language in ("en", "th"):
        folder = starters(tmp_path, language, fiscal, today, filled)
        runs = [ghgcalc(folder, "compute", INVENTORY[k], "-f", "json") for k in ("organization", "community")]
        runs.append(ghgcalc(folder, "plan", INVENTORY["plan"], "-f", "json"))
        results[language] = [(codes(run), json.loads(run.stdout)) for run in runs]
    english = {k: yaml.safe_load(filled(k, filled_in(k, "en", fiscal, today))) for k in KINDS}
    thai = {k: yaml.safe_load(filled(k, filled_in(k, "th", fiscal, today))) for k in KINDS}
    assert len(thai["community"]["activities"]) == len(english["community"]["activities"]) == 14
    words: dict[str, str] = {}
    for kind in KINDS:
        free_texts(english[kind], thai[kind], words)
    for (en_codes, en_result), (th_codes, th_result) in zip(results["en"], results["th"], strict=True):
        assert th_codes == en_codes
        # the Thai starter says language: th, so its warnings are in Thai (and a line further down):
        # the same warnings by code, and every number the same
        en_warnings, th_warnings = en_result.pop("warnings", []), th_result.pop("warnings", [])
        assert [w["code"] for w in th_warnings] == [w["code"] for w in en_warnings]
        assert in_english(th_result, words) == en_result
    organization, community, _ = results["th"]
    assert organization[1]["total_t_co2e"] > 0 and community[1]["total_t_co2e"] > 0
    assert any(s.startswith("Agriculture") for s in community[1]["gpc"]["by_sector_t_co2e"])


@pytest.mark.parametrize("kind", ["organization", "community"])
def test_a_thai_inventory_starter_says_it_is_thai(kind: str) -> None:
    """ghgcalc speaks Thai about a Thai starter without --lang or a Thai locale (language: th)."""
    data = yaml.safe_load(filled_in(kind, "th", True, dt.date(2025, 10, 1)))
    assert data["language"] == "th"
