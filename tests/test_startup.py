"""Start-up stays light: commands that need no conversion import neither pint nor openpyxl."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("pint", "openpyxl")


def imported_modules(*args: str, env: dict[str, str] | None = None) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ghgcalc", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env=env,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return {
        line.split("|")[-1].strip()
        for line in completed.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "args",
    [("--help",), ("factors", "list", "--format", "json"), ("factors", "list", "--set", "tgo-cfo", "-f", "csv")],
)
def test_no_heavy_imports(args):
    modules = imported_modules(*args)
    assert modules, "importtime output was read"
    for heavy in HEAVY:
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), f"{heavy} imported by {args}"


def test_compute_in_factor_units_needs_no_pint():
    modules = imported_modules("compute", "examples/municipality.yaml", "--format", "json")
    assert "ghgcalc.core.compute" in modules
    assert not any(m == "pint" or m.startswith("pint.") for m in modules)


@pytest.mark.parametrize(
    "args",
    [
        ("compute", "examples/province.yaml", "--format", "json"),  # ML, MWh, a density and IPCC NCVs
        ("plan", "examples/plan.yaml", "--format", "json"),
    ],
)
def test_a_province_and_its_plan_need_no_pint_or_openpyxl(args):
    modules = imported_modules(*args)
    assert "ghgcalc.core.compute" in modules
    for heavy in HEAVY:
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), f"{heavy} imported by {args}"


def test_one_file_does_not_import_what_only_a_batch_or_other_years_need():
    """Telling one inventory from another (core/entity: a batch's copies, --previous, --base) costs a
    single-file run nothing: the CLI is run a file at a time in shell loops."""
    modules = imported_modules("compute", "examples/municipality.yaml", "--format", "json")
    assert "ghgcalc.core.compute" in modules and "ghgcalc.core.entity" not in modules


def test_compute_does_not_import_the_plan_modules():
    modules = imported_modules("compute", "examples/municipality.yaml", "--format", "json")
    assert not any(m.startswith("ghgcalc.core.plan") or m == "ghgcalc.models.plan" for m in modules)


def test_help_reads_no_inventory_code():
    """`ghgcalc --help` shows the commands: it needs neither pydantic nor YAML (a command module that
    imports a reader at its top once made it twice as slow)."""
    modules = imported_modules("--help")
    for heavy in ("pydantic", "yaml", "ghgcalc.models", "ghgcalc.io.inventory_reader"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), f"{heavy} imported by --help"


@pytest.mark.parametrize("example", ["examples/municipality.yaml", "examples/province.yaml"])
def test_numpy_is_imported_only_for_an_uncertainty_analysis(example):
    """A plain compute does not pay for numpy; --uncertainty does (Monte Carlo)."""
    plain = imported_modules("compute", example, "--format", "json")
    assert "ghgcalc.core.compute" in plain
    assert not any(m == "numpy" or m.startswith("numpy.") for m in plain), "numpy imported by a plain compute"
    assert not any(
        m.startswith(("ghgcalc.core.analysis", "ghgcalc.core.montecarlo", "ghgcalc.core.key_categories")) for m in plain
    )
    analysed = imported_modules("compute", example, "--uncertainty", "--format", "json")
    assert "numpy" in analysed and "ghgcalc.core.montecarlo" in analysed


def test_a_plain_compute_does_not_import_multiprocessing():
    """The process pool of --jobs is imported only when a batch uses it (cli/batch.py)."""
    modules = imported_modules("compute", "examples/municipality.yaml", "--format", "json")
    assert "ghgcalc.cli.batch" in modules
    assert not any(m == "multiprocessing" or m.startswith("multiprocessing.") for m in modules)


COMMAND_MODULES = {
    "ghgcalc.cli.compute",
    "ghgcalc.cli.trend",
    "ghgcalc.cli.plan",
    "ghgcalc.cli.convert",
    "ghgcalc.cli.importer",
    "ghgcalc.cli.audit",
    "ghgcalc.cli.factors",
    "ghgcalc.cli.init",
    "ghgcalc.cli.summary",
}


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (("compute", "examples/municipality.yaml", "--format", "json"), "ghgcalc.cli.compute"),
        (("--debug", "validate", "examples/municipality.yaml"), "ghgcalc.cli.compute"),
        (("factors", "list", "--format", "json"), "ghgcalc.cli.factors"),
    ],
)
def test_a_run_registers_only_the_command_it_runs(args, module):
    """typer reads the signature of every registered command on every run: a run imports and
    registers its own command's module, not the others."""
    found = imported_modules(*args) & COMMAND_MODULES
    assert module in found and found <= {module, "ghgcalc.cli.compute"}, found  # factors borrows compute's _store


def test_the_help_lists_every_command_in_its_order_whatever_ran_before(tmp_path):
    """The help (and a name that is no command) registers every command, in the same order even
    after a run in the same process registered one of them first."""
    from tests.helpers import ghgcalc, ghgcalc_process

    fresh = ghgcalc_process(tmp_path, "--help").stdout
    ghgcalc(tmp_path, "factors", "list", "--format", "json")
    again = ghgcalc(tmp_path, "--help").stdout
    assert again == fresh
    names = ["compute", "validate", "trend", "plan", "convert", "import", "audit", "factors", "init", "summary"]
    found = [name for name in names if f" {name} " in fresh]
    assert found == names, fresh
    unknown = ghgcalc(tmp_path, "comptue", "x.yaml")
    assert unknown.code == 2 and "did you mean ghgcalc compute?" in unknown.stderr, unknown.stderr


def test_a_plain_compute_loads_neither_the_trend_nor_statistics():
    """A compute of one inventory needs neither the trend code nor the statistics module (the
    monthly checks import it where there are months to compare)."""
    modules = imported_modules("compute", "examples/municipality.yaml", "--format", "json")
    assert "ghgcalc.core.compute" in modules
    assert "ghgcalc.core.trend" not in modules and "statistics" not in modules


def test_duckdb_is_imported_only_for_an_activity_table():
    """An inventory of lines does not pay for DuckDB; one with an activities_table does (io/tables.py)."""
    plain = imported_modules("compute", "examples/province.yaml", "--format", "json")
    assert not any(m == "duckdb" or m.startswith(("duckdb.", "ghgcalc.io.tables")) for m in plain)
    tables = imported_modules("compute", "examples/province-bottom-up/province.yaml", "--format", "json")
    assert "duckdb" in tables and "ghgcalc.io.tables" in tables


def test_a_factors_run_registers_only_the_factors_command_it_names(tmp_path):
    """`factors list` had typer read the parameters of list, diff, validate and show on every run;
    the group keeps the one named, and all of them again for its help or a name it does not have."""
    from ghgcalc import cli
    from tests.helpers import ghgcalc

    def factors_commands() -> list[str]:
        [group] = [g for g in cli._app.registered_groups if g.name == "factors"]
        return [cli._command_name(info) for info in group.typer_instance.registered_commands]

    assert ghgcalc(tmp_path, "factors", "list", "--format", "json").code == 0
    assert factors_commands() == ["list"]
    assert ghgcalc(tmp_path, "factors", "show", "diesel-mobile", "--format", "json").code == 0
    assert factors_commands() == ["show"]
    helped = ghgcalc(tmp_path, "factors", "--help")
    assert factors_commands() == ["list", "diff", "validate", "show"]
    assert all(f" {name} " in helped.stdout for name in ("list", "diff", "validate", "show")), helped
    wrong = ghgcalc(tmp_path, "factors", "lst")
    assert wrong.code == 2 and "did you mean ghgcalc factors list?" in wrong.stderr, wrong


def test_pydantic_plugins_are_not_looked_for_when_all_are_disabled():
    """pydantic's plugin loader imports importlib.metadata (and with it email) to look for plugins;
    with all of them disabled, as the CLI sets it, the CLI answers for it (none). Plugins disabled
    by name are still looked for, by pydantic's own loader."""
    modules = imported_modules("compute", "examples/municipality.yaml", "--format", "json")
    assert "ghgcalc.core.compute" in modules
    assert "importlib.metadata" not in modules and "email" not in modules
    by_name = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "some-plugin"}
    assert "importlib.metadata" in imported_modules("compute", "examples/municipality.yaml", "-f", "json", env=by_name)


def test_the_plugin_loaders_stand_in_gives_pydantic_anything_else_from_the_real_one():
    """cli/__init__.py answers for pydantic's plugin loader (no plugin, as every one is disabled);
    a name it does not give, which a later pydantic may import, comes from the real module."""
    script = (
        "import sys, ghgcalc.cli\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert tuple(get_plugins()) == ()\n"
        "from pydantic.plugin._loader import _plugins\n"
        "print(sys.modules['pydantic.plugin._loader'].__file__)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("_loader.py")  # the real module took the stand-in's place
