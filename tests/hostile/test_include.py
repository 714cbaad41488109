"""`include:` is confined and bounded: paths out of the folder tree, links, devices, pipes, cycles,
duplicates and include bombs, each refused at the include line without opening what it names."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from tests.helpers import INPUT_ERRORS, assert_input_error, ghgcalc, issues, snapshot, write

MUNICIPALITY = """\
ghgcalc: 1
name: Municipality
period: FY2567
activities:
  - {activity: diesel-stationary, amount: 100, unit: L}
"""


def city(include: str, name: str = "City") -> str:
    return (
        f"ghgcalc: 1\nname: {name}\nkind: community\nperiod: FY2567\nfactors: [tgo-cfo, ipcc-2006]\n"
        f"include: {include}\n"
        "activities:\n  - {gpc: I.2.2, activity: electricity-grid, amount: 10000, unit: MWh}\n"
    )


def secret(folder: Path) -> Path:
    """A file outside the inventory's tree whose content must never be shown."""
    path = folder / "secret.yaml"
    path.write_text("password: hunter2-SECRET\n", encoding="utf-8")
    return path


def refused(tmp_path: Path, include: str, code: str, where: str = "town") -> None:
    folder = tmp_path / where
    before = snapshot(tmp_path)
    run = ghgcalc(folder, "compute", "city.yaml", "-f", "json")
    assert_input_error(run, "city.yaml", code, (6, None))
    assert "SECRET" not in run.stderr + run.stdout
    assert snapshot(tmp_path) == before


@pytest.fixture
def town(tmp_path: Path) -> Path:
    folder = tmp_path / "town"
    folder.mkdir()
    write(folder, "municipality.yaml", MUNICIPALITY)
    secret(tmp_path)
    return folder


OUTSIDE = {
    "parent-traversal": "../secret.yaml",
    "deep-traversal": "../../../../../../etc/passwd",
    "absolute": "/etc/passwd",
    "absolute-secret": "ABS",
    "home": "~/secret.yaml",
    "inside-then-out": "sub/../../secret.yaml",
    "list-one-bad": "[municipality.yaml, ../secret.yaml]",
}


