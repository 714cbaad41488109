"""The built wheel carries the factor sets and the data the package reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_factor_sets_and_data(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("ghgcalc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in sorted((ROOT / "factors").glob("*/*")):
        for item in folder.iterdir():
            assert f"ghgcalc/factors/{folder.parent.name}/{folder.name}/{item.name}" in names
    assert "ghgcalc/factors/names.th.csv" in names  # the Thai names of keys a set does not name
    for data in (
        "gwp100.csv",
        "blends.csv",
        "starter-organization.yaml",
        "starter-community.yaml",
        "starter-plan.yaml",
        "starter-organization.th.yaml",
        "starter-community.th.yaml",
        "starter-plan.th.yaml",
        "measures.yaml",
    ):
        assert f"ghgcalc/data/{data}" in names
    assert "ghgcalc/cli/__init__.py" in names
    # the Thai catalogs: an installed ghgcalc speaks Thai too
    for catalog in sorted((ROOT / "src" / "ghgcalc" / "locale" / "th").glob("*.po")):
        assert f"ghgcalc/locale/th/{catalog.name}" in names
