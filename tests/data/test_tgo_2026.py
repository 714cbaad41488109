"""TGO's 2026 edition (tgo-cfo@2026-02, sheet "EF TGO AR5 V2"): every printed total reproduced from
its per-gas values with the edition's weights (fossil CH4 28, CH4 28, N2O 265), biogenic CO2 never in
a total; and the same per-gas values weighted 30 give April 2022's printed totals, which is what shows
that the edition changed the weight of fossil CH4 and not the inputs."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
import yaml

from tests.conftest import ROOT

EDITION = ROOT / "factors" / "tgo-cfo" / "2026-02"
APRIL_2022 = ROOT / "factors" / "tgo-cfo" / "2022-04"
# the edition's weights, written out here rather than read from the code under test
WEIGHTS_2026 = {
    "CO2": Decimal(1),
    "CH4_fossil": Decimal(28),
    "CH4": Decimal(28),
    "N2O": Decimal(265),
    "CO2e": Decimal(1),
}
NOT_IN_TOTAL = {"CO2_biogenic"}


def groups(folder):
    with (folder / "factors.csv").open(encoding="utf-8", newline="") as handle:
        found: dict[tuple[str, str], list[dict[str, str]]] = {}
        for row in csv.DictReader(handle):
            found.setdefault((row["key"], row["per"]), []).append(row)
    return found


def total(members, weights):
    return sum(Decimal(m["value"]) * weights[m["gas"]] for m in members if m["gas"] not in NOT_IN_TOTAL)


def within_printed_precision(computed: Decimal, printed_text: str) -> bool:
    printed = Decimal(printed_text)
    half_unit = Decimal(1).scaleb(printed.as_tuple().exponent) / 2
    return abs(computed - printed) <= half_unit + Decimal("1e-12")


PRINTED = {k: v for k, v in groups(EDITION).items() if v[0]["published_kgco2e"]}


def test_the_edition_weighs_fossil_ch4_28():
    meta = yaml.safe_load((EDITION / "set.yaml").read_text(encoding="utf-8"))
    assert meta["gwp_basis"] == "AR5"
    assert meta["gwp_overrides"] == {"CH4_fossil": 28}


def test_the_edition_is_complete():
    keys = {key for key, _ in PRINTED}
    per_gas_keys = {key for key, members in PRINTED.items() if any(m["gas"] == "CH4_fossil" for m in members)}
    assert len(per_gas_keys) >= 50
    blends = {"diesel-b7-stationary", "diesel-b20-stationary", "gasohol-e10-stationary", "gasohol-e20-stationary"}
    blends |= {"gasohol-e85-stationary", "diesel-b7-mobile", "diesel-b20-mobile", "gasohol-95", "gasohol-e20"}
    blends |= {"gasohol-e85"}
    others = {"lpg-stationary", "lpg-mobile", "cng", "fuel-oil-a", "fuel-oil-c", "natural-gas", "natural-gas-hhv"}
    others |= {"lignite", "jet-kerosene", "other-kerosene", "fuel-wood", "charcoal", "electricity-grid"}
    assert blends | others <= keys
    for key in blends:
        assert any(m["gas"] == "CO2_biogenic" for m in PRINTED[(key, "L")]), key


@pytest.mark.parametrize("key_per", sorted(PRINTED), ids=lambda k: f"{k[0]}/{k[1]}")
def test_v2_printed_total_is_reproduced_with_fossil_ch4_28(key_per):
    members = PRINTED[key_per]
    computed = total(members, WEIGHTS_2026)
    assert within_printed_precision(computed, members[0]["published_kgco2e"]), (
        computed,
        members[0]["published_kgco2e"],
    )


@pytest.mark.parametrize("key_per", sorted(k for k, v in PRINTED.items() if any(m["gas"] == "CO2_biogenic" for m in v)))
def test_biogenic_co2_is_never_in_the_total(key_per):
    members = PRINTED[key_per]
    with_biogenic = total(members, WEIGHTS_2026) + sum(
        Decimal(m["value"]) for m in members if m["gas"] == "CO2_biogenic"
    )
    assert not within_printed_precision(with_biogenic, members[0]["published_kgco2e"])


# April 2022 printed totals, as the reference table gives them (key, unit, total at 4 dp)
APRIL_2022_TOTALS = [
    ("diesel-stationary", "L", "2.7078"),
    ("diesel-mobile", "L", "2.7406"),
    ("diesel-offroad", "L", "2.9793"),
    ("lpg-stationary", "kg", "3.1134"),
    ("cng", "kg", "2.2609"),
    ("fuel-oil-a", "L", "3.2200"),
    ("fuel-oil-c", "L", "3.2457"),
]


@pytest.mark.parametrize(("key", "per", "april_2022"), APRIL_2022_TOTALS)
def test_same_gases_weighted_30_give_the_april_2022_totals(key, per, april_2022):
    members = PRINTED[(key, per)]
    weights_2022 = WEIGHTS_2026 | {"CH4_fossil": Decimal(30)}
    assert within_printed_precision(total(members, weights_2022), april_2022)
    # ... and not the 2026 total: the two editions differ by the weight alone
    assert not within_printed_precision(total(members, weights_2022), members[0]["published_kgco2e"])
    # the April 2022 set prints the same total from its own (shorter) transcription of these gases
    assert groups(APRIL_2022)[(key, per)][0]["published_kgco2e"] == april_2022


def test_every_fuel_row_cites_its_v2_row_and_the_transcription():
    for (key, _per), members in PRINTED.items():
        if key.startswith("electricity-grid"):
            continue
        for m in members:
            assert m["source"].startswith('TGO V-Sheet CFO TCFO_R_01 Version 07 (18/02/2026), sheet "EF TGO AR5 V2"'), (
                key
            )
            # the TGO document first (source), the transcription it was read through second (verified_via)
            assert "safeJJ" not in m["source"], key
            assert m["verified_via"].startswith("safeJJ/carbon-ledger app/factors.json AR5V2-"), key
            assert "Corroborated:" in m["notes"], key
            assert m["valid_from"] == "2026-01-01", key
