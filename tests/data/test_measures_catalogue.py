"""The bundled measures catalogue: it loads, every number cites its source, the derived defaults follow
from the figures their sources publish, and every entry works in a plan."""

from __future__ import annotations

import pytest

from ghgcalc.io.plan_reader import BUNDLED_CATALOGUE, read_catalogue
from ghgcalc.models.plan import CatalogueMeasure
from tests.core.test_plan import by_year, result

GRID = 0.4999  # kg CO2e per kWh, tgo-cfo@2022-04


@pytest.fixture(scope="module")
def catalogue() -> dict[str, CatalogueMeasure]:
    entries, issues = read_catalogue(BUNDLED_CATALOGUE)
    assert not issues, [i.format() for i in issues]
    return entries


def test_every_number_has_a_source(catalogue):
    assert len(catalogue) >= 6
    for entry in catalogue.values():
        blocks = [entry.reduce, entry.add, entry.capture, entry.removal, entry.costs]
        assert any(blocks[:4]), entry.id
        for block in blocks:
            if block is not None:
                assert block.source and len(block.source) > 40, (entry.id, block)
        assert entry.name_th and entry.applies_to_hint, entry.id


def test_derived_defaults_follow_from_their_sources(catalogue):
    # EGAT retrofit of 1,607 street luminaires: 1.01 million kWh a year saved, 72 % of the old consumption
    assert catalogue["led-street-lighting"].reduce.amount == pytest.approx(1_010_000 / 1607, abs=0.05)
    assert catalogue["solar-street-lighting"].reduce.amount == pytest.approx(1_010_000 / 0.72 / 1607, abs=0.05)
    # 5.0 kWh/m2/day irradiation x 365 days x 0.80 system efficiency
    assert catalogue["rooftop-solar"].reduce.amount == pytest.approx(5.0 * 365 * 0.80)
    # DEQP: a tree takes up 9-15 kg CO2 a year; the lower end
    assert catalogue["tree-planting"].removal.t_co2 == pytest.approx(9 / 1000)
    # CDM flaring tool: enclosed flare 90 %
    assert catalogue["wastewater-biogas-capture"].capture.share == pytest.approx(0.9)


BASE = """\
ghgcalc: 1
name: Test town
kind: community
period: 2024
factors: [tgo-cfo, ipcc-2006]
activities:
  - {gpc: I.2.2, activity: electricity-grid, amount: 5000, unit: MWh, label: Street lighting}
  - method: landfill-fod
    gpc: III.1.1
    params: {deposits: {2020: 9000, 2021: 9000, 2022: 9000, 2023: 9000, 2024: 9000}, climate: tropical-wet,
             site_type: managed-anaerobic}
  - method: wastewater-domestic
    gpc: III.4.1
    params: {population: 50000, pathways: [{share: 1, system: anaerobic-reactor}]}
"""


@pytest.mark.parametrize(
    ("entry", "applies_to", "size"),
    [
        ("led-street-lighting", "{label: Street lighting}", 1000),
        ("solar-street-lighting", "{label: Street lighting}", 1000),
        ("rooftop-solar", "{activity: electricity-grid}", 500),
        ("waste-separation-composting", "{activity: landfill-fod}", 2000),
        ("food-waste-anaerobic-digestion", "{activity: landfill-fod}", 2000),
        ("wastewater-biogas-capture", "{activity: wastewater-domestic}", 1),
        ("tree-planting", None, 10000),
    ],
)
def test_every_entry_works_in_a_plan(tmp_path, catalogue, entry, applies_to, size):
    target = f", applies_to: {applies_to}" if applies_to else ""
    measure = f"  - {{id: m, use: {entry}, size: {size}, start: 2025{target}}}\n"
    plan = "horizon: 2027\ndiscount_rate_pct: 6\nmeasures:\n" + measure
    data = result(tmp_path, plan, BASE)
    last = by_year(data)[2027]["by_measure_t_co2e"]["m"]
    assert last > 0
    entry_ = catalogue[entry]
    if entry_.reduce is not None and entry_.reduce.unit == "kWh":
        assert last == pytest.approx(size * entry_.reduce.amount * GRID / 1000)
    if entry_.removal is not None:
        assert last == pytest.approx(size * entry_.removal.t_co2)
