"""What a TGO workbook states, as the audit reads it (docs/tgo-workbooks.md, "ghgcalc audit").

The readers of TGO's forms (io/tgo_form.py for form 1.5(1), io/tgo_vsheet.py for the V-Sheet CFO)
turn a workbook into these plain objects; the audit (core/audit.py) recomputes them. Every number
keeps the sheet and cell it was read from, so each finding names the cells to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stated:
    """One number as the workbook holds it: its value (None for an empty cell) and where it is."""

    value: float | None
    sheet: str
    cell: str

    @property
    def where(self) -> str:
        return f"[{self.sheet}]!{self.cell}"


@dataclass(frozen=True)
class StatedLine:
    """One activity row: its quantities, the factor the sheet uses, and what the sheet prints of it.

    `quantities` are the twelve months (January first, as the form runs them) or one annual value
    (the V-Sheet). `printed` are the CO2e the sheet prints for each quantity (form 1.5(1): the CF
    cell of each month, kgCO2e) or for the year (the V-Sheet's line total), in `printed_unit`.
    """

    sheet: str
    row: int
    label: str
    scope: int | None
    unit: str | None
    factor: Stated  # kgCO2e per unit, as the sheet uses it
    quantities: tuple[Stated, ...]
    printed: tuple[Stated, ...]
    total: Stated  # the line's printed total, in printed_unit
    printed_unit: str = "kgCO2e"  # or "tCO2e" (V-Sheet)
    key: str | None = None  # the bundled tgo-cfo key the row corresponds to, where it has one
    derived: bool = False  # quantities linked from a companion sheet: its series are checked instead
    form_factor: float | None = None  # the EF TGO's form fixes for a row of no bundled factor (28 for kgCH4)
    factor_known: bool = True  # False: the factor equals no factor of any TGO edition (a V-Sheet's Q typed over)


@dataclass(frozen=True)
class StatedSeries:
    """Monthly inputs of a companion sheet (septic: staff and days; pond: water), and the typed or
    computed total the sheet shows for them, to check them against each other and the summary."""

    name: str  # "staff", "working days", "pond water"
    unit: str
    months: tuple[Stated, ...]
    total: Stated | None = None


@dataclass(frozen=True)
class StatedProduct:
    """A companion sheet's computed row: each month printed = the product of the inputs' months x the
    sheet's factor x a constant (septic C4:N4 = days x staff x Q2; pond B13:M13 = H7 x B12 x 0.12)."""

    name: str  # "septic CH4", "pond CH4"
    unit: str
    printed: tuple[Stated, ...]
    inputs: tuple[tuple[Stated, ...], ...]  # each input's twelve months
    factor: Stated
    constant: float = 1.0
    allowed: tuple[float, ...] = ()  # the values TGO's form gives the factor (septic Q2 0.012, the pond types)


@dataclass(frozen=True)
class StatedYear:
    """One year's sheet: its lines, the totals it prints, and its companion series."""

    sheet: str
    year: int  # B.E., as the sheet names it
    lines: tuple[StatedLine, ...]
    scope_totals: dict[int, Stated]  # tCO2e as printed
    total: Stated  # tCO2e as printed
    series: tuple[StatedSeries, ...] = ()
    # a companion quantity that must equal a line's months (the pond water and the PWA water row)
    same_as: tuple[tuple[StatedSeries, StatedLine], ...] = ()
    # lines a printed scope total leaves out, by TGO's own formula (row 25 of form 1.5(1))
    outside_totals: tuple[int, ...] = field(default=())
    column_total: Stated | None = None  # the sum of every line's total, in the lines' printed_unit
    products: tuple[StatedProduct, ...] = ()  # the companion sheets' computed rows, recomputed
