"""Small pieces of the core's messages, in the language of the run (docs/translating.md)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from ghgcalc import i18n
from ghgcalc.i18n import tr
from ghgcalc.models.period import Period
from ghgcalc.thai import show_date


def either(choices: Iterable[str]) -> str:
    """'a' or 'b' or 'c' (each already quoted or formatted)."""
    return functools.reduce(lambda first, second: tr("{first} or {second}", first=first, second=second), choices)


def day_text(day: dt.date, period: Period) -> str:
    """A date in a message, as Period.label shows its dates: ISO in English; in Thai, or with
    --calendar, as thai.show_date shows it (B.E. for an inventory written in B.E.)."""
    if i18n.language() != i18n.DEFAULT or i18n.calendar():
        return show_date(day, period.buddhist)
    return day.isoformat()
