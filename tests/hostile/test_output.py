"""Nothing the user has is lost or damaged: `-o` never replaces what the run reads, never a device,
pipe or socket, writes through links, creates new files exclusively, fails cleanly on a full disk
or a closed pipe, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import FACTOR_HEADER, USAGE, assert_usage_error, ghgcalc, own_factor_set, snapshot, write

MUNICIPALITY = """\
ghgcalc: 1
name: Municipality
period: FY2567
activities:
  - {activity: diesel-stationary, amount: 100, unit: L}
"""
CITY = """\
ghgcalc: 1
name: City
kind: community
period: FY2567
factors: [tgo-cfo, ipcc-2006]
include: orgs/municipality.yaml
activities:
  - {gpc: I.2.2, activity: electricity-grid, amount: 10000, unit: MWh}
"""
PLAN = """\
ghgcalc_plan: 1
name: Plan
base: municipality.yaml
horizon: 2573
catalogue: my-measures.yaml
measures: []
"""
CATALOGUE = "ghgcalc_measures: 1\nmeasures: []\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "orgs").mkdir()
    write(tmp_path / "orgs", "municipality.yaml", MUNICIPALITY)
    write(tmp_path, "municipality.yaml", MUNICIPALITY)
    write(tmp_path, "city.yaml", CITY)
    return tmp_path


def refused(folder: Path, *args: str, mentions: str = "") -> None:
    before = snapshot(folder)
    run = ghgcalc(folder, *args)
    assert_usage_error(run, mentions)
    assert snapshot(folder) == before, "a refused run changed a file"
    assert not list(folder.rglob(".*.tmp")), "a temporary file was left behind"


# ---------------------------------------------------------------------------------------------
# What the run reads is never replaced


def test_an_included_file_is_never_replaced(folder: Path) -> None:
    refused(folder, "compute", "city.yaml", "-o", "orgs/municipality.yaml", "--force", "-f", "json", mentions="read")


def test_an_included_file_through_a_link_is_never_replaced(folder: Path) -> None:
    os.symlink(folder / "orgs" / "municipality.yaml", folder / "out.csv")
    refused(folder, "compute", "city.yaml", "-o", "out.csv", "--force", "-f", "csv", mentions="read")


def test_the_input_itself(folder: Path) -> None:
    refused(folder, "compute", "municipality.yaml", "-o", "municipality.yaml", "--force", mentions="never writes")


def test_the_input_through_another_spelling(folder: Path) -> None:
    refused(folder, "compute", "municipality.yaml", "-o", "./orgs/../municipality.yaml", "--force")


def test_an_input_of_a_folder_that_links_to_the_output(folder: Path) -> None:
    # a batch's inputs are each compared with the output, whatever the link's own name or folder
    batch = folder / "batch"
    batch.mkdir()
    for number in range(12):
        write(batch, f"town-{number:02d}.yaml", MUNICIPALITY)
    write(folder, "out.csv", "kept\n")
    os.symlink(folder / "out.csv", batch / "town-07b.yaml")
    refused(folder, "compute", "batch", "-o", "out.csv", "--force", "-f", "csv", mentions="town-07b.yaml")
    refused(folder, "compute", "batch", "-o", "./batch/../out.csv", "--force", "-f", "csv", mentions="town-07b.yaml")


def test_a_plan_base_and_catalogue_are_never_replaced(folder: Path) -> None:
    write(folder, "plan.yaml", PLAN)
    write(folder, "my-measures.yaml", CATALOGUE)
    assert ghgcalc(folder, "plan", "plan.yaml", "-f", "json").code == 0
    for target in ("municipality.yaml", "my-measures.yaml", "plan.yaml"):
        refused(folder, "plan", "plan.yaml", "-f", "json", "-o", target, "--force", mentions=target)


def test_a_plan_chart_never_replaces_the_base(folder: Path) -> None:
    pytest.importorskip("matplotlib")
    write(folder, "plan.yaml", PLAN)
    write(folder, "my-measures.yaml", CATALOGUE)
    os.symlink(folder / "municipality.yaml", folder / "plan-trajectory.png")
    refused(folder, "plan", "plan.yaml", "-f", "json", "-o", "out.json", "--charts", ".", "--force")


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_plan_result_and_a_chart_never_share_a_file(folder: Path, force: list[str]) -> None:
    """`-o plan-macc.png -f json --charts .`: the result was written, then the chart refused as a
    file "created while this run was computing", exit 2 with "nothing was written" although the
    result was. The two names are compared before anything is computed."""
    pytest.importorskip("matplotlib")
    write(folder, "plan.yaml", PLAN)
    write(folder, "my-measures.yaml", CATALOGUE)
    for chart in ("plan-trajectory.png", "./plan-macc.png"):
        refused(folder, "plan", "plan.yaml", "-f", "json", "-o", chart, "--charts", ".", *force, mentions="--charts")
        assert not list(folder.glob("plan-*.png"))


def test_own_factor_tables_are_never_replaced(folder: Path) -> None:
    table = FACTOR_HEADER + "boiler,Boiler,,stationary-combustion,1,L,CO2,2.7,,,,,,Supplier,\n"
    own_factor_set(folder, table, set_id="my-set", version="1")
    write(folder, "mine.yaml", MUNICIPALITY.replace("diesel-stationary", "boiler") + "factors: my-set\n")
    assert ghgcalc(folder, "compute", "mine.yaml", "--factors-dir", "myf", "-f", "json").code == 0
    refused(
        folder,
        "compute",
        "mine.yaml",
        "--factors-dir",
        "myf",
        "-o",
        "myf/my-set/1/factors.csv",
        "--force",
        "-f",
        "csv",
        mentions="read",
    )


def test_convert_never_replaces_its_input_through_a_link(folder: Path) -> None:
    os.symlink(folder / "municipality.yaml", folder / "copy.yaml")
    refused(folder, "convert", "municipality.yaml", "copy.yaml", "--force")


# ---------------------------------------------------------------------------------------------
# Only regular files are written


def test_dev_null_is_never_replaced(folder: Path) -> None:
    run = ghgcalc(folder, "compute", "municipality.yaml", "-o", "/dev/null", "--force", "-f", "json")
    assert_usage_error(run, "not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_pipe_is_never_replaced(folder: Path) -> None:
    os.mkfifo(folder / "pipe")
    refused(folder, "compute", "municipality.yaml", "-o", "pipe", "--force", mentions="pipe")
    assert stat.S_ISFIFO(os.lstat(folder / "pipe").st_mode)


def test_a_socket_is_never_replaced(folder: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    path = folder / "s"
    server.bind(str(path))
    try:
        refused(folder, "compute", "municipality.yaml", "-o", "s", "--force", mentions="socket")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_a_folder(folder: Path) -> None:
    refused(folder, "compute", "municipality.yaml", "-o", "orgs", "--force", mentions="folder")


def test_a_missing_folder(folder: Path) -> None:
    refused(folder, "compute", "municipality.yaml", "-o", "nosuch/out.json", mentions="no such folder")


# ---------------------------------------------------------------------------------------------
# Links


def test_a_link_is_written_through(folder: Path) -> None:
    write(folder, "real.json", "old")
    os.symlink("real.json", folder / "link.json")
    run = ghgcalc(folder, "compute", "municipality.yaml", "-o", "link.json", "--force", "-f", "json")
    assert run.code == 0, run
    assert os.path.islink(folder / "link.json"), "the link was replaced by a file"
    assert (folder / "real.json").read_text(encoding="utf-8").startswith("{"), "the link's target is stale"


def test_a_link_without_force_is_an_existing_file(folder: Path) -> None:
    write(folder, "real.json", "old")
    os.symlink("real.json", folder / "link.json")
    refused(folder, "compute", "municipality.yaml", "-o", "link.json", mentions="already exists")


def test_a_dangling_link_is_refused(folder: Path) -> None:
    os.symlink("nowhere.json", folder / "link.json")
    refused(folder, "compute", "municipality.yaml", "-o", "link.json", "--force", mentions="does not exist")


def test_a_link_to_a_device_is_refused(folder: Path) -> None:
    os.symlink("/dev/null", folder / "link.json")
    refused(folder, "compute", "municipality.yaml", "-o", "link.json", "--force", mentions="device")


# ---------------------------------------------------------------------------------------------
# Existing files, races, unwritable places, full disks


def test_an_existing_file_without_force(folder: Path) -> None:
    write(folder, "out.json", "keep me")
    refused(folder, "compute", "municipality.yaml", "-o", "out.json", mentions="already exists")


def test_a_new_file_is_created_exclusively(folder: Path) -> None:
    """Two runs race for the same new name: the one that finishes second is told, nothing is overwritten."""
    from ghgcalc.cli.output import OutputError, check_target

    target = check_target(str(folder / "out.json"), [], force=False)
    write(folder, "out.json", "the other run's result")
    with pytest.raises(OutputError, match="already exists"):
        target.write("this run's result")
    assert (folder / "out.json").read_text(encoding="utf-8") == "the other run's result"
    assert not list(folder.glob(".*.tmp"))


def test_an_unwritable_output_is_found_before_the_inputs_are_computed(folder: Path, monkeypatch) -> None:
    import tempfile

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    write(folder, "bad.yaml", MUNICIPALITY.replace("100", "-5"))
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    run = ghgcalc(folder, "compute", "bad.yaml", "-o", "out.json")
    assert_usage_error(run, "Read-only file system")
    assert "amount-negative" not in run.stderr, "the input was computed before the output was checked"


def test_a_full_disk_leaves_no_partial_file(folder: Path, monkeypatch) -> None:
    from ghgcalc.io import files

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    for force in ((), ("--force",)):
        if force:
            write(folder, "out.json", "the previous result")
        before = snapshot(folder)
        run = ghgcalc(folder, "compute", "municipality.yaml", "-o", "out.json", *force)
        assert_usage_error(run, "No space left on device")
        assert snapshot(folder) == before
        assert not list(folder.glob(".*.tmp"))


def test_a_read_only_folder_as_an_ordinary_user(folder: Path) -> None:
    if os.geteuid() == 0:  # root writes in read-only folders: the CLI runs without root's capabilities
        _read_only_folder_without_privileges(folder)
        return
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        refused(folder, "compute", "municipality.yaml", "-o", "locked/out.json", mentions="cannot write")
    finally:
        locked.chmod(0o755)


def _without_capabilities() -> None:
    """In the child, before exec: empty the capability bounding set, so that the root user execs with no
    capability (no CAP_DAC_OVERRIDE) and meets a folder's permission bits as an ordinary user does."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for cap in range(64):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0 and ctypes.get_errno() != errno.EINVAL:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _read_only_folder_without_privileges(folder: Path) -> None:
    """Run as root (containers, CI), the test above was always skipped: the CLI is run in a process of
    root without its capabilities, once into a writable folder (it must write there, or the refusal
    below would prove nothing) and once into a read-only one."""
    locked, open_ = folder / "locked", folder / "open"
    locked.mkdir()
    open_.mkdir()

    def run(out: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ghgcalc", "compute", "municipality.yaml", "-o", out, "-f", "json"],
            cwd=folder,
            preexec_fn=_without_capabilities,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    try:
        written = run("open/out.json")
    except subprocess.SubprocessError as exc:  # prctl refused: this process may not drop capabilities
        pytest.skip(f"cannot drop root's capabilities here: {exc}")
    assert written.returncode == 0 and (open_ / "out.json").stat().st_size > 0, written
    locked.chmod(0o555)
    try:
        before = snapshot(folder)
        refusal = run("locked/out.json")
        assert refusal.returncode == USAGE and refusal.stdout == "", refusal
        assert "cannot write" in refusal.stderr and "Traceback" not in refusal.stderr, refusal
        assert snapshot(folder) == before and not list(locked.iterdir())
    finally:
        locked.chmod(0o755)


# ---------------------------------------------------------------------------------------------
# Standard output and signals: only a real process shows these


def _process(folder: Path, *args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "ghgcalc", *args], cwd=folder, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]


