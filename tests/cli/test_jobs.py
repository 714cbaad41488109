"""`--jobs N` computes inputs in parallel with output byte for byte that of `--jobs 1`, in the same
order, messages included (docs/cli.md); a progress bar only on a terminal."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ghgcalc import i18n
from ghgcalc.cli import batch
from ghgcalc.io.spool import Spool
from tests.helpers import INPUT_ERRORS, USAGE, ghgcalc, ghgcalc_process, issues, run_with_file_size_limit, write

THAI = re.compile(r"[\u0e00-\u0e7f]")
OK = 0


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """The language is process-wide: a test that runs in Thai leaves the next one in English."""
    yield
    i18n.set_language(i18n.DEFAULT)
    i18n.set_calendar("")


def town(number: int) -> str:
    """A small inventory; every seventh has an unknown unit and every eleventh a negative amount
    (errors), every fifth is written in B.E., the others in C.E."""
    unit = "gallons-ish" if number % 7 == 3 else "L"
    amount = -5 if number % 11 == 4 else 100 + number
    period = 2567 if number % 5 == 0 else 2024
    return (
        "ghgcalc: 1\n"
        f"name: Town {number:02d} Municipality\n"
        f"period: {period}\n"
        "activities:\n"
        "  - activity: diesel-stationary\n"
        f"    amount: {amount}\n"
        f"    unit: {unit}\n"
        "  - activity: electricity-grid\n"
        f"    amount: {1000 * number}\n"
        "    unit: kWh\n"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    towns = tmp_path / "towns"
    towns.mkdir()
    for number in range(30):
        write(towns, f"town-{number:02d}.yaml", town(number))
    write(towns, "town-99.yaml", "ghgcalc: 1\nname: [unclosed\n")  # not YAML at all
    return tmp_path


@pytest.mark.parametrize("form", ["json", "csv", "jsonl"])
def test_two_jobs_print_what_one_job_prints(folder: Path, form: str) -> None:
    one = ghgcalc(folder, "compute", "towns", "-f", form, "--jobs", "1")
    two = ghgcalc(folder, "compute", "towns", "-f", form, "--jobs", "2")
    assert one.code == two.code == INPUT_ERRORS, one
    # the broken towns are in the messages (so the comparison covers them), in input order
    sources = [p.location.split(":")[0] for p in issues(one.stderr)]
    assert "towns/town-03.yaml" in sources and "towns/town-04.yaml" in sources and "towns/town-99.yaml" in sources
    assert sources == sorted(sources)
    assert one.stdout and one.stdout == two.stdout
    assert one.stderr == two.stderr


def test_validate_with_two_jobs_prints_what_one_job_prints(folder: Path) -> None:
    one = ghgcalc(folder, "validate", "towns", "--jobs", "1")
    two = ghgcalc(folder, "validate", "towns", "--jobs", "2")
    assert one.code == two.code == INPUT_ERRORS, one
    assert "town-01.yaml: ok" in one.stderr and "town-03.yaml: invalid" in one.stderr
    assert one.stderr == two.stderr


def test_the_pool_is_used_and_keeps_the_order(folder: Path) -> None:
    """Not only equal output: the outcomes of the pool come from other processes, in input order."""
    from ghgcalc import api

    files = api.expand_inputs([str(folder / "towns")])
    found = list(batch.outcomes(files, api.Options(), 2))
    assert [o.source for o in found] == [api.display_name(f) for f in files]
    alone = [api.compute_file(f, api.Options()) for f in files]
    assert [o.result for o in found] == [o.result for o in alone]
    assert [o.issues for o in found] == [o.issues for o in alone]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The start methods the run asks multiprocessing for, in order."""
    import multiprocessing

    found: list[str | None] = []
    get_context = multiprocessing.get_context

    def recorded(method: str | None = None) -> object:
        found.append(method)
        return get_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", recorded)
    return found


