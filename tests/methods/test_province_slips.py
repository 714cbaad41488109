"""Slips a provincial working group makes in the method lines of a community inventory, run through the
command line on real files: each used to give a plausible wrong number without a word. Every expected
number is worked here by hand from the IPCC 2006 equation, with the table values typed in the test."""

from __future__ import annotations

import json
import math

import pytest

from tests.helpers import at, ghgcalc, issues_coded

HEAD = "ghgcalc: 1\nname: T\nkind: community\nperiod: 2566\nfactors: [tgo-cfo, ipcc-2006]\n"
C_TO_CH4 = 16 / 12


def write(tmp_path, body: str) -> str:  # type: ignore[no-untyped-def]
    text = HEAD + body
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    return text


def compute(tmp_path, *args: str):  # type: ignore[no-untyped-def]
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json", *args)
    assert run.code == 0, run
    return run, json.loads(run.stdout)


# --- a year missing in a landfill's deposit history ---------------------------------------------------


def test_a_year_missing_in_the_deposit_history_is_said_at_the_next_deposit(tmp_path):
    text = write(
        tmp_path,
        "activities:\n"
        "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2020: 10000, 2022: 10000}, doc: 0.2, "
        "k: 0.1, mcf: 1}}\n",
    )
    run, result = compute(tmp_path)
    [said] = issues_coded(run, "deposits-gap")
    assert said.severity == "warning"
    row, column = at(text, "10000", 2)  # the tonnes of 2022
    assert said.location == f"x.yaml:{row}:{column}"
    assert "2021" in said.message and "2020" in said.message
    assert said.hint is not None and "2021: 0" in said.hint
    # computed as given, 2021 as no waste: Eq. 3.2 DDOCm = 10,000 x 0.2 x 0.5 x 1 = 1,000 t per deposit;
    # in 2023 the 2020 deposit decays in its third year, the 2022 deposit in its first (M = 13)
    decayed = 1000 * math.exp(-0.2) * (1 - math.exp(-0.1)) + 1000 * (1 - math.exp(-0.1))
    assert result["lines"][0]["gases_t"]["CH4"] == pytest.approx(decayed * 0.5 * C_TO_CH4, rel=1e-9)


def test_a_gap_is_said_in_thai_and_a_year_of_0_is_not_a_gap(tmp_path):
    write(
        tmp_path,
        "activities:\n"
        "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2015: 9000, 2016: 9000, 2019: 9000}}}\n"
        "  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2015: 9000, 2016: 0, 2017: 9000}}}\n",
    )
    run, _ = compute(tmp_path, "--lang", "th")
    [said] = issues_coded(run, "deposits-gap")
    assert "2017-2018" in said.message and "ไม่มีขยะฝังกลบ" in said.message


# --- fertiliser N in kg beside urea in t -------------------------------------------------------------

UREA = "  - {gpc: V.3, method: urea-application, params: {urea: 15600, mass_unit: t}}\n"


def test_soils_n_read_in_kg_beside_urea_in_t_is_said(tmp_path):
    soils = "  - {gpc: V.3, method: soils-direct-n2o, params: {f_sn: 10300, f_on: 1200}}\n"
    text = write(tmp_path, "activities:\n" + UREA + soils)
    run, result = compute(tmp_path)
    [said] = issues_coded(run, "fertiliser-n-unusual")
    row, column = at(text, "{f_sn")  # the soils line's params
    assert said.location == f"x.yaml:{row}:{column}"
    # urea CO(NH2)2 is 2 x 14.007 / 60.056 N by mass: 15,600 t carry 7,276,848 kg N
    assert f"{15600 * 1000 * 2 * 14.007 / 60.056:,.0f} kg N" in said.message and "10,300 kg N" in said.message
    assert said.hint is not None and "n_unit: t" in said.hint
    # computed as written: (10,300 + 1,200) kg N x EF1 0.01 x 44/28 (Eq. 11.1, Table 11.1)
    assert result["lines"][1]["gases_t"]["N2O"] == pytest.approx(11500 * 0.01 * 44 / 28 / 1000, rel=1e-9)


def test_urea_in_kg_read_as_t_is_said_in_thai_and_consistent_units_are_not(tmp_path):
    soils = "  - {gpc: V.3, method: soils-direct-n2o, params: {n_unit: t, f_sn: 10300}}\n"
    write(tmp_path, "activities:\n  - {gpc: V.3, method: urea-application, params: {urea: 15600000}}\n" + soils)
    run, _ = compute(tmp_path, "--lang", "th")
    [said] = issues_coded(run, "fertiliser-n-unusual")
    assert "ยูเรีย" in said.message
    write(tmp_path, "activities:\n" + UREA + soils)
    run, _ = compute(tmp_path)
    assert not issues_coded(run, "fertiliser-n-unusual")


# --- a wastewater population in thousands, or counted twice -----------------------------------------

INDICATORS = "indicators: {population: 452000}\n"
SEPTIC = "pathways: [{share: 1, system: septic-system}]"


