"""The language of a run when --lang is not given: the first inventory's `language:` (a workbook's
on its Inventory sheet), else the environment's locale (docs/translating.md). Read before anything is
computed, so every message of the run is in one language."""

from __future__ import annotations

import re
from pathlib import Path

from ghgcalc import i18n

# a top-level `language: th` line of a YAML inventory (quoted or not, a comment after it allowed)
_LANGUAGE = re.compile(r"^language:[ \t]*['\"]?(th|en)['\"]?[ \t]*(#.*)?$", re.MULTILINE)
_PEEK_BYTES = 65_536  # the top-level fields come first; a huge file is not read whole for this
_SUFFIXES = (".yaml", ".yml")


def inventory_language(args: list[str]) -> str | None:
    """The `language:` of the first inventory named in `args` (a YAML file, or a workbook's
    Inventory sheet), if it gives one."""
    from ghgcalc.io.files import EXCEL_SUFFIXES

    for arg in args:
        lowered = arg.lower()
        if arg.startswith("-") or not lowered.endswith((*_SUFFIXES, *EXCEL_SUFFIXES)):
            continue
        try:
            path = Path(arg)
            if not path.is_file():
                continue
            if lowered.endswith(EXCEL_SUFFIXES):
                from ghgcalc.io.excel_peek import workbook_language
                from ghgcalc.io.excel_reader import SHEETS

                return workbook_language(arg, SHEETS["inventory"])
            with path.open("rb") as handle:
                head = handle.read(_PEEK_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        found = _LANGUAGE.search(head)
        return found.group(1) if found else None
    return None


def choose(args: list[str], given: str | None) -> str:
    """--lang when given, else the first inventory's language:, else the environment's."""
    return given or inventory_language(args) or i18n.from_environment()
