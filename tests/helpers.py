"""Helpers of the CLI tests: run ghgcalc (in-process or in a subprocess) and read what it printed.

The contract (docs/cli.md):

- exit 1 when an input has errors, each printed on stderr as
  `bad.yaml:7:5: error[code]: message` (then `  hint: ...` where a hint helps);
- exit 2 for usage errors (missing file, unknown option, unknown factor set);
- results on stdout only, diagnostics on stderr; no partial result for a file that failed;
- "A Python traceback is never the answer to bad input."
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INPUT_ERRORS = 1
USAGE = 2
TIMEOUT_S = 60
# A billion-laughs document must be refused after bounded work: well under this, including
# the ~0.5 s it takes Python to start ghgcalc.
ALIAS_BOMB_BUDGET_S = 3.0


# --------------------------------------------------------------------------------------------
# Running the CLI and reading what it printed


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    seconds: float

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return (
            f"ghgcalc {' '.join(self.args)} -> exit {self.code}\n--- stdout ---\n{self.stdout[:3000]}"
            f"\n--- stderr ---\n{self.stderr[:3000]}"
        )


def ghgcalc(cwd: Path, *args: str, stdin: bytes | None = None, timeout: float = TIMEOUT_S) -> Run:
    """The CLI in this process (`ghgcalc.cli.main`), run from `cwd`: the same boundary, exit codes
    and streams as the installed command, at a fraction of a subprocess's cost. `timeout` is
    accepted for the same call as `ghgcalc_process`; only a subprocess can be stopped."""
    from ghgcalc.cli import main

    started = time.monotonic()
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr, os.getcwd()
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        os.chdir(cwd)
        code = main(list(args))
    finally:
        for stream in streams[1:]:
            stream.flush()
        sys.stdin, sys.stdout, sys.stderr, folder = saved
        os.chdir(folder)
    run = Run(
        tuple(args),
        code,
        out.getvalue().decode("utf-8", "replace"),
        err.getvalue().decode("utf-8", "replace"),
        time.monotonic() - started,
    )
    assert "Traceback" not in run.stdout + run.stderr, f"a traceback reached the user\n{run}"
    assert "internal error" not in run.stderr, f"bad input was reported as a bug in ghgcalc\n{run}"
    return run


def ghgcalc_process(cwd: Path, *args: str, stdin: bytes | None = None, timeout: float = TIMEOUT_S) -> Run:
    """The installed command in a subprocess: for tracebacks, resource limits, signals, encodings
    and start-up, which only a real process shows."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "ghgcalc", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    run = Run(
        tuple(args),
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )
    assert "Traceback" not in run.stdout + run.stderr, f"a traceback reached the user\n{run}"
    assert "internal error" not in run.stderr, f"bad input was reported as a bug in ghgcalc\n{run}"
    return run


@dataclass(frozen=True)
class Printed:
    """One diagnostic as printed on stderr."""

    location: str | None
    severity: str
    code: str
    message: str
    hint: str | None


_ISSUE = re.compile(r"^(?:(?P<loc>.+?): )?(?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<msg>.*)$")


def issues(stderr: str) -> list[Printed]:
    found: list[Printed] = []
    lines = stderr.splitlines()
    for index, line in enumerate(lines):
        match = _ISSUE.match(line)
        if not match:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        hint = following[len("  hint: ") :] if following.startswith("  hint: ") else None
        found.append(Printed(match["loc"], match["sev"], match["code"], match["msg"], hint))
    return found


