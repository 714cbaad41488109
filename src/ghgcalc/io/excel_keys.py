"""The activity keys a workbook's drop-down list offers, each with its Thai name (docs/excel-format.md,
"The activity list").

The list shows `electricity-grid — การใช้พลังงานไฟฟ้า (ไฟฟ้าจากระบบสายส่ง)`: the key, an em dash and
the factor's name, so that an officer finds the line by its Thai name and the cell still starts
with the key. The reader takes the key and leaves the name: a key never holds a space, so the text
before " — " is the key and nothing else can be meant. The keys a local government uses most come
first, in the order of TGO's calculation form 1.5(1) (io/tgo_form.py, KNOWN_ROWS) and the starter
inventory; every other key of the bundled sets follows in alphabetical order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ghgcalc.io.factor_store import FactorStore

SEPARATOR = " — "
# What a local government's own operations use first (TGO form 1.5(1) rows, the starter inventory):
# electricity, fuels, refrigerants and extinguishers, waste and wastewater, water, paper.
COMMON_KEYS = (
    "electricity-grid",
    "diesel-mobile",
    "diesel-stationary",
    "gasohol-91",
    "gasohol-95",
    "gasohol-e20",
    "lpg-stationary",
    "lpg-mobile",
    "r-32",
    "r-410a",
    "r-22",
    "r-134a",
    "fire-extinguisher-co2",
    "waste-landfill",
    "septic-tank",
    "tap-water-pwa",
    "tap-water-mwa",
    "paper",
    "tissue-paper",
)
# The key, then a dash with spaces around it (the list's em dash, or an en dash), then a name.
_CHOICE = re.compile(r"\s*([a-z0-9][a-z0-9._-]*)\s+[—–]\s+\S.*", re.S)
_PREFERRED_SET = "tgo-cfo"  # whose Thai names are TGO's own


def key_of(text: str) -> str:
    """The key of an activity cell: `electricity-grid — การใช้พลังงานไฟฟ้า` is `electricity-grid`;
    any other text is returned as it is (a plain key, or a mistake the checks report)."""
    match = _CHOICE.fullmatch(text)
    return match.group(1) if match else text


def choice(key: str, name: str) -> str:
    return f"{key}{SEPARATOR}{name}" if name else key


def names(store: FactorStore) -> dict[str, str]:
    """Every key of the bundled sets with the name shown beside it: the Thai name of the newest
    edition that has one (TGO's own sets first), else the Thai name of the display catalog
    (io/factor_names.py), else the English name."""
    from ghgcalc.io.factor_names import thai_name

    thai: dict[str, str] = {}
    catalog: dict[str, str] = {}
    english: dict[str, str] = {}
    set_ids = sorted(store.set_ids(), key=lambda set_id: set_id != _PREFERRED_SET)
    for set_id in set_ids:
        for version in reversed(store.versions(set_id)):  # newest first
            for key, variants in version.factors.items():
                first = variants[0]
                if first.name_th and key not in thai:
                    thai[key] = first.name_th
                if first.name_en and key not in english:
                    english[key] = first.name_en
                english.setdefault(key, "")
                if key not in thai and not catalog.get(key):
                    catalog[key] = thai_name(set_id, key)
    return {key: thai.get(key) or catalog.get(key) or english[key] for key in english}


def choices(store: FactorStore, custom: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(key, name) of the drop-down list: the common keys first, then the others alphabetically;
    the document's own custom factors are among them, by their `name`."""
    known = names(store)
    for factor in custom:
        key = str(factor.get("key") or "")
        if key and key not in known:
            known[key] = str(factor.get("name") or "")
    first = [key for key in COMMON_KEYS if key in known]
    rest = sorted(key for key in known if key not in first)
    return [(key, known[key]) for key in (*first, *rest)]
