"""A factor's name as a person reads it, in the language of the run (docs/translating.md, "Thai names
of factors").

A bundled set's own Thai name (`name_th` of its factors.csv) always comes first. Where the set has
none, the Thai name comes from the display catalog `factors/names.th.csv` (key, name_th, basis),
which lies outside every set's folder: a set's hash, `factors diff` and the JSON result never see it.
The catalog is read the first time a Thai name is asked for, never at import.
"""

from __future__ import annotations

import csv
import functools
import io
from typing import TYPE_CHECKING

from ghgcalc.i18n import language

if TYPE_CHECKING:
    from ghgcalc.models.factor import Factor

CATALOG = "names.th.csv"


@functools.cache
def _catalog() -> tuple[frozenset[str], dict[str, str]]:
    """The ids of the bundled sets, and the catalog's Thai name of each key."""
    from importlib import resources

    root = resources.files("ghgcalc").joinpath("factors")
    bundled = frozenset(p.name for p in root.iterdir() if p.is_dir())
    try:
        text = root.joinpath(CATALOG).read_text(encoding="utf-8")
    except OSError:  # an installation without the catalog shows the sets' own names
        return bundled, {}
    rows = csv.DictReader(io.StringIO(text))
    return bundled, {row["key"]: row["name_th"] for row in rows if row.get("key") and row.get("name_th")}


def catalog() -> dict[str, str]:
    """The display catalog: factor key -> Thai name."""
    return dict(_catalog()[1])


def thai_name(set_id: str, key: str, name_th: str = "") -> str:
    """The Thai name of a row: the set's own, else the catalog's for a key of a bundled set (a
    custom factor or one of a user's own sets of another id is named by its own file only)."""
    if name_th:
        return name_th
    bundled, names = _catalog()
    return names.get(key, "") if set_id in bundled else ""


def row_name(set_id: str, key: str, name_en: str, name_th: str = "", thai: bool | None = None) -> str:
    """The name to show for a row: Thai in a Thai run (the set's own, else the catalog's, else the
    English), English otherwise (the Thai where the row has no English name)."""
    if language() == "th" if thai is None else thai:
        return thai_name(set_id, key, name_th) or name_en
    return name_en or name_th


def factor_name(factor: Factor, thai: bool | None = None) -> str:
    """`row_name` of a Factor."""
    return row_name(factor.set_id, factor.key, factor.name_en, factor.name_th, thai)