def test_a_wastewater_population_in_thousands_is_said(tmp_path):
    text = write(
        tmp_path,
        INDICATORS
        + f"activities:\n  - {{gpc: III.4.1, method: wastewater-domestic, params: {{population: 452, {SEPTIC}}}}}\n",
    )
    run, result = compute(tmp_path)
    [said] = issues_coded(run, "population-unusual")
    row, column = at(text, "452,")
    assert said.location == f"x.yaml:{row}:{column}"
    assert "thousands" in said.message and said.hint is not None and "452000" in said.hint
    # computed as written (Eq. 6.1-6.3): 452 x 40 g x 0.001 x 1.25 x 365 x Bo 0.6 x MCF 0.5
    expected_t = 452 * 40 * 0.001 * 1.25 * 365 * 0.6 * 0.5 / 1000
    assert result["lines"][0]["gases_t"]["CH4"] == pytest.approx(expected_t, rel=1e-9)


def test_wastewater_lines_that_count_the_population_twice_are_said_in_thai(tmp_path):
    line = (
        "  - {{gpc: III.4.1, method: wastewater-domestic, label: {label}, params: {{population: 452000, {septic}}}}}\n"
    )
    write(
        tmp_path,
        INDICATORS
        + "activities:\n"
        + line.format(label="province", septic=SEPTIC)
        + line.format(label="city", septic=SEPTIC),
    )
    run, _ = compute(tmp_path, "--lang", "th")
    [said] = issues_coded(run, "population-unusual")
    assert "904,000" in said.message and "1, 2" in said.message


def test_wastewater_lines_that_share_out_the_population_are_not_said(tmp_path):
    urban = f"  - {{gpc: III.4.1, method: wastewater-domestic, params: {{population: 300000, {SEPTIC}}}}}\n"
    rural = f"  - {{gpc: III.4.1, method: wastewater-domestic, params: {{population: 152000, {SEPTIC}}}}}\n"
    n2o = "  - {gpc: III.4.1, method: wastewater-n2o, params: {population: 452000, protein_kg_per_person_year: 25}}\n"
    write(tmp_path, INDICATORS + "activities:\n" + urban + rural + n2o)
    run, _ = compute(tmp_path)
    assert not issues_coded(run, "population-unusual")


# --- a fraction typed as a percentage ----------------------------------------------------------------


def test_a_doc_typed_as_a_percentage_is_refused_with_the_fraction_in_the_hint(tmp_path):
    write(
        tmp_path, "activities:\n  - {gpc: III.1.1, method: landfill-fod, params: {deposits: {2020: 9000}, doc: 15}}\n"
    )
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json")
    assert run.code == 1 and run.stdout == ""
    [said] = issues_coded(run, "method-params")
    assert said.location == "x.yaml:7:80"
    assert said.hint is not None and "percentage, write 0.15" in said.hint
    run = ghgcalc(tmp_path, "compute", "x.yaml", "-f", "json", "--lang", "th")
    assert "คำแนะนำ: ค่านี้เป็นสัดส่วนตั้งแต่ 0 ถึง 1: ถ้า 15 เป็นร้อยละ ให้ใส่ 0.15" in run.stderr


# --- a line's own IPCC category of another sector, or none ---------------------------------------------

CATTLE = (
    "  - {{gpc: V.1, method: enteric-fermentation, ipcc: {ipcc}, params: {{animal: other-cattle, heads: 86400}}}}\n"
)


def test_an_ipcc_category_of_another_sector_is_said_at_it(tmp_path):
    text = write(tmp_path, "activities:\n" + CATTLE.format(ipcc="1.A.4.b"))
    run, result = compute(tmp_path)
    [said] = issues_coded(run, "ipcc-unusual")
    row, column = at(text, "1.A.4.b")
    assert said.location == f"x.yaml:{row}:{column}"
    assert "Energy" in said.message and "AFOLU" in said.message
    assert said.hint is not None and "3.A" in said.hint
    # counted as written: 86,400 head x 47 kg CH4 (Table 10.11, Asia, other cattle) x GWP 28 (AR5), under Energy
    assert result["ipcc_sectors_t_co2e"]["Energy"] == pytest.approx(86400 * 47 * 28 / 1000, rel=1e-9)


def test_an_ipcc_category_that_is_none_is_said_in_thai_and_a_right_one_is_not(tmp_path):
    write(tmp_path, "activities:\n" + CATTLE.format(ipcc="3A1"))
    run, _ = compute(tmp_path, "--lang", "th")
    [said] = issues_coded(run, "ipcc-unusual")
    assert "'3A1' ไม่ใช่หมวดของ IPCC 2006" in said.message
    write(tmp_path, "activities:\n" + CATTLE.format(ipcc="3.A.1.a.ii"))
    run, result = compute(tmp_path)
    assert not issues_coded(run, "ipcc-unusual")
    assert result["ipcc_sectors_t_co2e"]["AFOLU"] == pytest.approx(86400 * 47 * 28 / 1000, rel=1e-9)
