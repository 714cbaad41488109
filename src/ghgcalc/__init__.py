"""ghgcalc: greenhouse-gas inventories for Thai local governments and provinces.

The library comes first; the `ghgcalc` command is a thin layer over `ghgcalc.api`.
"""

__version__ = "0.1.0"
