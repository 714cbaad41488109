"""CH4 from an organisation's septic tanks, as TGO's calculation form 1.5(1) computes it.

Source: TGO "โปรแกรมการคำนวณคาร์บอนฟุตพริ้นท์พัฒนาโดย อบก." (form 1.5(1)), sheet "CH4จาก Septic tank"
(Green Office workbook FY2568): staff only ("คำนวณเฉพาะประชากรพนักงานขององค์กรเท่านั้น").

    CH4 (kg) = working days x employees x 0.012
    0.012 kg CH4/person/day = U (1) x T (1) x EF (0.3 kg CH4/kg BOD = Bo 0.6 x MCF 0.5) x BOD (40 g/person/day) x 0.001

The sheet marks the constants "ค่า fix ห้ามแก้" (fixed, do not edit), so they are not parameters here.
The form works month by month; give one number each for the year, or one per month (two lists of the
same length), and the months are added up.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ghgcalc.i18n import tr
from ghgcalc.methods.waste_common import Strict

# The TGO form's fixed factors.
U = 1.0  # fraction of the population in the income group (staff only)
T = 1.0  # degree of utilisation of the septic tank
EF_KG_CH4_PER_KG_BOD = 0.3  # Bo 0.6 x MCF 0.5 (IPCC 2006 Vol.5 Ch.6 p.6.12, Table 6.3 septic system)
BOD_G_PER_PERSON_DAY = 40.0  # IPCC 2006 Vol.5 Ch.6 Table 6.4, Asia
KG_CH4_PER_PERSON_DAY = U * T * EF_KG_CH4_PER_KG_BOD * BOD_G_PER_PERSON_DAY * 0.001  # 0.012

Count = Annotated[float, Field(ge=0)]


class Params(Strict):
    """Working days and staff numbers for the inventory year (or for each month of it)."""

    working_days: Count | list[Count] = Field(
        description="working days in the year, or a list of working days per month (TGO form 1.5(1))"
    )
    employees: Count | list[Count] = Field(
        description="number of employees, or a list per month paired with working_days (TGO form 1.5(1))"
    )

    @model_validator(mode="after")
    def _paired(self) -> Params:
        if isinstance(self.working_days, list) != isinstance(self.employees, list) or (
            isinstance(self.working_days, list)
            and isinstance(self.employees, list)
            and len(self.working_days) != len(self.employees)
        ):
            raise PydanticCustomError(
                "months-unpaired",
                tr("give 'working_days' and 'employees' both as numbers or as lists of the same length"),
            )
        return self


def compute(params: Params, year: int) -> dict[str, float]:
    """kg of CH4 from the staff's septic tanks in the inventory year."""
    days = params.working_days if isinstance(params.working_days, list) else [params.working_days]
    staff = params.employees if isinstance(params.employees, list) else [params.employees]
    return {"CH4": sum(d * e * KG_CH4_PER_PERSON_DAY for d, e in zip(days, staff, strict=True))}
