"""Slips in method lines that used to give a plausible wrong number without a word (docs/methods/*.md,
"Unusual values"): each is run through the command line on a real file, and every expected number is
worked out here by hand from the IPCC equation with the table values typed in the test."""

from __future__ import annotations

import json
import math

import pytest

from tests.helpers import INPUT_ERRORS, assert_input_error, at, ghgcalc, issues

HEAD = "ghgcalc: 1\nname: T\nkind: community\nperiod: {period}\nfactors: [tgo-cfo, ipcc-2006]\nactivities:\n"
C_TO_CH4 = 16 / 12


def write(tmp_path, lines: str, period: str = "2566") -> str:
    text = HEAD.format(period=period) + lines
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    return text


def computed(tmp_path, *args: str):  # type: ignore[no-untyped-def]
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json", *args)
    assert run.code == 0, run
    result = json.loads(run.stdout)
    return run, (result[0] if isinstance(result, list) else result)


def warned(run, code: str) -> list:  # type: ignore[no-untyped-def]
    return [p for p in issues(run.stderr) if p.code == code and p.severity == "warning"]


# --- D1: a value far outside its table -----------------------------------------------------------------

RICE = (
    "  - {gpc: V.3, method: rice-cultivation, params: {area: 612000, days: 120, "
    "pre_season: non-flooded-less-than-180-days, "
)


def test_sfw_typed_as_a_percent_is_said_at_the_parameter_and_computed_as_given(tmp_path):
    text = write(tmp_path, RICE + "sfw: 28}}\n")
    run, result = computed(tmp_path)
    [said] = warned(run, "method-param-unusual")
    line, column = at(text, "28}}")
    assert said.location == f"x.yaml:{line}:{column}"
    assert "sfw is 28" in said.message and "1.26" in said.message and "percent" in said.message
    assert said.hint is not None and "0.28" in said.hint
    # computed as given: EF = 1.30 x 28 x 1 (Tables 5.11-5.13), 120 days, 612,000 rai x 0.16 ha
    assert result["lines"][0]["gases_t"]["CH4"] == pytest.approx(1.30 * 28 * 120 * 612000 * 0.16 / 1000, rel=1e-9)


@pytest.mark.parametrize(
    ("line", "value", "fixed"),
    [
        (
            "  - {gpc: V.1, method: enteric-fermentation, params: {animal: other-cattle, heads: 86400, ef: 47000}}\n",
            "47000",
            "47",
        ),
        (RICE + "water_regime: rainfed-regular, efc: 130}}\n", "130", "1.3"),
        (
            "  - {gpc: V.3, method: rice-cultivation, params: {area: 612000, days: 0.33, "
            "water_regime: rainfed-regular, pre_season: non-flooded-less-than-180-days}}\n",
            "0.33",
            "120.45",
        ),
        (
            "  - {gpc: III.4.1, method: wastewater-domestic, params: {population: 452000, i: 125, "
            "pathways: [{share: 1, system: septic-system}]}}\n",
            "125",
            "1.25",
        ),
        (
            "  - {gpc: III.4.1, method: wastewater-domestic, params: {population: 452000, bod_g_per_person_day: 14600, "
            "pathways: [{share: 1, system: septic-system}]}}\n",
            "14600",
            "40",
        ),
        (
            "  - {gpc: V.1, method: manure-management, params: {animal: other-cattle, heads: 86400, temperature: 27.4, "
            "nex_rate: 34, ms: {solid-storage: 1}}}\n",
            "34",
            "0.34",
        ),
        (
            "  - {gpc: V.1, method: manure-management, params: {animal: other-cattle, heads: 86400, temperature: 27.4, "
            "ef3_weighted: 0.5, ms: {solid-storage: 1}}}\n",
            "0.5",
            "0.005",
        ),
        (
            "  - {gpc: I.1.3, method: grid-td-losses, params: {electricity: 96800, electricity_unit: MWh, "
            "loss_fraction: 0.06, grid_ef: 412, source: x}}\n",
            "412",
            "0.412",
        ),
    ],
)
def test_scale_slips_are_said_with_the_value_they_likely_are(tmp_path, line, value, fixed):
    text = write(tmp_path, line)
    run, _ = computed(tmp_path)
    [said] = warned(run, "method-param-unusual")
    row, column = at(text, f"{value}" + ("," if f"{value}," in text else "}"))
    assert said.location == f"x.yaml:{row}:{column}"
    assert said.hint is not None and f"write {fixed};" in said.hint


