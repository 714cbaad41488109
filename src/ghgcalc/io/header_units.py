"""The unit a number column's header names besides its field or month (`amount (MWh)`, `Total /
รวม (MWh)`, `Jan (MWh)`): an activity table's and an Excel inventory's sheet check their rows'
units against it, since amounts in MWh under a unit column saying kWh are 1,000 times off."""

from __future__ import annotations

import re

# The kinds of unit a header names for its amounts (`Total (MWh)`, `ปริมาณ (ลิตร)`); a time or a
# count in a header (`Total (yr)`, `Quantity (units)`) says what the column covers, not its unit.
HEADER_KINDS = frozenset({"mass", "volume", "energy", "area", "length"})


def header_unit(header: str, names: set[str]) -> str | None:
    """The unit `header` names after its first part (its field or month), as written; None when it
    names none. `names` are the field names a part may be instead (`Total / รวม`)."""
    from ghgcalc.io.excel_months import NotAMonth, month_header
    from ghgcalc.io.excel_reader import _normalise_header
    from ghgcalc.units import quick_kind

    parts = [" ".join(part.split()) for part in re.split(r"[/|()\[\]]", header)]
    for part in parts[1:]:  # the first part is the field or the month
        if not part or (_normalise_header(part)[:1] and _normalise_header(part)[0] in names):
            continue
        try:
            if month_header(part) is not None:
                continue
        except NotAMonth:
            pass
        if quick_kind(part) in HEADER_KINDS:
            return part
    return None
