"""Many inputs in one run: computed on every core (`--jobs`), in input order, with a progress bar
on a terminal.

`outcomes` yields exactly what computing the files one by one in this process would, in the same
order, so the output of `--jobs 4` is byte for byte that of `--jobs 1`. The workers compute; the
main process prints every message and writes every output. A pool only pays past a few inputs
(each worker starts once, and every outcome travels back pickled), so small runs stay in-process.
An outcome travels light: a factor set (a hundred times the rest of a small result) goes from a
worker once, and after that by its name, version and hash.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, NamedTuple

from ghgcalc import i18n
from ghgcalc.errors import UsageError
from ghgcalc.i18n import N_, tr

FEWEST_FOR_POOL = 8  # below this the pool's start-up costs more than it saves
LONG_RUN_INPUTS = 50  # a run this long shows a progress bar at once (on a terminal)
LONG_RUN_SECONDS = 2.0  # a shorter one shows it once it has taken this long
JOBS_HELP = N_("Inputs computed at the same time; default: the machine's cores. 1 computes them one after another.")
STDIN = "-"


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_jobs(value: str | None) -> int:
    """--jobs N: a whole number of at least 1 (else a usage error); the cores when not given."""
    if value is None:
        return default_jobs()
    text = value.strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(
            tr("--jobs {value} is not a number of jobs", value=value),
            tr("give a whole number of 1 or more, e.g. --jobs 4; --jobs 1 computes one input at a time"),
        )
    return int(text)


def outcomes(
    paths: list[str],
    options: Any,
    jobs: int,
    compare: tuple[str, ...] = (),
    shape: Callable[[Any], Any] | None = None,
    passable: frozenset[str] = frozenset(),
) -> Generator[Any, None, None]:
    """Each input's outcome (api.Outcome, or api.CompareOutcome with `compare`), in input order; or
    what `shape` (a function a worker can be sent: one of a module, or a partial of one) makes of
    it where it was computed, so that only what the output needs travels back from a worker. An
    input of `passable` that is a plan or a summary ghgcalc wrote comes as an api.PassedOver
    instead (found where it is read: no input is read twice). A caller that may stop early closes
    it (contextlib.closing): that stops the workers at once, where a generator left to the garbage
    collector would keep them, and the pool's threads, alive."""
    found = _computed(paths, Work(options, compare, shape, passable), jobs)
    if not sys.stderr.isatty():
        yield from found
        return
    yield from _with_progress(found, len(paths))


class Work(NamedTuple):
    """What each input of a run is done with, in this process and in each worker: the options, the
    factor versions to compare with (compare_file), what shapes an outcome (see outcomes) and the
    files that are passed over when they are no inventory."""

    options: Any
    compare: tuple[str, ...] = ()
    shape: Callable[[Any], Any] | None = None
    passable: frozenset[str] = frozenset()


def _computed(paths: list[str], work: Work, jobs: int) -> Iterator[Any]:
    _start(work)  # the same function the workers run
    if not paths:
        return
    # The first input is computed here: it loads the factor sets, units and models (which forked
    # workers then inherit instead of each loading them again). They live as long as the run, so
    # they are kept out of the garbage collector's passes (frozen), which otherwise walk them again
    # and again as the run makes and drops each input's objects; frozen before the first outcome is
    # used, so that writing one large input's output does not walk its objects either.
    from ghgcalc import api

    with api.collector_paused():  # frozen before the collector runs again: it never walks them
        first = _one(paths[0])
        gc.freeze()
    try:
        yield first
        del first
        if jobs <= 1 or len(paths) < FEWEST_FOR_POOL or STDIN in paths:
            for path in paths[1:]:
                yield _one(path)
        else:
            yield from _pooled(paths[1:], work, jobs)
    finally:
        gc.unfreeze()