@pytest.mark.parametrize("include", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_a_path_out_of_the_folder_tree_is_refused_unopened(tmp_path: Path, town: Path, include: str) -> None:
    include = include.replace("ABS", str(tmp_path / "secret.yaml"))
    (town / "sub").mkdir()
    write(town, "city.yaml", city(include))
    refused(tmp_path, include, "include-outside")


def test_a_link_that_points_out_is_refused(tmp_path: Path, town: Path) -> None:
    os.symlink(tmp_path / "secret.yaml", town / "link.yaml")
    write(town, "city.yaml", city("link.yaml"))
    refused(tmp_path, "link.yaml", "include-outside")


def test_a_linked_folder_that_leads_out_is_refused(tmp_path: Path, town: Path) -> None:
    os.symlink(tmp_path, town / "up")
    write(town, "city.yaml", city("up/secret.yaml"))
    refused(tmp_path, "up/secret.yaml", "include-outside")


def test_a_link_inside_the_tree_is_followed(tmp_path: Path, town: Path) -> None:
    (town / "orgs").mkdir()
    os.symlink(town / "municipality.yaml", town / "orgs" / "m.yaml")
    write(town, "city.yaml", city("orgs/m.yaml"))
    run = ghgcalc(town, "compute", "city.yaml", "-f", "json")
    assert run.code == 0, run


def test_a_subfolder_is_inside_the_tree(tmp_path: Path, town: Path) -> None:
    (town / "orgs").mkdir()
    write(town / "orgs", "m.yaml", MUNICIPALITY)
    write(town, "city.yaml", city("orgs/m.yaml"))
    assert ghgcalc(town, "compute", "city.yaml", "-f", "json").code == 0


def test_a_pipe_is_not_read(tmp_path: Path, town: Path) -> None:
    os.mkfifo(town / "pipe.yaml")
    write(town, "city.yaml", city("pipe.yaml"))
    started = time.monotonic()
    refused(tmp_path, "pipe.yaml", "include-not-a-file")
    assert time.monotonic() - started < 5


def test_a_device_is_not_read(tmp_path: Path, town: Path) -> None:
    try:
        os.mknod(town / "zero.yaml", stat.S_IFCHR | 0o666, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("creating a device needs privileges this machine does not give")
    write(town, "city.yaml", city("zero.yaml"))
    refused(tmp_path, "zero.yaml", "include-not-a-file")


def test_a_link_to_dev_zero_is_outside(tmp_path: Path, town: Path) -> None:
    os.symlink("/dev/zero", town / "zero.yaml")
    write(town, "city.yaml", city("zero.yaml"))
    refused(tmp_path, "zero.yaml", "include-outside")


def test_a_folder_is_not_an_inventory(tmp_path: Path, town: Path) -> None:
    (town / "orgs.yaml").mkdir()
    write(town, "city.yaml", city("orgs.yaml"))
    refused(tmp_path, "orgs.yaml", "include-not-a-file")


def test_a_missing_file(tmp_path: Path, town: Path) -> None:
    write(town, "city.yaml", city("nosuch.yaml"))
    refused(tmp_path, "nosuch.yaml", "include-missing")


def test_a_dangling_link_is_missing(tmp_path: Path, town: Path) -> None:
    os.symlink(town / "gone.yaml", town / "link.yaml")
    write(town, "city.yaml", city("link.yaml"))
    refused(tmp_path, "link.yaml", "include-missing")


def test_itself_by_name(tmp_path: Path, town: Path) -> None:
    write(town, "city.yaml", city("city.yaml"))
    refused(tmp_path, "city.yaml", "include-cycle")


def test_itself_through_a_link(tmp_path: Path, town: Path) -> None:
    os.symlink(town / "city.yaml", town / "alias.yaml")
    write(town, "city.yaml", city("alias.yaml"))
    refused(tmp_path, "alias.yaml", "include-cycle")


def test_itself_through_a_linked_folder(tmp_path: Path, town: Path) -> None:
    os.symlink(town, town / "here")
    write(town, "city.yaml", city("here/here/city.yaml"))
    refused(tmp_path, "here/here/city.yaml", "include-cycle")


def test_the_same_file_twice_under_two_names(tmp_path: Path, town: Path) -> None:
    write(town, "city.yaml", city("[municipality.yaml, ./municipality.yaml, sub/../municipality.yaml]"))
    (town / "sub").mkdir()
    before = snapshot(tmp_path)
    run = ghgcalc(town, "compute", "city.yaml", "-f", "json")
    [duplicate] = [p for p in issues(run.stderr) if p.code == "include-duplicate"]
    assert "2 entries" in duplicate.message
    assert run.code == INPUT_ERRORS
    assert snapshot(tmp_path) == before


def test_an_included_community_does_not_follow_its_own_includes(tmp_path: Path, town: Path) -> None:
    write(town, "other.yaml", city("city.yaml", name="Other"))
    write(town, "city.yaml", city("other.yaml"))
    run = ghgcalc(town, "compute", "city.yaml", "-f", "json")
    found = {p.code for p in issues(run.stderr)}
    assert "include-nested" in found
    assert "include-cycle" not in found  # one level: no cycle can form
    assert run.code == INPUT_ERRORS


def test_an_include_bomb_fails_fast_and_says_each_problem_once(tmp_path: Path) -> None:
    """Twenty community files, each including every other one five times: refused quickly, and every
    included file is read and computed once per run, not once per mention."""
    folder = tmp_path / "bomb"
    folder.mkdir()
    names = [f"c{i:02}.yaml" for i in range(20)]
    for name in names:
        others = [n for n in names if n != name] * 5
        write(folder, name, city("[" + ", ".join(others) + "]", name=name))
    before = snapshot(tmp_path)
    started = time.monotonic()
    run = ghgcalc(folder, "compute", ".", "-f", "json")
    seconds = time.monotonic() - started
    assert run.code == INPUT_ERRORS
    assert seconds < 10, f"the include bomb took {seconds:.1f} s"
    printed = issues(run.stderr)
    # per file: one nested-include error for each file it includes, one duplicate summary
    assert len(printed) < 20 * 20 * 3, f"{len(printed)} messages: stderr is flooded"
    assert sum(1 for p in printed if p.code == "include-duplicate") == 20
    assert snapshot(tmp_path) == before


def test_an_included_file_is_computed_once_per_run(tmp_path: Path, town: Path, monkeypatch) -> None:
    from ghgcalc import api

    for i in range(5):
        write(town, f"city{i}.yaml", city("municipality.yaml", name=f"City {i}"))
    calls: list[str] = []
    original = api.read_inventory

    def counting(path: str, **options):  # type: ignore[no-untyped-def]
        calls.append(os.path.basename(path))
        return original(path, **options)

    monkeypatch.setattr(api, "read_inventory", counting)
    run = ghgcalc(town, "compute", *[f"city{i}.yaml" for i in range(5)], "-f", "json")
    assert run.code == 0, run
    assert calls.count("municipality.yaml") == 1


def test_the_rule_holds_for_standard_input(tmp_path: Path, town: Path) -> None:
    """From standard input, includes resolve in the working folder and stay in it."""
    run = ghgcalc(town, "compute", "-", "-f", "json", stdin=city("../secret.yaml").encode())
    assert run.code == INPUT_ERRORS
    assert any(p.code == "include-outside" for p in issues(run.stderr))
    assert "SECRET" not in run.stderr
