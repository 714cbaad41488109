"""Every word a person reads, in Thai or English, from one catalog (docs/translating.md).

A message is written once, in English, with named placeholders, and marked with `tr`:

    tr("'{unit}' is not a unit ghgcalc knows", unit=visible(unit))

`tr` returns it in the language of the run (`set_language`, chosen by the CLI from `--lang`, the
inventory's `language:` or the environment), with the placeholders filled in. The English text is
the key (gettext's msgid); the Thai texts live in gettext PO files under `locale/th/`, one per part
of the program, read on first use. Issue codes (`unit-unknown`) are never translated: scripts match
them. A literal brace in a message with placeholders is written twice (`{{activity: 5}}`).

The lowest layer: imports nothing from ghgcalc, so every module can mark its messages.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from typing import Protocol

LANGUAGES = ("en", "th")
DEFAULT = "en"
CALENDARS = ("be", "ce")

_state = {"language": DEFAULT, "calendar": ""}  # "" calendar: years as the input wrote them


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    _state["language"] = language


def language() -> str:
    return _state["language"]


def set_calendar(calendar: str) -> None:
    """'be' or 'ce' for every year shown; '' to show years as each input wrote them."""
    if calendar not in (*CALENDARS, ""):
        raise ValueError(f"calendar {calendar!r} is not one of {', '.join(CALENDARS)}")
    _state["calendar"] = calendar


def calendar() -> str:
    return _state["calendar"]


def from_environment(environ: dict[str, str] | None = None) -> str:
    """The language of the user's locale (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them): Thai for
    th_TH and the like, English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "th" if value.lower().startswith("th") else DEFAULT
    return DEFAULT


def N_(msgid: str) -> str:  # gettext's name for it, which translators' tools know
    """Mark a message kept in a constant (a table's titles, made at import) for the catalog; the
    English is returned as it is, and `tr(constant)` translates it where it is shown."""
    return msgid


def tr(msgid: str, /, **params: object) -> str:
    """`msgid` in the current language, its {placeholders} filled from `params`."""
    text = msgid if _state["language"] == DEFAULT else catalog(_state["language"]).get(msgid) or msgid
    return text.format(**params) if params else text


def both(msgid: str, /, **params: object) -> str:
    """Thai and English together ("ประเภท 1 / Scope 1"), for the labels of TGO's bilingual forms;
    English alone when the Thai is missing or the same."""
    english = msgid.format(**params) if params else msgid
    thai_text = catalog("th").get(msgid)
    if not thai_text:
        return english
    thai = thai_text.format(**params) if params else thai_text
    return english if thai == english else f"{thai} / {english}"


class CatalogKeeper(Protocol):
    """Keeps parsed catalogs between runs, by the bytes of the PO files they were parsed from."""

    def load(self, language: str, files: list[tuple[str, bytes]]) -> dict[str, str] | None: ...

    def store(self, language: str, files: list[tuple[str, bytes]], catalog: dict[str, str]) -> None: ...


_keepers: list[CatalogKeeper] = []


def keep_catalogs(keeper: CatalogKeeper) -> None:
    """Keep the catalogs a run parses for the runs after it (the CLI's keeper: io/catalog_cache):
    parsing the 2,400 texts of the Thai PO files was most of what Thai costs a small run."""
    _keepers[:] = [keeper]


@functools.cache
def catalog(language: str) -> dict[str, str]:
    """msgid -> text, from every PO file of the language (locale/<language>/*.po, in name order)."""
    folder = resources.files("ghgcalc") / "locale" / language
    if not folder.is_dir():
        return {}
    entries = sorted(folder.iterdir(), key=lambda item: item.name)
    files = [(entry.name, entry.read_bytes()) for entry in entries if entry.name.endswith(".po")]
    keeper = _keepers[0] if _keepers else None
    if keeper is not None and (kept := keeper.load(language, files)) is not None:
        return kept
    found: dict[str, str] = {}
    for _name, data in files:
        for msgid, msgstr in read_po(data.decode("utf-8")):
            if msgid and msgstr:
                found.setdefault(msgid, msgstr)
    if keeper is not None:
        keeper.store(language, files, found)
    return found


def read_po(text: str) -> list[tuple[str, str]]:
    """The (msgid, msgstr) pairs of a PO file; fuzzy entries are left out, as gettext does.
    Only what ghgcalc's catalogs use: no plural forms, no message contexts."""
    pairs: list[tuple[str, str]] = []
    fields: dict[str, list[str]] = {}
    current = ""
    fuzzy = False

    def flush() -> None:
        nonlocal fields, fuzzy
        if "msgid" in fields and not fuzzy:
            pairs.append(("".join(fields["msgid"]), "".join(fields.get("msgstr", []))))
        fields, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if "msgid" in fields and "msgstr" in fields:
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith(("msgid ", "msgstr ")):
            keyword, _, rest = line.partition(" ")
            if keyword == "msgid" and "msgid" in fields:
                flush()
            current = keyword
            fields[current] = [_unquote(rest)]
        elif line.startswith('"') and current:
            fields[current].append(_unquote(line))
    flush()
    return pairs


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(quoted: str) -> str:
    body = quoted.strip()[1:-1]
    if "\\" not in body:  # most texts: nothing to unescape (a run in Thai reads every text of the
        return body  # catalog; character by character, this was some 20 ms of each such run)
    out: list[str] = []
    chars = iter(body)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append(_ESCAPES.get(nxt, nxt))
        else:
            out.append(ch)
    return "".join(out)