def at(text: str, marker: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `marker` in `text`."""
    position = -1
    for _ in range(occurrence):
        position = text.index(marker, position + 1)
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


ANY = "any"  # the location must name the file and a line and column, whichever


def assert_input_error(
    run: Run,
    file: str,
    code: str | tuple[str, ...],
    where: tuple[int, int] | tuple[int, None] | str | None,
    hint: str | None = None,
    message: str | None = None,
) -> Printed:
    """Exit 1, the issue printed with its location (and hint), and no result on stdout.

    `where`: (line, column); (line, None) for "this line, any column"; ANY for "some line and
    column"; None for an issue about the whole file (`data.yaml: error[...]`). `hint=""` asks
    only that a hint is printed.
    """
    codes = (code,) if isinstance(code, str) else code
    assert run.code == INPUT_ERRORS, f"expected exit {INPUT_ERRORS}\n{run}"
    printed = [p for p in issues(run.stderr) if p.code in codes and p.severity == "error"]
    assert printed, f"no error[{'|'.join(codes)}] on stderr\n{run}"
    if where is None:
        expected = [p for p in printed if p.location == file]
        assert expected, f"expected the issue at {file!r} (the whole file)\n{run}"
    elif where == ANY:
        expected = [p for p in printed if p.location and re.fullmatch(rf"{re.escape(file)}:\d+:\d+", p.location)]
        assert expected, f"expected the issue at {file}:LINE:COLUMN\n{run}"
    else:
        line, column = where  # type: ignore[misc]
        pattern = rf"{re.escape(file)}:{line}:" + (str(column) if column is not None else r"\d+")
        expected = [p for p in printed if p.location and re.fullmatch(pattern, p.location)]
        shown = f"{file}:{line}:{column if column is not None else 'COLUMN'}"
        assert expected, f"expected error[{'|'.join(codes)}] at {shown}\n{run}"
    issue = expected[0]
    if hint is not None:
        assert issue.hint is not None, f"expected a hint containing {hint!r}\n{run}"
        assert hint.lower() in issue.hint.lower(), f"expected a hint containing {hint!r}\n{run}"
    if message is not None:
        assert message.lower() in issue.message.lower(), f"expected a message containing {message!r}\n{run}"
    assert_no_result(run)
    return issue


def assert_no_result(run: Run) -> None:
    """Nothing on stdout but, at most, an empty JSON array: no partial result of a failed input."""
    assert run.stdout.strip() in ("", "[]"), f"stdout holds a result although the input failed\n{run}"


def assert_usage_error(run: Run, *mentions: str) -> None:
    assert run.code == USAGE, f"expected exit {USAGE} (usage error)\n{run}"
    assert run.stdout.strip() == "", f"a usage error printed something on stdout\n{run}"
    for text in mentions:
        assert text.lower() in run.stderr.lower(), f"expected {text!r} on stderr\n{run}"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="\n")
    else:
        path.write_bytes(content)
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every regular file under `folder` (relative path -> sha256), to prove a run changed nothing."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# --------------------------------------------------------------------------------------------
# A user's own factor set (docs/factor-sets.md): a folder myf/<id>/<version> with set.yaml and factors.csv

FACTOR_HEADER = (
    "key,name_en,name_th,category,scope,per,gas,value,published_kgco2e,valid_from,valid_to,ncv,density,source,notes\n"
)
# An inventory that uses the set own_factor_set() writes by default, for 100 L of its boiler-diesel
USES_OWN_SET = (
    "ghgcalc: 1\nname: T\nperiod: 2024\nfactors: [my-boilers, tgo-cfo]\nactivities:\n"
    "  - {activity: boiler-diesel, amount: 100, unit: L}\n"
)


def own_set_yaml(
    sha: str, *, set_id: str = "my-boilers", version: str = "2024", title: str = "Our boiler factors"
) -> str:
    """The set.yaml of a set with one table, factors.csv, recorded with `sha` (line 8: `- file:`)."""
    return (
        f'id: {set_id}\nversion: "{version}"\ntitle: {title}\npublisher: Example Municipality\n'
        f"published: 2024-01-01\ngwp_basis: AR5\ntables:\n  - file: factors.csv\n    sha256: {sha}\n"
    )


def own_factor_set(
    root: Path,
    table: str | bytes,
    *,
    set_id: str = "my-boilers",
    version: str = "2024",
    title: str = "Our boiler factors",
    meta: str | None = None,
    record_hash: bool = True,
) -> Path:
    """Write `table` as root/myf/<set_id>/<version>/factors.csv (a str as UTF-8) and its set.yaml:
    `meta` as given, else own_set_yaml() with the table's sha256 (or "x" without `record_hash`).
    Returns the version folder."""
    folder = root / "myf" / set_id / version
    folder.mkdir(parents=True)
    data = table.encode("utf-8") if isinstance(table, str) else table
    write(folder, "factors.csv", data)
    if meta is None:
        digest = hashlib.sha256(data).hexdigest() if record_hash else "x"
        meta = own_set_yaml(digest, set_id=set_id, version=version, title=title)
    write(folder, "set.yaml", meta)
    return folder


def csv_writer_text(header: list[str], rows: list[list[object]]) -> str:
    """A CSV as csv.writer writes it from every cell through the formula guard (writers._cell), a row
    with a carriage return fully quoted: what ghgcalc's own CSV writers must give, byte for byte."""
    import csv

    from ghgcalc.io import writers

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    for values in (header, *rows):
        cells = [writers._cell(value) for value in values]
        if any(isinstance(value, str) and "\r" in value for value in cells):
            quoted.writerow(cells)
        else:
            writer.writerow(cells)
    return buffer.getvalue()


# --- Workbooks of an Activities sheet's layouts and slips (tests/io_excel) ---------------------------

CALENDAR_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ACTIVITY_HEADER = ["Activity", "Scope", "Label", "Unit", "ID", *CALENDAR_MONTHS, "Total"]  # months F..Q, Total R
GRID_T_PER_KWH = 0.4999 / 1000  # tgo-cfo@2022-04 electricity-grid: 0.4999 kg CO2e per kWh


def activities_workbook(
    path: Path,
    rows: list[list[Any]],
    header: list[Any] | None = None,
    fields: list[list[Any]] | None = None,
    inventory: str = "Inventory",
) -> Any:
    """An inventory workbook at `path`: its Inventory sheet (named `inventory`) with `fields` (a
    period of 2567 by default), its Activities sheet with `header` and `rows`; the openpyxl book."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = inventory
    for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "Town"], *(fields or [["period", 2567]])):
        sheet.append(row)
    activities = book.create_sheet("Activities")
    activities.append(header or ACTIVITY_HEADER)
    for row in rows:
        activities.append(row)
    book.save(path)
    return book


def meter_row(activity: str | None, label: str | None, unit: str | None, month: float) -> list[Any]:
    """A row of ACTIVITY_HEADER: twelve months of `month`, no total."""
    return [activity, None, label, unit, None, *[month] * 12, None]


def issues_coded(run: Run, code: str) -> list[Printed]:
    return [p for p in issues(run.stderr) if p.code == code]


def total_of(run: Run) -> float:
    return float(json.loads(run.stdout)["total_t_co2e"])


def run_with_file_size_limit(cwd: Path, temporary: Path, *args: str, limit: int = 200_000) -> tuple[int, str]:
    """`python -m ghgcalc ARGS` in `cwd`, with `temporary` as TMPDIR and no file larger than `limit`
    bytes (RLIMIT_FSIZE, Linux): a temporary folder that takes no more, as a full disk or a quota.
    Its exit code and standard error; standard output must be empty."""
    import resource

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run(
        [sys.executable, "-m", "ghgcalc", *args],
        cwd=cwd,
        env={**os.environ, "TMPDIR": str(temporary)},
        capture_output=True,
        preexec_fn=limited,
        timeout=60,
        check=False,
    )
    assert proc.stdout == b"", proc.stdout[:200]
    return proc.returncode, proc.stderr.decode()
