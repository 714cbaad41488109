"""`factors show` prints each gas's value as the set holds it, the digits TGO prints: a verifier
compares it with the printed row (fuel oil A, "EF TGO AR5 V2" row 25: CO2 3.2096984443713, CH4
0.0001244069164485, N2O 0.0000248813832897 kg/L; LPG, April 2022: CO2 1.679722 kg/L)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ghgcalc


@pytest.mark.parametrize(
    ("key", "version", "printed"),
    [
        ("fuel-oil-a", "2026-02", ["CO2 3.2096984443713 kg", "CH4_fossil 0.0001244069164485 kg"]),
        ("lpg-stationary", "2022-04", ["CO2 1.679722 kg", "CO2 3.1105963 kg"]),
    ],
)
def test_factors_show_gives_every_digit_of_the_set(tmp_path: Path, key: str, version: str, printed: list[str]) -> None:
    run = ghgcalc(tmp_path, "factors", "show", key, "--set", f"tgo-cfo@{version}", "-f", "table")
    assert run.code == 0, run
    text = " ".join(run.stdout.split())  # a long line folds in the table
    for value in printed:
        assert value in text, run
