"""Warnings that compare the method lines of one inventory with each other: two lines computed from the
same data, each plausible alone, whose numbers cannot both be right (docs/methods/afolu-energy.md,
"Lines that check each other").
"""

from __future__ import annotations

from typing import Any

from ghgcalc.errors import Issue, warning
from ghgcalc.i18n import tr
from ghgcalc.models.result import Line

# N in urea, CO(NH2)2: 2 x 14.007 / 60.056 (standard atomic weights) = 0.4665 kg N per kg urea.
N_PER_UREA = 2 * 14.007 / 60.056
# F_SN below this share of the urea's N is a slip of unit, not a difference of sources: the slips
# sought (kg typed where t is read, or t where kg is) are factors of 1000.
UREA_N_SHARE = 0.5


def _checked(line: Line) -> Any:
    """The validated params of a method line that was computed (so they are valid)."""
    from ghgcalc import methods

    method = methods.get(line.activity)
    if method is None or line.method_params is None:
        return None
    try:
        return method.checked(dict(line.method_params))
    except ValueError:  # a pydantic ValidationError is a ValueError: not a line computed from these
        return None


def fertiliser_nitrogen(lines: list[Line]) -> list[Issue]:
    """The synthetic N of the soils lines (F_SN, Eq. 11.1) less than the N of the urea the inventory
    says was applied (Eq. 11.13): urea is a synthetic N fertiliser, so its N is part of F_SN. A 1000-fold
    gap is an amount read in the other unit (`n_unit` kg by default, `mass_unit` t by default)."""
    from ghgcalc.methods.afolu_soils_direct import KG_PER as N_KG_PER
    from ghgcalc.methods.afolu_urea import KG_PER as UREA_KG_PER
    from ghgcalc.methods.overrides import nitrogen_in

    urea_kg, first_urea = 0.0, None
    f_sn_kg, first_soils = 0.0, None
    for line in lines:
        checked = _checked(line) if line.activity in ("urea-application", "soils-direct-n2o") else None
        if checked is None:
            continue
        if line.activity == "urea-application":
            urea_kg += checked.urea * UREA_KG_PER[checked.mass_unit]
            first_urea = first_urea if first_urea is not None else line
        else:
            amounts, kg = nitrogen_in(checked, ("f_sn",), N_KG_PER[checked.n_unit])
            f_sn_kg += amounts["f_sn"] * kg
            first_soils = first_soils if first_soils is not None else line
    if first_urea is None or first_soils is None or urea_kg == 0:
        return []
    urea_n_kg = urea_kg * N_PER_UREA
    if f_sn_kg >= UREA_N_SHARE * urea_n_kg:
        return []
    return [
        warning(
            "fertiliser-n-unusual",
            tr(
                "the synthetic N of the soils lines (f_sn, {f_sn} kg N) is less than the N in the urea applied "
                "({urea} kg urea of activity {number}, {urea_n} kg N): urea's N is part of f_sn",
                f_sn=_kg(f_sn_kg),
                urea=_kg(urea_kg),
                number=first_urea.index + 1,
                urea_n=_kg(urea_n_kg),
            ),
            ("activities", first_soils.index, "params"),
            tr(
                "check the units: soils-direct-n2o reads N in kg unless n_unit: t is given, urea-application "
                "reads urea in t unless mass_unit: kg is given; f_sn is all the synthetic fertiliser N, "
                "urea included (46.65 % of the urea's mass)"
            ),
        )
    ]


def _kg(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:.3g}"


# The methods whose `population` is the persons whose wastewater a line covers: the lines of one of them
# share out the inventory's population (urban and rural, sewered and not), never more.
POPULATION_METHODS = ("wastewater-domestic", "wastewater-n2o")
# A line's population this close to a thousandth of the inventory's own is that population in thousands.
THOUSANDS = 0.01


def wastewater_populations(lines: list[Line], population: float, limit: float | None) -> list[Issue]:
    """A method's lines whose populations add up to more than `limit` times the inventory's own (each line
    below it: a block copied under a new label counts the same persons twice), and a line whose population
    is the inventory's in thousands (452 for 452,000)."""
    from ghgcalc.core.plausibility import times_text
    from ghgcalc.numbers import NumberError, read_number

    if limit is None:  # --threshold population=off
        return []
    by_method: dict[str, list[tuple[Line, float]]] = {}
    issues = []
    for line in lines:
        if line.activity not in POPULATION_METHODS or line.method_params is None:
            continue
        try:
            value = read_number(line.method_params.get("population"), "population")
        except NumberError:  # not given, or refused where the method read it
            continue
        by_method.setdefault(line.activity, []).append((line, value))
        if value > 0 and abs(value * 1000 - population) <= THOUSANDS * population:
            issues.append(
                warning(
                    "population-unusual",
                    tr(
                        "'{method}' is for a population of {value}, a thousandth of the inventory's own population "
                        "({population}, indicators.population): a population in thousands?",
                        method=line.activity,
                        value=f"{value:,.6g}",
                        population=f"{population:,.0f}",
                    ),
                    ("activities", line.index, "params", "population"),
                    tr(
                        "population is the number of persons: write {fixed} for {value} thousand",
                        fixed=f"{value * 1000:,.0f}".replace(",", ""),
                        value=f"{value:,.6g}",
                    ),
                )
            )
    for method, covered in by_method.items():
        total = sum(value for _, value in covered)
        if len(covered) < 2 or total <= limit * population or any(v > limit * population for _, v in covered):
            continue
        numbers = ", ".join(str(line.index + 1) for line, _ in covered)
        issues.append(
            warning(
                "population-unusual",
                tr(
                    "the '{method}' lines (activities {numbers}) are for {total} persons together, {times} the "
                    "inventory's own population ({population}, indicators.population)",
                    method=method,
                    numbers=numbers,
                    total=f"{total:,.0f}",
                    times=times_text(total / population),
                    population=f"{population:,.0f}",
                ),
                ("activities", covered[-1][0].index, "params", "population"),
                tr(
                    "each line covers a part of the population (urban and rural, sewered and not), and the parts "
                    "add up to it at most: remove a line entered twice, or give each line its own part"
                ),
            )
        )
    return issues
