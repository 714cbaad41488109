"""An inventory document written as YAML, in the field order of docs/inventory-format.md."""

from __future__ import annotations

from typing import Any

import yaml

from ghgcalc.i18n import tr

_ORDER = (
    "ghgcalc",
    "name",
    "kind",
    "language",
    "organization",
    "period",
    "gwp",
    "factors",
    "output",
    "custom_factors",
    "activities",
)


def inventory_yaml(document: dict[str, Any], origin: str | None = None) -> str:
    """YAML text of an inventory document; lists of numbers and of short values stay on one line."""
    ordered = {key: document[key] for key in _ORDER if key in document}
    ordered.update({key: value for key, value in document.items() if key not in ordered})
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, default_flow_style=None, width=120)
    header = tr("# Converted by ghgcalc from {origin}", origin=origin) + "\n" if origin else ""
    return header + body