def _pooled(rest: list[str], work: Work, jobs: int) -> Iterator[Any]:
    # Inputs go to a worker, and come back, up to 128 at a time: the pool's thread that looks after
    # its workers wakes whenever a result waits to be read and spins until it is read, so fewer,
    # larger messages spare the workers' cores (in 7,850 small files that thread took about 0.13 s
    # of CPU, against 0.24 s with 32 at a time)
    chunk = max(1, min(128, len(rest) // (jobs * 4)))
    import multiprocessing  # only for a pool: every run imports this module, and start-up counts

    state = (i18n.language(), i18n.calendar(), work)
    context = multiprocessing.get_context(_start_method())
    before = set(multiprocessing.active_children())
    pool = context.Pool(min(jobs, len(rest)), initializer=_start_worker, initargs=state)
    try:
        workers = [child for child in multiprocessing.active_children() if child not in before]
        shared: dict[tuple[object, ...], Any] = {}
        # the inputs go in chunks of our own (the pool's own chunks come back through a generator,
        # which cannot wait with a time limit)
        found = pool.imap(_chunk_in_worker, [rest[at : at + chunk] for at in range(0, len(rest), chunk)])
        done = 1  # the first input was computed in this process
        while done <= len(rest):
            for outcome in _next_from(found, workers, done, len(rest) + 1):
                done += 1
                yield outcome if work.shape is not None else _share_factor_sets(outcome, shared)
    except BaseException:  # a worker's error, a full disk, Ctrl-C, a caller that stops early
        _stop(pool, before)
        raise
    pool.terminate()  # every outcome is in: the workers wait for work, and hold no lock of the outcomes


STOP_SECONDS = 2.0  # how long a failed run waits for the pool's own teardown before it stops the workers


def _stop(pool: Any, before: set[Any]) -> None:
    """Stop a pool whose run failed, in a bounded time. The pool's teardown stops its workers, then
    waits for its thread that hands out inputs, which tells the outcomes' queue it is done; a worker
    stopped while it was sending an outcome (a run that fails as its workers send theirs: a full
    temporary folder) dies holding that queue's lock, and the wait is for ever. So the teardown runs
    beside, and past STOP_SECONDS the workers are killed and it is left (its threads end with the
    process, and the pool's own clean-up at exit is spent: Pool.terminate runs once)."""
    import multiprocessing
    import threading

    stopping = threading.Thread(target=pool.terminate, name="ghgcalc-pool-stop", daemon=True)
    stopping.start()
    stopping.join(STOP_SECONDS)
    if not stopping.is_alive():
        return
    workers = [child for child in multiprocessing.active_children() if child not in before]
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join(STOP_SECONDS)


WATCH_SECONDS = 1.0  # how long a run waits for an outcome before it looks whether a worker died


def _next_from(found: Any, workers: list[Any], done: int, count: int) -> Any:
    """The next outcome of the pool's `found`; WorkerLost if one of its `workers` died meanwhile.
    A pool replaces a worker that dies (killed by the system out of memory, by an administrator),
    but the inputs it held never come back, and the run would wait for them for ever."""
    import multiprocessing

    while True:
        try:
            return found.next(timeout=WATCH_SECONDS)
        except multiprocessing.TimeoutError:
            dead = next((worker.exitcode for worker in workers if worker.exitcode is not None), None)
            if dead is not None:
                raise WorkerLost(done, count, dead) from None


class WorkerLost(UsageError):
    """A worker process died while the run waited for its inputs (exit 2: nothing is written)."""

    def __init__(self, done: int, count: int, exit_code: int) -> None:
        stopped = (
            tr("killed by the system, signal {signal}", signal=-exit_code)
            if exit_code < 0
            else tr("exit code {code}", code=exit_code)
        )
        super().__init__(
            tr(
                "a worker process stopped ({how}) with {done} of {count} input(s) computed; the run cannot finish",
                how=stopped,
                done=format(done, ","),
                count=format(count, ","),
            ),
            tr(
                "nothing was written; the system stops a process so when it runs out of memory: "
                "run again with fewer jobs (--jobs 1 computes one input at a time)"
            ),
        )


def _start_method() -> str | None:
    """Workers forked on Linux, where they inherit what the first input loaded (modules, factor
    sets, units) instead of importing and loading it again each: Python 3.14 makes forkserver the
    default there. Elsewhere the platform's default (spawn on macOS and Windows). Never while another
    thread runs (a caller's, through the API): a fork copies only this one, and locks the others
    hold would stay locked in the workers; they start from a fresh server process then."""
    import multiprocessing
    import threading

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return "fork" if threading.active_count() == 1 else "forkserver"


_worker: dict[str, Any] = {}


def _start_worker(language: str, calendar: str, work: Work) -> None:
    """A worker computes in the run's language and calendar (process-global state, see i18n), and
    leaves Ctrl-C to the main process: a terminal sends it to every process of the command, and a
    worker would print its own traceback; the main process stops the workers (closing outcomes)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool ends its workers so: quietly, not as the CLI's stop
    i18n.set_language(language)
    i18n.set_calendar(calendar)
    gc.freeze()  # what the worker inherited stays out of its collections (fewer pages copied)
    _start(work)


def _start(work: Work) -> None:
    _worker["work"] = work


def _one(path: str) -> Any:
    from ghgcalc import api

    options, compare, shape, passable = _worker["work"]
    with api.collector_paused():  # shaping too makes many objects and no cycles (see collector_paused)
        outcome = api.compare_file(path, compare, options) if compare else api.compute_file(path, options)
        if path in passable and (kind := api.document_kind(outcome)) is not None:
            return api.PassedOver(path, kind, outcome.outcome if isinstance(outcome, api.CompareOutcome) else outcome)
        return shape(outcome) if shape is not None else outcome


def _chunk_in_worker(paths: list[str]) -> list[Any]:
    from ghgcalc.io import spool

    found = [_one_in_worker(path) for path in paths]
    spool.flush()  # the entries these outcomes place, on disk before the main process hears of them
    return found


def _one_in_worker(path: str) -> Any:
    """A worker's outcome, its factor sets sent by reference once the parent has them (a shaped
    outcome travels as it is)."""
    found = _one(path)
    return found if _worker["work"].shape is not None else _with_factor_sets(found, _by_reference)


def _key(factor_set: Any) -> tuple[object, ...]:
    return (factor_set.id, factor_set.version, factor_set.sha256)


def _by_reference(factor_set: Any) -> Any:
    """The set itself the first time this worker sends it, then its key: the parent reads a
    worker's outcomes in the order the worker computed them, so it has the set by then."""
    key = _key(factor_set)
    sent = _worker.setdefault("sent", set())
    if key in sent:
        return key
    sent.add(key)
    return factor_set


def _share_factor_sets(outcome: Any, shared: dict[tuple[object, ...], Any]) -> Any:
    """The factor sets of an outcome from a worker, each one copy kept for the whole run (as a run
    in one process does), in place of the keys the worker sent for the sets it had sent before."""

    def kept(item: Any) -> Any:
        return shared[item] if isinstance(item, tuple) else shared.setdefault(_key(item), item)

    return _with_factor_sets(outcome, kept)


def _with_factor_sets(outcome: Any, change: Any) -> Any:
    """`outcome` with `change` applied to each factor set of its result."""
    from dataclasses import replace

    own = getattr(outcome, "outcome", outcome)  # a CompareOutcome holds the Outcome
    result = own.result
    if result is None:
        return outcome
    own = replace(own, result=replace(result, factor_sets=tuple(change(s) for s in result.factor_sets)))
    return replace(outcome, outcome=own) if hasattr(outcome, "outcome") else own


def _with_progress(found: Iterable[Any], count: int) -> Iterator[Any]:
    """A bar on standard error (a terminal) for a long run: at once past LONG_RUN_INPUTS inputs,
    else once the run has taken LONG_RUN_SECONDS. Messages printed meanwhile appear above it."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    started = time.monotonic()
    progress: Progress | None = None
    task: Any = None
    done = 0
    try:
        for outcome in found:
            done += 1
            long = count > LONG_RUN_INPUTS or time.monotonic() - started > LONG_RUN_SECONDS
            if progress is None and long and done < count:
                progress = Progress(
                    TextColumn(tr("computing")),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeRemainingColumn(),
                    console=Console(file=sys.stderr),
                    transient=True,
                )
                progress.start()
                task = progress.add_task("", total=count, completed=done - 1)
            yield outcome
            if progress is not None:
                progress.update(task, completed=done)
    finally:
        if progress is not None:
            progress.stop()
