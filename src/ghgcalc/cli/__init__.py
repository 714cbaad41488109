"""The `ghgcalc` command: a thin typer layer over ghgcalc.api.

This is the one place where exceptions become messages and exit codes (`main`). Commands import
their heavy dependencies (rich, pint through the core) inside the command, so `ghgcalc --help`
and `ghgcalc factors list` start fast; and a run registers only the command it runs (typer reads
the signature of every registered command on every run), all of them for the help or an unknown
name. `app`, taken from this module, has every command.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import Any

# pydantic scans every installed distribution for plugins when it builds its first model; ghgcalc
# uses none, and in shell loops over hundreds of files that scan is a large share of the run time.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from ghgcalc import __version__, i18n
from ghgcalc.errors import ExitCode, GhgcalcError, printable
from ghgcalc.i18n import N_, tr
from ghgcalc.io import catalog_cache


def _no_plugin_loader() -> None:
    """With every plugin disabled, pydantic's plugin loader (imported when the first validator is
    built) answers that there are none, but its module first imports importlib.metadata, and with
    it the email package, which nothing else of a compute needs: 2.5 % of a small compute's
    instructions. Its one function is given here, answering as it would. Plugins disabled by name
    (the variable's other form) are still looked for by pydantic's own. Anything else a pydantic
    asks of the module (a later release may) is its own: the real module is imported then."""
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] not in ("__all__", "1", "true"):
        return
    import types

    name = "pydantic.plugin._loader"
    loader = types.ModuleType(name, "No pydantic plugin (PYDANTIC_DISABLE_PLUGINS).")

    def real(attribute: str) -> object:
        if attribute.startswith("__"):  # what the import system asks of any module (__path__)
            raise AttributeError(attribute)
        import importlib

        del sys.modules[name]  # (the stand-in): the real module is imported and takes its place
        return getattr(importlib.import_module(name), attribute)

    loader.__dict__.update(get_plugins=lambda: (), __getattr__=real)
    sys.modules.setdefault(name, loader)


_no_plugin_loader()

_app = typer.Typer(
    name="ghgcalc",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"ghgcalc {__version__}")
        raise typer.Exit()


ROOT_HELP = N_("Greenhouse-gas inventories for Thai local governments and provinces (TGO CFO, IPCC 2006).")
LANG_HELP = N_(
    "Language of everything ghgcalc says: th or en (any command, before or after it). Default: the "
    "inventory's language:, else the environment's locale (LANG=th_TH...), else en."
)
CALENDAR_HELP = N_("Years in every human output: be (B.E.) or ce; default: as each input wrote them.")


def _register_root() -> None:
    """The root's help and options, in the language of the run (as each command's, `_register`)."""
    _app.info.help = tr(ROOT_HELP)

    @_app.callback()
    def _root(
        debug: bool = typer.Option(False, "--debug", help=tr("Show a traceback for internal errors.")),
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help=tr("Show the version.")
        ),
        lang: str | None = typer.Option(None, "--lang", metavar="th|en", help=tr(LANG_HELP)),
        calendar: str | None = typer.Option(None, "--calendar", metavar="be|ce", help=tr(CALENDAR_HELP)),
    ) -> None:
        _state["debug"] = debug


def _global_options(argv: list[str]) -> tuple[list[str], str | None, str | None]:
    """`--lang` and `--calendar` taken out of `argv` wherever they are (before or after the
    command); raises GhgcalcError for a value that is not one of theirs."""
    from ghgcalc.errors import UsageError

    rest: list[str] = []
    found: dict[str, str] = {}
    items = iter(argv)
    for arg in items:
        if arg == "--":
            rest.append(arg)
            rest.extend(items)
            break
        name, equals, value = arg.partition("=")
        if name in ("--lang", "--calendar"):
            if not equals:
                value = next(items, "")
            found[name] = value.strip().lower()
            continue
        rest.append(arg)
    lang, calendar = found.get("--lang"), found.get("--calendar")
    if lang is not None and lang not in i18n.LANGUAGES:
        raise UsageError(
            tr("--lang {value}: the languages are th and en", value=lang or "''"),
            tr("--lang th"),
        )
    if calendar is not None and calendar not in i18n.CALENDARS:
        raise UsageError(
            tr("--calendar {value}: the calendars are be (Buddhist Era) and ce", value=calendar or "''"),
            tr("--calendar be"),
        )
    return rest, lang, calendar


# The modules of the commands, in the order the help lists them, and the commands each registers.
_MODULES = {
    "compute": ("compute", "validate"),
    "trend": ("trend",),
    "plan": ("plan",),
    "convert": ("convert",),
    "importer": ("import",),
    "audit": ("audit",),
    "factors": ("factors",),
    "init": ("init",),
    "summary": ("summary",),
}
_COMMANDS = [command for commands in _MODULES.values() for command in commands]
_ROOT_FLAGS = frozenset({"--debug"})  # root options that let the command follow (not --help, --version)
_registered: list[str] = []


def _register(commands: set[str], sub: str | None = None) -> None:
    """Register `commands` (with those registered before), in the help's order. A module of two
    commands keeps only the one wanted: typer reads every parameter of every registered command;
    and a group (`factors`) keeps only its command `sub` when that is one of its own."""
    wanted = [name for name in _COMMANDS if name in commands or name in _registered[1:]]
    state = [i18n.language(), *wanted, f"{_GROUP_MARK}{sub or ''}"]
    if state == _registered:
        return
    _app.registered_commands.clear()
    _app.registered_groups.clear()
    _register_root()
    for module, names in _MODULES.items():
        if any(name in wanted for name in names):
            # __import__, not importlib.import_module: the import shows in `python -X importtime`
            __import__(f"ghgcalc.cli.{module}", fromlist=["register"]).register(_app)
    _app.registered_commands[:] = [info for info in _app.registered_commands if _command_name(info) in wanted]
    for group in _app.registered_groups if sub is not None else ():
        commands_of = group.typer_instance.registered_commands if group.typer_instance else []
        named = [info for info in commands_of if _command_name(info) == sub]
        if named:  # else a name that is none of its commands: all of them, for typer's message
            commands_of[:] = named
    _registered[:] = state  # help texts are in the language they were made in


_GROUP_MARK = "\x00"  # marks the group's command in _registered, apart from the commands' names


def _subcommand(args: list[str]) -> str | None:
    """The word after a group's name (`factors list`): the group's command a run names, if any."""
    words = [arg for arg in args if arg not in _ROOT_FLAGS]
    if len(words) >= 2 and words[0] == "factors" and not words[1].startswith("-"):
        return words[1]
    return None


def _command_name(info: Any) -> str:
    """A registered command's name, as typer makes it from its function's when it is not given."""
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))


def _commands_for(args: list[str]) -> set[str]:
    """The commands a run of `args` needs: the named command, else (the help, the version, a name
    that is no command) all of them."""
    for arg in args:
        if arg in _ROOT_FLAGS:
            continue
        if arg.startswith("-"):
            break
        if arg in _COMMANDS:
            return {arg}
        break
    return set(_COMMANDS)


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole command line, for documentation and its tests
        _register(set(_COMMANDS))
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on `argv` (default: the command line) and return the contract's exit code.

    This is the one place where exceptions become messages and exit codes. Tests call it
    in-process; the `ghgcalc` script passes its return value to sys.exit.
    """
    from typer._click.exceptions import ClickException  # typer's own click raises these

    _state["debug"] = False
    for stream in (sys.stdout, sys.stderr):  # results and messages are UTF-8, whatever the locale says
        utf8 = stream is None or (stream.encoding or "").lower().replace("-", "") == "utf8"
        if not utf8 and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    i18n.set_language(i18n.from_environment())
    i18n.set_calendar("")
    i18n.keep_catalogs(catalog_cache.Keeper())
    args: list[str] = []
    try:
        args, lang, calendar = _global_options(list(sys.argv[1:] if argv is None else argv))
        from ghgcalc.cli.language import choose

        i18n.set_language(choose(args, lang))
        i18n.set_calendar(calendar or "")
        if i18n.language() == "th" and (not args or "--help" in args or "-h" in args):
            _thai_help_wrapping()
        _register(_commands_for(args), _subcommand(args))
        code = int(_app(args=args, prog_name="ghgcalc", standalone_mode=False) or 0)
        if code == INTERRUPTED:  # typer turns Ctrl-C into a quiet exit code 130
            _say(tr("ghgcalc: terminated") if _state.get("terminated") else tr("ghgcalc: interrupted"))
        return code
    except GhgcalcError as exc:
        _say(tr("ghgcalc: error: {message}", message=printable(exc.message)))
        if exc.hint:
            _say(tr("  hint: {hint}", hint=printable(exc.hint)))
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except ClickException as exc:  # unknown option, missing argument, bad choice
        if type(exc).__name__ == "NoArgsIsHelpError":  # `ghgcalc` or a group alone: its help (exit 2)
            if i18n.language() == "th":
                _thai_help_wrapping()
            exc.show()
            return int(exc.exit_code)
        from ghgcalc.cli.usage import explain

        message, hint = explain(exc, args, typer.main.get_command(_app))
        _say(tr("ghgcalc: error: {message}", message=printable(message)))
        _say(tr("  hint: {hint}", hint=printable(hint)))
        return int(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _say(tr("ghgcalc: terminated") if _state.get("terminated") else tr("ghgcalc: interrupted"))
        return INTERRUPTED
    except OSError as exc:
        if _state["debug"]:
            raise
        if exc.errno not in _OUTPUT_FAILURES or exc.filename is not None:
            # a file or folder the system refused (links in a loop, no permission): named, never a traceback
            name = f"{printable(os.fsdecode(exc.filename))}: " if exc.filename is not None else ""
            _say(tr("ghgcalc: error: {name}{reason}", name=name, reason=printable(exc.strerror or str(exc))))
            _say(tr("  hint: check the path and that you may read it (or write to it)"))
            return int(ExitCode.USAGE)
        # a result printed straight to standard output: a closed pipe (`| head`), a full disk
        from ghgcalc.cli.output import silence_stdout

        silence_stdout()
        _say(tr("ghgcalc: error: cannot write the result to standard output: {reason}", reason=exc.strerror))
        _say(
            tr("  hint: the result was not written in full; to keep it whole, write it to a file (-o FILE, or > FILE)")
        )
        return int(ExitCode.USAGE)
    except Exception as exc:  # the last line of defence: a bug, reported as one
        if _state["debug"]:
            raise
        _say(tr("ghgcalc: internal error: {kind}: {detail}", kind=type(exc).__name__, detail=printable(str(exc))))
        _say(tr("  this is a bug in ghgcalc; run again with --debug for a traceback and report it"))
        return int(ExitCode.INTERNAL)


def _thai_help_wrapping() -> None:
    """Make the help's wrapper keep a Thai phrase whole: Thai writes no spaces between words, so a
    phrase longer than its column (at 60 columns) was cut anywhere, even between a letter and the
    vowel mark above it. Such a phrase now goes whole onto a line of its own, a little past the
    column if it must (its marks take no width); any other word is cut as typer cuts it."""
    try:
        from typer._click import _textwrap
    except ImportError:  # another typer: its own wrapper, as it is
        return
    wrapper = _textwrap.TextWrapper
    if getattr(wrapper, "_keeps_thai", False):
        return
    cut = wrapper._handle_long_word

    def handle_long_word(self: Any, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        if not any("\u0e00" <= letter <= "\u0e7f" for letter in reversed_chunks[-1]):
            cut(self, reversed_chunks, cur_line, cur_len, width)
        elif not cur_line:  # (else the line ends here, and the phrase starts the next one)
            cur_line.append(reversed_chunks.pop())

    wrapper._handle_long_word = handle_long_word  # type: ignore[method-assign]
    wrapper._keeps_thai = True  # type: ignore[attr-defined]


# Errors of writing, not of ghgcalc: the reader went away, the disk or the quota is full.
_OUTPUT_FAILURES = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


# The shell's convention for a command stopped by Ctrl-C (128 + SIGINT).
INTERRUPTED = 130


def _say(text: str) -> None:
    """One line on standard error, if there is one to write to."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):  # standard error closed: nothing more can be said
        print(text, file=stream, flush=True)


class _Closed(io.TextIOBase):
    """A standard output the shell closed (`>&-`): no terminal, and a write fails as a write to the
    closed descriptor would (the result is then reported as not written, never lost in silence)."""

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def write(self, text: Any) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    @property
    def buffer(self) -> _Closed:
        return self


class _Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, a CI job cancelled, a service stopped): stopped as Ctrl-C stops a run, with
    its temporary files and workers cleaned up, and the shell's code for it (143)."""


TERMINATED = 143  # 128 + SIGTERM


def _terminate(signum: int, frame: Any) -> None:
    _state["terminated"] = True
    raise _Terminated


def run() -> None:
    """The `ghgcalc` script."""
    import signal

    # A stream the shell closed is None here: messages to a closed standard error are dropped
    # (print(file=None) would write them into the result), a closed standard input reads as empty.
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:
        sys.stdout = _Closed()
    signal.signal(signal.SIGTERM, _terminate)
    code = main()
    if _state.get("terminated"):
        code = TERMINATED
    # Every object of the run is left to the system, which frees the process's memory at once:
    # Python's collections at exit would walk them all first (about 30 ms, an eighth of a small
    # run). Our files are closed by then; only objects in a cycle keep their finalizers unrun.
    import gc

    gc.freeze()
    sys.exit(code)
