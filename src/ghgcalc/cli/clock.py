"""The day of the run: the clock is read here (the CLI) and nowhere below it, so that the core and
the API compute the same result on any day they are given (tests give one)."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()
