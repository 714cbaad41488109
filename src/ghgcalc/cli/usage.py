"""The option parser's usage errors said as ghgcalc says every usage error (exit 2): one line
`ghgcalc: error: ...` and a hint, in the language of the run, without the parser's own wording
("Usage: ...", "Try ... for help", "Value error, ...", pydantic's "Input should be ...").

typer raises click's exceptions; each kind is read for what it carries (the option, the value, the
choices of an enum, the command) and worded here. An error of a kind not known here keeps the
parser's message, after the command that gave it.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from ghgcalc.errors import printable
from ghgcalc.i18n import tr

_EXTRA = re.compile(r"^Got unexpected extra arguments? ?(?:\(s\))? \((?P<args>.*)\)$", re.S)
_NO_COMMAND = re.compile(r"^No such command '(?P<name>.*?)'\.", re.S)
_OPTION = re.compile(r"^Option '(?P<option>[^']*)' (?P<what>requires|does not take)")


def explain(exc: Any, argv: list[str], root: Any) -> tuple[str, str]:
    """(message, hint) for click's usage error `exc`, raised while parsing `argv` for the click
    command `root` (the `ghgcalc` group)."""
    from typer._click.exceptions import BadOptionUsage, BadParameter, MissingParameter, NoSuchOption

    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else _command_path(argv, root)
    see_help = tr("see how to use it: {command} --help", command=command)
    if isinstance(exc, NoSuchOption):
        possible = list(exc.possibilities or ())
        message = tr("{command} has no option {option}", command=command, option=exc.option_name)
        if possible:
            return message, tr("did you mean {options}?", options=", ".join(possible))
        return message, tr("see its options: {command} --help", command=command)
    if isinstance(exc, MissingParameter):
        param = exc.param
        if param is not None and getattr(param, "param_type_name", "") == "option":
            return tr("{command}: missing option {option}", command=command, option=_option_name(param)), see_help
        name = (getattr(param, "metavar", None) or getattr(param, "name", "") or "").upper() if param else ""
        return tr("{command}: missing argument {name}", command=command, name=name or "?"), see_help
    if isinstance(exc, BadParameter):
        return _bad_value(exc, command, see_help)
    if isinstance(exc, BadOptionUsage):
        found = _OPTION.match(exc.message)
        option = exc.option_name or (found.group("option") if found else "")
        if found and found.group("what") == "does not take":
            return tr("{option} takes no value", option=option), tr("write {option} alone", option=option)
        return tr("{option} needs a value", option=option), see_help
    text = str(getattr(exc, "message", "") or exc)
    extra = _EXTRA.match(text)
    if extra:
        return (
            tr("{command}: unexpected extra argument(s): {arguments}", command=command, arguments=extra.group("args")),
            tr('put a name that has spaces in quotes ("my town.yaml"); {help}', help=see_help),
        )
    unknown = _NO_COMMAND.match(text)
    if unknown:
        return (
            tr("{command} has no command '{name}'", command=command, name=unknown.group("name")),
            _commands_hint(ctx, command, unknown.group("name")),
        )
    if text.startswith("Missing command"):
        return tr("{command}: name a command", command=command), _commands_hint(ctx, command, "")
    return tr("{command}: {problem}", command=command, problem=exc.format_message()), see_help


def _option_name(param: Any) -> str:
    """The name a person types: the first long option (--format), else the first one (-f)."""
    opts = list(getattr(param, "opts", ()) or ())
    longs = [o for o in opts if o.startswith("--")]
    return (longs or opts or [str(getattr(param, "name", ""))])[0]


def _given(exc: Any) -> object | None:
    """The value the person typed, from the validation error typer's coercion raised."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        try:
            found = errors()
        except Exception:  # noqa: BLE001 - any failure to read it: the message goes without the value
            return None
        if found and "input" in found[0]:
            return found[0]["input"]
    return None


def _bad_value(exc: Any, command: str, see_help: str) -> tuple[str, str]:
    param = exc.param
    option = _option_name(param) if param is not None else exc.param_hint or "?"
    if param is not None and getattr(param, "param_type_name", "") == "argument":
        option = (getattr(param, "metavar", None) or getattr(param, "name", "") or option).upper()
    value = _given(exc)
    shown = printable(str(value)) if value is not None and not isinstance(value, (list, tuple)) else ""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        choices = ", ".join(str(member.value) for member in annotation)
        if shown:
            return tr("{option} {value}: the choices are {choices}", option=option, value=shown, choices=choices), (
                tr("for example {option} {choice}", option=option, choice=next(iter(annotation)).value)
            )
        return tr("{option}: the choices are {choices}", option=option, choices=choices), see_help
    if annotation is int:
        return tr("{option} {value}: give a whole number", option=option, value=shown or "''"), see_help
    if shown:
        return tr("{option} {value} is not a valid value", option=option, value=shown), see_help
    return tr("{option}: the value is not valid", option=option), see_help


def _commands_hint(ctx: Any, command: str, typed: str) -> str:
    """Did you mean ...? (a close command name), else the commands there are."""
    import difflib

    names = list(getattr(getattr(ctx, "command", None), "commands", {}) or {})
    if not names:
        return tr("see how to use it: {command} --help", command=command)
    close = difflib.get_close_matches(typed, names, n=1) if typed else []
    if close:
        return tr("did you mean {command} {name}?", command=command, name=close[0])
    return tr("the commands are: {names}", names=", ".join(names))


def _command_path(argv: list[str], root: Any) -> str:
    """`ghgcalc factors list`: the commands named in `argv` (for an error raised without a context)."""
    path = ["ghgcalc"]
    group = root
    for arg in argv:
        commands = getattr(group, "commands", None)
        if not commands:
            break
        if arg.startswith("-"):
            continue
        if arg not in commands:
            break
        path.append(arg)
        group = commands[arg]
    return " ".join(path)