def test_the_workers_are_forked_on_linux(
    folder: Path, asked: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Linux the workers are forked, whatever Python's default (forkserver from 3.14): they
    inherit the modules, factor sets and units the first input loaded instead of loading them each."""
    import threading

    # as in a run of the command, whose one thread is the main one (threads of other tests may run here)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    before = ghgcalc(folder, "compute", "towns", "-f", "csv", "--jobs", "1")
    assert asked == []  # no pool for one job
    run = ghgcalc(folder, "compute", "towns", "-f", "csv", "--jobs", "2")
    assert asked[:1] == (["fork"] if sys.platform == "linux" else [None])
    assert run.stdout == before.stdout and run.code == before.code


@pytest.mark.skipif(sys.platform != "linux", reason="fork is Linux's")
def test_the_workers_are_not_forked_while_another_thread_runs(folder: Path, asked: list[str | None]) -> None:
    # a fork copies only the calling thread: a lock another thread holds would stay locked in a worker
    import threading

    before = ghgcalc(folder, "compute", "towns", "-f", "csv", "--jobs", "1")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        run = ghgcalc(folder, "compute", "towns", "-f", "csv", "--jobs", "2")
    finally:
        stop.set()
        other.join()
    assert asked[:1] == ["forkserver"]
    assert run.stdout == before.stdout and run.code == before.code


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", ""])
def test_a_number_of_jobs_that_is_not_one_or_more_is_a_usage_error(folder: Path, value: str) -> None:
    for command in ("compute", "validate"):
        run = ghgcalc(folder, command, "towns", f"--jobs={value}")
        assert run.code == 2, run
        assert "--jobs" in run.stderr and "Traceback" not in run.stderr
        assert run.stdout == ""


def test_thai_stays_thai_in_the_workers(folder: Path) -> None:
    one = ghgcalc(folder, "compute", "towns", "-f", "csv", "--lang", "th", "--jobs", "1")
    two = ghgcalc(folder, "compute", "towns", "-f", "csv", "--lang", "th", "--jobs", "2")
    assert two.code == INPUT_ERRORS, two
    messages = [p.message for p in issues(two.stderr)]
    assert messages and all(THAI.search(m) for m in messages), messages
    assert "error[" in two.stderr  # the codes stay English
    assert one.stdout == two.stdout and one.stderr == two.stderr


def test_no_progress_bar_when_standard_error_is_not_a_terminal(folder: Path) -> None:
    """A script's or CI log's standard error holds the messages and nothing else (a real process,
    so that the pool's workers and the bar would show if they printed)."""
    many = folder / "many"
    many.mkdir()
    for number in range(60):  # past the count that shows a bar on a terminal
        write(many, f"town-{number:02d}.yaml", town(number * 77 + 1))  # none broken (77n + 1 is 1 after 7 and after 11)
    run = ghgcalc_process(folder, "compute", "many", "-f", "csv", "--jobs", "2")
    assert run.code == OK, run
    assert run.stderr == ""
    assert run.stdout.count("\n") > 60


def test_the_usage_error_of_jobs_is_thai_with_lang_th(folder: Path) -> None:
    run = ghgcalc(folder, "compute", "towns", "--jobs", "0", "--lang", "th")
    assert run.code == 2, run
    assert "--jobs 0 ไม่ใช่จำนวนงานที่ทำพร้อมกัน" in run.stderr
    assert "is not a number of jobs" not in run.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_run_on_a_terminal_shows_a_bar_and_yields_every_outcome(monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of the test above: on a terminal, past 50 inputs, the bar is drawn."""
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    items = list(range(batch.LONG_RUN_INPUTS + 10))
    assert list(batch._with_progress(iter(items), len(items))) == items
    assert "computing" in screen.getvalue()
    short = Terminal()
    monkeypatch.setattr(sys, "stderr", short)
    assert list(batch._with_progress(iter(range(3)), 3)) == [0, 1, 2]
    assert short.getvalue() == ""  # a short, quick run: no bar


def test_a_worker_sends_a_factor_set_once_then_by_its_name(folder: Path) -> None:
    """A factor set is a hundred times the rest of a small result: a worker sends it with its first
    result only, and the parent puts the one copy it kept back into the later ones."""
    import pickle

    from ghgcalc import api

    files = api.expand_inputs([str(folder / "towns")])
    batch._start(batch.Work(api.Options()))
    batch._worker.pop("sent", None)
    first, second = batch._one_in_worker(files[1]), batch._one_in_worker(files[2])
    assert first.result.factor_sets and second.result.factor_sets
    assert all(isinstance(s, tuple) for s in second.result.factor_sets)  # names, not the sets
    assert len(pickle.dumps(second)) * 5 < len(pickle.dumps(first))
    shared: dict[tuple[object, ...], object] = {}
    got = [batch._share_factor_sets(o, shared).result for o in (first, second)]
    assert got[1].factor_sets == got[0].factor_sets == api.compute_file(files[2]).result.factor_sets
    assert all(a is b for a, b in zip(got[0].factor_sets, got[1].factor_sets, strict=True))
    batch._worker.pop("sent", None)


def test_a_batch_keeps_what_lives_through_the_run_out_of_the_garbage_collector(folder: Path) -> None:
    import gc

    from ghgcalc import api

    files = api.expand_inputs([str(folder / "towns")])
    found = batch.outcomes(files, api.Options(), 1)
    next(found), next(found)
    assert gc.get_freeze_count() > 0  # the modules, factor sets and units loaded by the first input
    list(found)
    assert gc.get_freeze_count() == 0  # given back when the batch ends


def test_a_run_chooses_each_factor_once_for_all_its_inventories(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of inventories ask for the same few factors: the second inventory of a run with
    the same sets, period and language reuses the first one's choices; another period does not."""
    from ghgcalc import api
    from ghgcalc.core.resolve import Catalogue

    asked: list[str] = []
    resolve = Catalogue._resolve

    def counted(self: Catalogue, key: str, *rest: object) -> object:
        asked.append(key)
        return resolve(self, key, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(Catalogue, "_resolve", counted)
    options = api.Options()
    towns = folder / "towns"
    api.compute_file(str(towns / "town-01.yaml"), options)  # 2024
    first = len(asked)
    assert first == 2  # diesel-stationary and electricity-grid
    api.compute_file(str(towns / "town-02.yaml"), options)  # 2024 again
    assert len(asked) == first
    api.compute_file(str(towns / "town-05.yaml"), options)  # 2567 (B.E.): its messages name its year
    assert len(asked) == 2 * first
    alone = api.compute_file(str(towns / "town-02.yaml"))  # a run of its own gives the same result
    assert alone.result == api.compute_file(str(towns / "town-02.yaml"), options).result


def test_a_run_finds_each_list_of_factor_sets_and_each_factors_weights_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's inventories name the same factor sets and use the same factors: the sets of a list
    are looked up, and a factor's gas weights worked out, for the first inventory only; an
    inventory that declares a gas of its own weighs its factors anew, and a run of its own gives
    the same result."""
    from ghgcalc import api, gwp
    from ghgcalc.io.factor_store import FactorStore

    selected: list[object] = []
    weighed: list[str] = []
    select, edition_weights = FactorStore.select, gwp.edition_weights

    def counted_select(self: FactorStore, ref: object) -> object:
        selected.append(ref)
        return select(self, ref)  # type: ignore[arg-type]

    def counted_weights(gas: str, *rest: object) -> object:
        weighed.append(gas)
        return edition_weights(gas, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(FactorStore, "select", counted_select)
    monkeypatch.setattr(gwp, "edition_weights", counted_weights)
    options = api.Options()
    towns = folder / "towns"
    first = api.compute_file(str(towns / "town-01.yaml"), options)
    sets, weights = len(selected), len(weighed)
    assert sets >= 1 and weights >= 2  # diesel's gases and the grid's
    api.compute_file(str(towns / "town-02.yaml"), options)
    api.compute_file(str(towns / "town-05.yaml"), options)  # another period: the same sets and factors
    assert (len(selected), len(weighed)) == (sets, weights)
    declares = town(1) + "gases:\n  - name: XG-1\n    gwp: {AR5: 100}\n    source: this test\n"
    write(towns, "declares.yaml", declares)
    assert api.compute_file(str(towns / "declares.yaml"), options).result is not None
    assert len(weighed) == 2 * weights
    assert api.compute_file(str(towns / "town-01.yaml")).result == first.result


def test_a_folder_gives_the_inventories_pathlib_would_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder is listed with os.scandir, each input named as str(Path(folder) / name) names it:
    inventories only (a suffix as Path.suffix reads it, in any case): files, links to files, and a
    link to nothing, which is reported when it is read, never passed over in silence."""
    from ghgcalc import api

    towns = tmp_path / "towns"
    towns.mkdir()
    for name in ("a.yaml", "B.YML", "c.xlsx", ".yaml", "d.yaml.txt", "e.", "f.Yaml"):
        write(towns, name, "x")
    (towns / "folder.yaml").mkdir()
    (towns / "link.yaml").symlink_to(towns / "a.yaml")
    (towns / "dangling.yaml").symlink_to(towns / "gone.yaml")
    expected = ["B.YML", "a.yaml", "c.xlsx", "dangling.yaml", "f.Yaml", "link.yaml"]
    monkeypatch.chdir(tmp_path)
    for given in (str(towns), f"{towns}/", "towns", "./towns", "towns//"):
        assert api.expand_inputs([given]) == [str(Path(given) / name) for name in expected], given
    monkeypatch.chdir(towns)
    assert api.expand_inputs(["."]) == expected


def test_validate_keeps_no_results(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """validate needs only each input's problems: its outcomes come back without results, from a
    worker too (none travels back pickled), and it prints what it printed with them."""
    import threading

    before = {jobs: ghgcalc(folder, "validate", "towns", "--jobs", jobs) for jobs in ("1", "2")}
    outcomes = batch.outcomes
    seen: list[object] = []

    def watched(*args: object, **kwargs: object) -> Iterator[object]:
        for outcome in outcomes(*args, **kwargs):  # type: ignore[arg-type]
            seen.append(outcome)
            yield outcome

    monkeypatch.setattr(batch, "outcomes", watched)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as in a run of the command (forked workers)
    for jobs in ("1", "2"):
        seen.clear()
        run = ghgcalc(folder, "validate", "towns", "--jobs", jobs)
        assert (run.code, run.stderr) == (before[jobs].code, before[jobs].stderr) == (INPUT_ERRORS, before["1"].stderr)
        assert len(seen) == 31 and all(getattr(o, "result", 0) is None for o in seen)
    # the comparison can fail: compute keeps its results for a table
    seen.clear()
    ghgcalc(folder, "compute", "towns", "-f", "md", "--jobs", "1")
    assert any(getattr(o, "result", None) is not None for o in seen)


@pytest.mark.parametrize("form", ["csv", "jsonl"])
def test_a_streamed_batch_leaves_nothing_in_the_temporary_folder(
    folder: Path, form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The spool's folder is the run's own and is gone when the run ends, after a batch with broken
    inputs, on one core or two."""
    import tempfile
    import threading

    temporary = folder / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as in a run of the command (forked workers)
    seen: list[str] = []
    spool_init = Spool.__init__

    def watched(self: Spool) -> None:
        spool_init(self)
        seen.append(self.folder)

    monkeypatch.setattr(Spool, "__init__", watched)
    one = ghgcalc(folder, "compute", "towns", "-f", form, "--jobs", "1")
    two = ghgcalc(folder, "compute", "towns", "-f", form, "--jobs", "2")
    assert one.code == two.code == INPUT_ERRORS and one.stdout == two.stdout and one.stdout.count("\n") > 30
    assert len(seen) == 2 and all(Path(name).parent == temporary for name in seen)  # the test can fail
    assert list(temporary.iterdir()) == []


STOPS = {  # how a run is stopped -> (to the whole process group, exit code, last line)
    "ctrl-c": ("SIGINT", True, 130, "ghgcalc: interrupted"),  # a terminal sends it to every process
    "kill": ("SIGTERM", False, 143, "ghgcalc: terminated"),  # `kill PID`, a CI job cancelled: the main one
}


@pytest.mark.skipif(sys.platform == "win32", reason="a process group and POSIX signals")
@pytest.mark.parametrize(("name", "group", "code", "last"), STOPS.values(), ids=STOPS.keys())
def test_a_streamed_batch_stopped_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, name: str, group: bool, code: int, last: str
) -> None:
    """Ctrl-C, or SIGTERM, while the workers compute: the shell's exit code, one line, no traceback
    (of the command or of a worker), and the spool's folder gone. The batch is kept busy by a large
    inventory (130,000 lines) after 300 files."""
    import os
    import signal
    import subprocess
    import time

    towns = tmp_path / "towns"
    towns.mkdir()
    for number in range(300):
        write(towns, f"town-{number:03d}.yaml", town(number % 3))
    line = "  - {activity: diesel-mobile, amount: 100, unit: L}\n"
    write(tmp_path, "waiting.yaml", town(0).split("activities:")[0] + "activities:\n" + line * 130_000)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ghgcalc", "compute", "towns", "waiting.yaml", "-f", "csv", "--jobs", "2"],
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: SIGINT to all of it, as a terminal's Ctrl-C
    )
    try:
        waited = time.monotonic()
        # (a loaded CI machine may take a while; a run that ended says why)
        while not list(temporary.iterdir()) and proc.poll() is None and time.monotonic() - waited < 120:
            time.sleep(0.05)
        if not list(temporary.iterdir()):
            _, err = proc.communicate(timeout=60) if proc.poll() is not None else (None, b"still running")
            raise AssertionError(f"the batch never made its spool (exit {proc.poll()}): {err.decode()[-2000:]}")
        time.sleep(1)  # the workers are busy by now, one of them on the large inventory
        stop = getattr(signal, name)
        if group:
            os.killpg(proc.pid, stop)
        else:
            proc.send_signal(stop)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    stderr = err.decode()
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr and stderr.strip().splitlines()[-1] == last
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("form", ["csv", "jsonl"])
def test_a_batch_to_csv_or_jsonl_holds_one_result_at_a_time(
    folder: Path, form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays flat as inputs are added: each result is shaped into what the output needs,
    written to the spool and dropped as it comes (none of the earlier ones is alive when the next
    arrives), a worker sends back no result at all, and the output is the same."""
    import gc
    import threading
    import weakref

    from ghgcalc.cli import compute

    before = ghgcalc(folder, "compute", "towns", "-f", form, "--jobs", "1")
    shaped, keep = compute.shaped, compute.Streamed.keep
    earlier: list[weakref.ref[object]] = []
    alive: list[int] = []
    kept: list[object] = []

    def watched_shape(csv: bool, outcome: object) -> object:
        result = getattr(outcome, "result", None)
        if result is not None:
            earlier.append(weakref.ref(result))
        return shaped(csv, outcome)

    def watched_keep(self: compute.Streamed, found: tuple[object, object, bool]) -> object:
        gc.collect()
        alive.append(sum(1 for ref in earlier[:-1] if ref() is not None))
        kept.append(found[0])
        return keep(self, found)

    monkeypatch.setattr(compute, "shaped", watched_shape)
    monkeypatch.setattr(compute.Streamed, "keep", watched_keep)
    # the watching function is this test's own: only forked workers have it (a fork server's are
    # sent it pickled), and threads of other tests may run in this process
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    for jobs in ("1", "2"):
        earlier.clear()
        kept.clear()
        run = ghgcalc(folder, "compute", "towns", "-f", form, "--jobs", jobs)
        assert len(kept) == 31 and all(getattr(o, "result", 0) is None for o in kept)
        assert run.stdout == before.stdout and run.stderr == before.stderr and run.code == before.code
    assert alive and set(alive) == {0}, alive  # --jobs 1: every result shaped here, none kept


def test_a_batchs_csv_cells_are_guarded_where_they_are_computed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The formula guard of a batch's CSV runs where each entry is computed (a worker, with --jobs),
    when its record is made; writing the records guards nothing again, and gives to_csv's text."""
    from ghgcalc import api
    from ghgcalc.io import writers

    files = api.expand_inputs([str(folder / "towns")])
    outcomes = [api.compute_file(f) for f in files]
    entries = [o.result if o.result is not None else _failed(o) for o in outcomes]
    expected = writers.to_csv(entries)
    records = [writers.csv_record(e) for e in entries]
    layout = writers.CsvLayout()
    for record in records:
        layout.add(record)

    guard, guarded = writers._guarded, []

    def counted(values: list[object]) -> tuple[list[object], bool]:
        guarded.append(values)
        return guard(values)  # type: ignore[arg-type]

    monkeypatch.setattr(writers, "_guarded", counted)
    written = "".join(writers.csv_record_chunks(records, layout))
    assert written == expected
    assert guarded == [written.splitlines()[0].split(",")]  # the header alone


def test_a_batch_whose_gases_grow_writes_its_first_records_from_their_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each record's rows are made as text under the gases its process has seen so far: the first
    inventories here have grid electricity alone (CO2e), the later ones diesel too (CO2, CH4, N2O),
    so the first records' text has too few columns and they are written from their cells. The CSV
    is to_csv's, whatever --jobs."""
    from ghgcalc import api
    from ghgcalc.io import writers

    towns = tmp_path / "towns"
    towns.mkdir()
    for number in range(24):
        diesel = f"  - activity: diesel-stationary\n    amount: {50 + number}\n    unit: L\n" if number >= 12 else ""
        lines = f"{diesel}  - activity: electricity-grid\n    amount: {100 + number}\n    unit: kWh\n"
        write(towns, f"town-{number:02d}.yaml", f"ghgcalc: 1\nname: Town {number}\nperiod: 2024\nactivities:\n{lines}")
    monkeypatch.chdir(tmp_path)  # the inputs named as the run below names them
    results = [api.compute_file(f).result for f in api.expand_inputs(["towns"])]
    expected = writers.to_csv(results)
    assert expected.splitlines()[0].endswith(",t_CH4_fossil,t_CO2,t_CO2e,t_N2O")
    for jobs in ("1", "2"):
        run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv", "--jobs", jobs)
        assert run.code == OK and run.stdout == expected, run.stderr


def test_a_batchs_json_array_written_a_record_at_a_time_is_to_jsons(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's JSON array is streamed (each record written where it is computed) and is the
    array to_json writes from all the records at once, broken inputs included, whatever --jobs."""
    import threading

    from ghgcalc import api
    from ghgcalc.cli.compute import _entry
    from ghgcalc.io import writers

    monkeypatch.chdir(folder)  # the inputs named as the run below names them
    expected = writers.to_json([_entry(api.compute_file(f)) for f in api.expand_inputs(["towns"])], as_array=True)
    assert '"status": "errors"' in expected and '"status": "ok"' in expected
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as in a run of the command (forked workers)
    for jobs in ("1", "2"):
        run = ghgcalc(folder, "compute", "towns", "-f", "json", "--jobs", jobs)
        assert run.code == INPUT_ERRORS and run.stdout == expected


def _failed(outcome: object) -> object:
    from ghgcalc.cli.compute import _entry

    return _entry(outcome)


@pytest.mark.skipif(sys.platform != "linux", reason="a file size limit (RLIMIT_FSIZE) of Linux")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_whose_temporary_folder_takes_no_more_says_so(tmp_path: Path, jobs: str) -> None:
    """The spool lies in the system's temporary folder: when it can take no more (here a file size
    limit; a full disk or a quota alike), the run says so and where, exit 2, and writes nothing,
    whether the worker or the main process was writing."""
    towns = tmp_path / "towns"
    towns.mkdir()
    for number in range(400):
        write(towns, f"town-{number:03d}.yaml", town(number % 3))  # no errors (0, 1, 2 compute)
    temporary = tmp_path / "tmp"
    temporary.mkdir()

    code, stderr = run_with_file_size_limit(tmp_path, temporary, "compute", "towns", "-f", "csv", "--jobs", jobs)
    assert code == USAGE and "Traceback" not in stderr, stderr
    assert f"cannot keep the batch's output in the temporary folder {temporary}: File too large" in stderr
    assert "TMPDIR" in stderr and list(temporary.iterdir()) == []


def test_a_file_named_twice_is_computed_once(folder: Path) -> None:
    """`towns towns/town-05.yaml`, or `a.yaml ./a.yaml`: one record for the file, whatever the
    format and --jobs, and a warning at the later name (in the diagnostics too); a link in the
    folder is a second name as well."""
    once = ghgcalc(folder, "compute", "towns", "-f", "csv")
    for jobs in ("1", "2"):
        twice = ghgcalc(
            folder,
            "compute",
            "towns",
            "./towns/town-05.yaml",
            "-f",
            "csv",
            "--jobs",
            jobs,
            "--diagnostics",
            f"d{jobs}.jsonl",
        )
        assert twice.code == once.code and twice.stdout == once.stdout
        assert "./towns/town-05.yaml: warning[input-repeated]: the same file as towns/town-05.yaml" in twice.stderr
        records = [json.loads(line) for line in (folder / f"d{jobs}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {"file": "./towns/town-05.yaml", "code": "input-repeated"}.items() <= records[0].items()
    checked = ghgcalc(folder, "validate", "towns/town-05.yaml", "towns/town-05.yaml")
    assert checked.stderr.count("town-05.yaml: ok") == 1 and "1 file(s)" in checked.stderr
    if sys.platform != "win32":
        (folder / "towns" / "zz-link.yaml").symlink_to("town-05.yaml")
        linked = ghgcalc(folder, "compute", "towns", "-f", "csv")
        assert linked.stdout == once.stdout and "towns/zz-link.yaml: warning[input-repeated]" in linked.stderr


# The command, with one input that kills the worker process computing it (as the system's
# out-of-memory killer ends the process that holds the most memory): the run is the real CLI's.
_KILLED_BY_ONE_INPUT = """
import os, signal, sys
from ghgcalc import api
from ghgcalc.cli import run
main, computed = os.getpid(), api.compute_file
def compute_file(path, *args, **kwargs):
    if path.endswith("town-17.yaml") and os.getpid() != main:
        os.kill(os.getpid(), signal.SIGKILL)
    return computed(path, *args, **kwargs)
api.compute_file = compute_file
sys.argv = ["ghgcalc", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize("command", ["compute", "validate", "summary"])
def test_a_worker_killed_by_the_system_stops_the_run_and_says_so(folder: Path, command: str) -> None:
    """A worker that dies (killed: out of memory, an administrator) took inputs with it that never
    come back: the run stops and says so, exit 2, with nothing written, instead of waiting for
    them for ever."""
    import subprocess

    extra = ["-o", "all.csv"] if command != "validate" else []
    proc = subprocess.run(
        [sys.executable, "-c", _KILLED_BY_ONE_INPUT, command, "towns", "--jobs", "2", *extra],
        cwd=folder,
        capture_output=True,
        timeout=30,
        check=False,
    )
    stderr = proc.stderr.decode()
    assert proc.returncode == USAGE and "Traceback" not in stderr, stderr
    assert "a worker process stopped (killed by the system, signal 9)" in stderr, stderr
    assert "--jobs 1" in stderr.splitlines()[-1], stderr
    assert not (folder / "all.csv").exists() and proc.stdout == b""


def test_a_failed_batch_stops_its_pool_even_when_the_pools_own_teardown_waits_for_ever(monkeypatch) -> None:
    """A pool's teardown waits for ever when it stopped a worker that was sending an outcome (the
    worker dies holding the outcomes' queue's lock): a batch whose temporary folder filled up hung,
    about one run in thirty on two busy cores. A failed run waits STOP_SECONDS for the teardown,
    then kills the workers and goes on to say what failed."""
    import multiprocessing
    import threading
    import time

    monkeypatch.setattr(batch, "STOP_SECONDS", 0.2)
    stuck = threading.Event()

    class StuckPool:
        def terminate(self) -> None:
            stuck.wait()  # as Pool.terminate joining a thread blocked on a dead worker's lock

    before = set(multiprocessing.active_children())
    worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,), daemon=True)
    worker.start()
    started = time.monotonic()
    try:
        batch._stop(StuckPool(), before)
        assert time.monotonic() - started < 5
        assert not worker.is_alive() and worker.exitcode is not None
    finally:
        stuck.set()
        if worker.is_alive():
            worker.kill()
