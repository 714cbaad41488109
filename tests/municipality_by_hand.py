"""examples/municipality.yaml computed by hand, from TGO's printed factors, not from ghgcalc.

Every factor below is copied from a source outside ghgcalc, cited beside it:

- [AR5] TGO V-Sheet CFO, sheet "EF TGO AR5" (April 2022 values), as transcribed in
  /work/shared/reference/thai-cfo-and-provinces.md section 2.2: per-gas kg per unit; fossil CH4 x 30,
  N2O x 265, other CH4 x 28 (section 1: "Fossil-fuel combustion CH4 uses 30. Biomass-combustion CH4
  and waste/septic CH4 use 28"); refrigerant GWPs "IPCC 2013, AR5": R-22 1760, R-32 677, R-125 3170.
- [1.5] TGO form 1.5(1) (Green Office workbook, G2 in the reference): gasohol 91 and 95 take "Motor
  Gasoline - uncontrolled" (section 2.2, "How the worksheets use these values"); fire-extinguisher CO2
  1 kgCO2e/kg CO2; septic tank 0.012 kg CH4 per person-day (sheet "CH4จาก Septic tank"); paper
  2.102 kgCO2e/kg and PWA tap water 0.541 kgCO2e/m3 (section 2.6).
- [CFP] TGO Scope 3/CFP list "ก.ค. 2565" (G3, section 2.6): general waste to landfill 0.7933 kgCO2e/kg
  (the reference notes it conflicts with the 2.32 of form 1.5(1); the example names `waste-landfill`).
- R-410A is HFC-32 50 % / HFC-125 50 % by mass (ANSI/ASHRAE 34), so 0.5 x 677 + 0.5 x 3170 = 1923.5
  (the reference's section 2.5 prints the same 1923.5).

The amounts are the example's, read off the YAML by eye and converted to the factor's unit by hand.
"""

from __future__ import annotations

import math

FOSSIL_CH4, CH4, N2O = 30, 28, 265  # AR5 as TGO applies it in the April 2022 sheet


def _fuel(co2: float, ch4: float, n2o: float) -> dict[str, tuple[float, float]]:
    """A TGO fuel row: {gas: (kg per unit, GWP)}."""
    return {"CO2": (co2, 1), "CH4_fossil": (ch4, FOSSIL_CH4), "N2O": (n2o, N2O)}


DIESEL_MOBILE = _fuel(2.698722, 0.000142038, 0.000142038)  # [AR5] Gas/Diesel oil (mobile), 2.7406
GASOLINE_UNCONTROLLED = _fuel(2.181564, 0.00103884, 0.000100736)  # [AR5] on road, uncontrolled, 2.2394
DIESEL_STATIONARY = _fuel(2.698722, 0.00010926, 0.000021852)  # [AR5] Gas/Diesel oil (stationary), 2.7078
LPG_STATIONARY_KG = _fuel(3.1105963, 0.0000492963, 0.0000049296)  # [AR5] LPG (stationary), kg, 3.1134
R_410A_GWP = 0.5 * 677 + 0.5 * 3170

# (label in the example, amount in the factor's unit, scope, {gas: (kg per unit, GWP)}, separately reported)
LINES: list[tuple[str, float, int, dict[str, tuple[float, float]], bool]] = [
    (
        "Garbage trucks and pick-ups (diesel)",
        2150 + 2080 + 2210 + 2190 + 2040 + 2230 + 2120 + 2260 + 2170 + 2200 + 2150 + 2190,
        1,
        DIESEL_MOBILE,
        False,
    ),
    ("Staff cars and motorcycles (gasohol 95)", 4820, 1, GASOLINE_UNCONTROLLED, False),  # "๔,๘๒๐" L
    ("Motorcycles of the public-health division (gasohol 91)", 1310.5, 1, GASOLINE_UNCONTROLLED, False),
    ("Back-up generator, town hall", 420, 1, DIESEL_STATIONARY, False),
    ("LPG for the child development centre kitchen", 540, 1, LPG_STATIONARY_KG, False),
    ("Split air conditioners, top-ups (R-32)", 6.5, 1, {"HFC-32": (1, 677)}, False),
    ("Council hall air conditioning, top-ups (R-410A)", 4.2, 1, {"R-410A": (1, R_410A_GWP)}, False),
    ("Old air conditioners, top-ups (R-22)", 3.0, 1, {"HCFC-22": (1, 1760)}, True),  # non-Kyoto: "รายงานแยก"
    ("CO2 fire extinguishers refilled", 45, 1, {"CO2": (1, 1)}, False),
    ("Septic tanks, 86 staff x 245 working days", 86 * 245, 1, {"CH4": (0.012, CH4)}, False),
    (
        "Offices and town hall",
        10840 + 10220 + 9960 + 10410 + 11250 + 12980 + 13720 + 13540 + 12460 + 11980 + 11620 + 11350,
        2,
        {"CO2e": (0.4999, 1)},  # [AR5] grid mix 2016-2018, kWh
        False,
    ),
    ("Street lighting", 186.4 * 1000, 2, {"CO2e": (0.4999, 1)}, False),  # 186.4 MWh
    ("Water pumping station", 64250, 2, {"CO2e": (0.4999, 1)}, False),
    ("Tap water (Provincial Waterworks Authority)", 5830, 3, {"CO2e": (0.541, 1)}, False),  # ลบ.ม. = m3
    ("A4 and A3 paper", 1275, 3, {"CO2e": (2.102, 1)}, False),
    ("Office waste sent to the landfill", 18.6 * 1000, 3, {"CO2e": (0.7933, 1)}, False),  # 18.6 t
]


def line_t_co2e(amount: float, gases: dict[str, tuple[float, float]]) -> float:
    return amount * math.fsum(kg * gwp for kg, gwp in gases.values()) / 1000


def gases_t(amount: float, gases: dict[str, tuple[float, float]]) -> dict[str, float]:
    return {gas: amount * kg / 1000 for gas, (kg, _) in gases.items()}


BY_LINE_T_CO2E = {label: line_t_co2e(amount, gases) for label, amount, _, gases, _ in LINES}
BY_SCOPE_T_CO2E = {
    str(scope): math.fsum(
        line_t_co2e(amount, gases) for _, amount, s, gases, separate in LINES if s == scope and not separate
    )
    for scope in (1, 2, 3)
}
TOTAL_T_CO2E = math.fsum(BY_SCOPE_T_CO2E.values())
NON_KYOTO_T_CO2E = math.fsum(line_t_co2e(amount, gases) for _, amount, _, gases, separate in LINES if separate)