CLOSED_PIPE = {
    "compute-csv": ("compute", "municipality.yaml", "-f", "csv"),
    "compute-table": ("compute", "municipality.yaml", "-f", "table"),
    "trend-csv": ("trend", "municipality.yaml", "-f", "csv"),
    "factors-list-json": ("factors", "list", "-f", "json"),
    "factors-list-table": ("factors", "list", "--set", "tgo-cfo", "-f", "table"),
    "factors-show": ("factors", "show", "diesel-mobile"),
}


@pytest.mark.parametrize("args", CLOSED_PIPE.values(), ids=CLOSED_PIPE.keys())
def test_a_closed_pipe_is_reported_not_a_traceback(folder: Path, args: tuple[str, ...]) -> None:
    proc = _process(folder, *args, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader went away before the first byte, as `| head -c0` does
    _, err = proc.communicate(timeout=60)
    stderr = err.decode()
    assert proc.returncode == USAGE, stderr
    assert "standard output" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_a_full_standard_output(folder: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = _process(folder, "compute", "municipality.yaml", "-f", "json", stdout=full)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == USAGE, err.decode()
    assert "No space left" in err.decode() and "Traceback" not in err.decode()


def test_a_closed_standard_output(folder: Path) -> None:
    proc = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m ghgcalc compute municipality.yaml -f json >&-"],
        cwd=folder,
        capture_output=True,
        timeout=60,
        check=False,
    )
    stderr = proc.stderr.decode()
    assert proc.returncode == USAGE, stderr
    assert "standard output" in stderr and "Traceback" not in stderr


@pytest.mark.parametrize(
    ("stop", "code", "last"),
    [("SIGINT", 130, "ghgcalc: interrupted"), ("SIGTERM", 143, "ghgcalc: terminated")],
    ids=["ctrl-c", "kill"],
)
def test_ctrl_c_in_a_long_batch(folder: Path, stop: str, code: int, last: str) -> None:
    """Interrupted (Ctrl-C) or stopped (`kill`) in the middle of a batch (parked on standard input,
    which nobody writes to, after 300 files): the shell's code, one line, no result or temporary file."""
    batch = folder / "batch"
    batch.mkdir()
    for i in range(300):
        write(batch, f"m{i:04}.yaml", MUNICIPALITY)
    before = snapshot(folder)
    args = ("compute", "batch", "-", "-f", "csv", "-o", "all.csv")
    proc = _process(folder, *args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    time.sleep(3)
    proc.send_signal(getattr(signal, stop))
    _, err = proc.communicate(timeout=60)
    stderr = err.decode()
    assert proc.returncode == code, stderr
    assert stderr.strip().splitlines()[-1] == last
    assert "Traceback" not in stderr
    assert snapshot(folder) == before, "an interrupted run left a file"
    assert not list(folder.rglob(".*.tmp")) and not (folder / "all.csv").exists()


def test_ctrl_c_while_the_command_line_loads(folder: Path) -> None:
    """Ctrl-C in the first tenth of a second, while ghgcalc loads its command line (typer, pydantic):
    said as any Ctrl-C is, with the shell's code, and no Python traceback. The signal is sent when
    ghgcalc.cli first imports typer, so it lands while the command line loads on any machine."""
    write(folder, "municipality.yaml", MUNICIPALITY)
    script = (
        "import builtins, os, signal, sys\n"
        "sys.argv = ['ghgcalc', 'compute', 'municipality.yaml']\n"
        "plain = builtins.__import__\n"
        "def importing(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return plain(name, *args, **kwargs)\n"
        "builtins.__import__ = importing\n"
        "from ghgcalc.__main__ import run\n"
        "run()\n"
    )
    env = {**os.environ, "LANG": "th_TH.UTF-8"}
    done = subprocess.run([sys.executable, "-c", script], cwd=folder, capture_output=True, env=env, check=False)
    stderr = done.stderr.decode()
    assert done.returncode == 130, stderr
    assert stderr.strip() == "ghgcalc: หยุดทำงานตามคำสั่ง", stderr  # in the environment's language
    assert not done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the streams")
def test_closed_standard_streams_are_no_internal_error(folder: Path) -> None:
    """`<&-`, `2>&-` and `>&-`: standard input reads as empty, messages to a closed standard error
    are dropped (never written into the result), a result to a closed standard output is refused."""
    command = f"{sys.executable} -m ghgcalc"
    closed_in = subprocess.run(f"{command} compute - <&-", shell=True, cwd=folder, capture_output=True, check=False)
    assert closed_in.returncode == 1 and b"the file is empty" in closed_in.stderr, closed_in
    write(folder, "bad.yaml", MUNICIPALITY.replace("amount: 100", "amount: -1"))
    closed_err = subprocess.run(
        f"{command} compute municipality.yaml bad.yaml -f csv 2>&-", shell=True, cwd=folder, capture_output=True
    )
    assert closed_err.returncode == 1
    assert closed_err.stdout.decode().splitlines()[0].startswith("source,name,")
    lines = closed_err.stdout.decode().splitlines()  # the problems went nowhere, not into the CSV
    assert len(lines) == 3 and not any(line.startswith(("bad.yaml:", "  hint:", "ghgcalc:")) for line in lines)
    closed_out = subprocess.run(
        f"{command} compute municipality.yaml -f csv >&-", shell=True, cwd=folder, capture_output=True
    )
    assert closed_out.returncode == 2 and b"cannot write the result to standard output" in closed_out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe and head")
def test_a_large_result_cut_short_by_head_is_reported_not_lost_in_silence(folder: Path) -> None:
    """Python's buffered write drops the rest of a large write when the pipe's reader leaves in the
    middle of it, and says nothing: validate's one large write of its problems must fail (exit 2)."""
    many = folder / "many"
    many.mkdir()
    for number in range(400):
        write(many, f"t{number:03d}.yaml", MUNICIPALITY.replace("amount: 100", "amount: [100, 200]"))
    command = f"{sys.executable} -m ghgcalc validate many --format jsonl 2>err.txt | head -c 100 >/dev/null"
    run = subprocess.run(
        f"{command}; echo $" + "{PIPESTATUS[0]}", shell=True, executable="/bin/bash", cwd=folder, capture_output=True
    )
    assert run.stdout.decode().strip() == "2", (run, (folder / "err.txt").read_text())
    assert "cannot write the result to standard output" in (folder / "err.txt").read_text()


def test_an_empty_output_name_is_refused_before_any_work(folder: Path) -> None:
    for option in ("-o", "--diagnostics"):
        run = ghgcalc(folder, "compute", "municipality.yaml", option, "")
        assert run.code == 2 and "name is empty" in run.stderr and run.stdout == "", run


def test_a_status_line_never_starts_with_a_brace_beside_json_diagnostics(folder: Path) -> None:
    write(folder, "{town.yaml", MUNICIPALITY)
    run = ghgcalc(folder, "validate", "{town.yaml", "--diagnostics", "-")
    assert run.code == 0, run
    assert "./{town.yaml: ok" in run.stderr
    assert not [line for line in run.stderr.splitlines() if line.startswith("{") and not line.startswith('{"')]