def test_a_table_value_given_is_not_said(tmp_path):
    write(tmp_path, RICE + "sfw: 0.28, efc: 1.3}}\n")
    run, _ = computed(tmp_path)
    assert not warned(run, "method-param-unusual")


def test_bo_above_its_definition_is_an_error_at_the_parameter(tmp_path):
    text = write(
        tmp_path,
        "  - {gpc: III.4.1, method: wastewater-domestic, params: {population: 452000, bo: 60, "
        "pathways: [{share: 1, system: septic-system}]}}\n",
    )
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    assert_input_error(run, "x.yaml", "method-params", at(text, "60,"), hint="at most 0.6")


# --- D2: recovery larger than generation ---------------------------------------------------------------


def test_landfill_recovery_above_generation_is_an_error_naming_both(tmp_path):
    text = write(
        tmp_path,
        "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2022: 10000}, doc: 0.2, k: 0.1, mcf: 1, "
        "recovered_t_ch4: {2023: 500000}}}\n",
    )
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    # 2023 is the first year of decay of the 2022 deposit (6-month delay, Annex 3A.1):
    # DDOCm = 10,000 x 0.2 x 0.5 x 1 = 1,000 t; CH4 = 1,000 x (1 - e^-0.1) x 0.5 x 16/12 t
    generated = 1000 * (1 - math.exp(-0.1)) * 0.5 * C_TO_CH4
    issue = assert_input_error(run, "x.yaml", "method-params", at(text, "500000"), hint="kg written")
    assert "500,000 t" in issue.message and f"{generated:,.3f} t" in issue.message


@pytest.mark.parametrize(
    ("params", "generated_kg"),
    [
        # Eq. 6.1/6.3: 452,000 x 40 g x 0.001 x 1.25 x 365 x Bo 0.6 x MCF 0.5 (septic, Table 6.3)
        (
            "{population: 452000, pathways: [{share: 1, system: septic-system}], recovered_kg_ch4: 5000000000}",
            452000 * 40 * 0.001 * 1.25 * 365 * 0.6 * 0.5,
        ),
    ],
)
def test_wastewater_recovery_above_generation_is_an_error(tmp_path, params, generated_kg):
    text = write(tmp_path, f"  - {{gpc: III.4.1, method: wastewater-domestic, params: {params}}}\n")
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    issue = assert_input_error(run, "x.yaml", "method-params", at(text, "5000000000"), hint="biogas")
    assert f"({generated_kg:,.0f} kg)" in issue.message


def test_digester_recovery_above_generation_is_an_error(tmp_path):
    text = write(
        tmp_path,
        "  - {gpc: III.2.1, method: biological-treatment, params: {treatment: anaerobic-digestion, tonnes: 3100, "
        "recovered_kg_ch4: 2480000}}\n",
    )
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    # Eq. 4.1: 3,100 t x 0.8 g/kg (Table 4.1, anaerobic digestion, wet) = 2,480 kg
    issue = assert_input_error(run, "x.yaml", "method-params", at(text, "2480000"))
    assert "(2,480 kg)" in issue.message


# --- D3: deposits after the inventory year ---------------------------------------------------------------


def test_deposits_after_the_period_are_said_and_the_others_counted(tmp_path):
    text = write(
        tmp_path,
        "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2021: 10000, 2032: 55000}, doc: 0.2, "
        "k: 0.1, mcf: 1}}\n",
    )
    run, result = computed(tmp_path)
    [said] = warned(run, "deposits-after-period")
    row, column = at(text, "55000")
    assert said.location == f"x.yaml:{row}:{column}"
    assert "2032" in said.message and "2023" in said.message
    # only the 2021 deposit decays in 2023, its second year: DDOCm 1,000 t x e^-0.1 x (1 - e^-0.1) x 0.5 x 16/12
    expected_t = 1000 * math.exp(-0.1) * (1 - math.exp(-0.1)) * 0.5 * C_TO_CH4
    assert result["lines"][0]["gases_t"]["CH4"] == pytest.approx(expected_t, rel=1e-9)


def test_a_landfill_whose_deposits_are_all_after_the_period_says_it_is_0(tmp_path):
    write(tmp_path, "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2024: 52000, 2025: 54100}}}\n")
    run, result = computed(tmp_path)
    [said] = warned(run, "deposits-after-period")
    assert "2024, 2025" in said.message and "0" in said.message
    assert result["lines"][0]["gases_t"].get("CH4", 0.0) == 0.0


# --- D5: a period that is not a year -------------------------------------------------------------------


def test_an_annual_method_in_a_half_year_is_said(tmp_path):
    text = write(
        tmp_path,
        "  - {gpc: V.1, method: enteric-fermentation, params: {animal: other-cattle, heads: 86400}}\n"
        "  - {gpc: V.3, method: urea-application, params: {urea: 100}}\n",
        period="{start: 2566-01-01, end: 2566-06-30}",
    )
    run, result = computed(tmp_path)
    [said] = warned(run, "method-period-not-a-year")
    row, _ = at(text, "enteric-fermentation")
    assert said.location is not None and said.location.startswith(f"x.yaml:{row}:")
    assert "181 days" in said.message  # 1 January to 30 June 2023
    # a year's CH4 all the same: 86,400 head x 47 kg (Table 10.11, Asia, other cattle)
    assert result["lines"][0]["gases_t"]["CH4"] == pytest.approx(86400 * 47 / 1000)


def test_a_fiscal_year_is_a_year(tmp_path):
    write(
        tmp_path, "  - {gpc: V.1, method: enteric-fermentation, params: {animal: other-cattle, heads: 10}}\n", "FY2567"
    )
    run, _ = computed(tmp_path)
    assert not warned(run, "method-period-not-a-year")


# --- D6: an empty composition --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2020: 50000}, composition: {}}}\n",
        "  - {gpc: III.1.1, method: methane-commitment, params: {tonnes: 50000, composition: {}}}\n",
    ],
)
def test_an_empty_composition_is_an_error(tmp_path, line):
    text = write(tmp_path, line)
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    assert_input_error(run, "x.yaml", "method-params", at(text, "{}"), hint="leave 'composition' out")


# --- D11: messages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("en", "Buddhist Era"), ("th", "พุทธศักราช")])
def test_a_buddhist_era_deposit_year_gets_its_ce_year(tmp_path, lang, words):
    text = write(tmp_path, "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2563: 8400}}}\n")
    run = ghgcalc(tmp_path, "--lang", lang, "compute", "x.yaml", "-f", "json")
    row, column = at(text, "8400")
    assert run.code == INPUT_ERRORS, run
    assert f"x.yaml:{row}:{column}: error[method-params]" in run.stderr
    assert words in run.stderr and "2563 → 2020" in run.stderr  # the C.E. year: 2563 - 543


def test_a_negative_k_is_one_clear_error(tmp_path):
    text = write(tmp_path, "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2020: 8400}, k: -0.1}}\n")
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    printed = [p for p in issues(run.stderr) if p.severity == "error"]
    assert len(printed) == 1, run
    issue = assert_input_error(run, "x.yaml", "method-params", at(text, "-0.1"))
    assert "more than 0" in issue.message and "mapping" in issue.message
    assert "constrained" not in run.stderr and "literal" not in run.stderr


def test_a_thai_digit_deposit_year_is_the_year(tmp_path):
    write(
        tmp_path,
        '  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {"๒๐๒๒": 10000}, doc: 0.2, k: 0.1, mcf: 1}}\n',
    )
    _, result = computed(tmp_path)
    # the same as a 2022 deposit in 2023: DDOCm 1,000 t x (1 - e^-0.1) x 0.5 x 16/12
    expected_t = 1000 * (1 - math.exp(-0.1)) * 0.5 * C_TO_CH4
    assert result["lines"][0]["gases_t"]["CH4"] == pytest.approx(expected_t, rel=1e-9)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_us_ton_is_said_without_the_unit_library(tmp_path, lang):
    write(tmp_path, "  - {gpc: V.3, method: soils-direct-n2o, params: {f_sn: {amount: 10, unit: US_ton}}}\n")
    run = ghgcalc(tmp_path, "--lang", lang, "compute", "x.yaml", "-f", "json")
    assert run.code == INPUT_ERRORS
    assert "US_ton" in run.stderr and "pint" not in run.stderr
