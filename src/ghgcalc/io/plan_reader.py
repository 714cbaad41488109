"""Plan files and measure catalogues read into their models, every problem located in the file."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from typing import Any

from pydantic import BaseModel, ValidationError

from ghgcalc.errors import Issue, Location, Severity
from ghgcalc.i18n import N_, tr
from ghgcalc.io import text as text_io
from ghgcalc.io.inventory_reader import display_name, validation_issue
from ghgcalc.io.yaml_reader import Positions, parse
from ghgcalc.models import plan as models

BUNDLED_CATALOGUE = "ghgcalc:measures.yaml"
# The model a mapping at a path is: the last key on the path that names a part of a plan.
_PARTS: dict[str, type[BaseModel]] = {
    "bau": models.Bau,
    "drivers": models.Driver,
    "lines": models.GrowthRule,
    "match": models.Match,
    "measures": models.Measure,
    "applies_to": models.Match,
    "reduce": models.Reduce,
    "add": models.Add,
    "capture": models.Capture,
    "removal": models.Removal,
    "costs": models.Costs,
    "targets": models.Target,
    "prices": models.Price,
}


def _plan_model(path: tuple[Any, ...]) -> type[BaseModel]:
    names = [p for p in path if isinstance(p, str) and p in _PARTS]
    return _PARTS[names[-1]] if names else models.Plan


def _catalogue_model(path: tuple[Any, ...]) -> type[BaseModel]:
    names = [p for p in path if isinstance(p, str) and p in _PARTS and p != "measures"]
    if names:
        return _PARTS[names[-1]]
    return models.CatalogueMeasure if path and path[0] == "measures" else models.Catalogue


_STARTS = {
    "plan": N_("a plan starts with: ghgcalc_plan: 1, name, base, horizon (docs/plans.md)"),
    "catalogue": N_("a catalogue starts with: ghgcalc_measures: 1 and a list of measures (docs/measures.md)"),
}
_CANNOT_READ = {
    "plan": N_("cannot read the plan: {reason}"),
    "catalogue": N_("cannot read the catalogue: {reason}"),
}
_NOT_MAPPING = {
    "plan": N_("the plan is not a YAML mapping"),
    "catalogue": N_("the catalogue is not a YAML mapping"),
}


def _document(path: str, what: str) -> tuple[Any, Positions | None, list[Issue]]:
    source = display_name(path)
    try:
        if path == BUNDLED_CATALOGUE:
            text: str | None = resources.files("ghgcalc").joinpath("data", "measures.yaml").read_text("utf-8")
        else:
            text, problem = text_io.decode(text_io.read_bytes(path), source)
            if problem is not None:
                return None, None, [problem]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Issue("file-unreadable", tr(_CANNOT_READ[what], reason=reason), location=Location(source))
        return None, None, [problem]
    document, positions, issues = parse(text or "", source)
    if not issues and not isinstance(document, dict):
        hint = tr(_STARTS[what])
        issues = [Issue("document-invalid", tr(_NOT_MAPPING[what]), location=Location(source, 1, 1), hint=hint)]
    return document, positions, issues


def read_plan(path: str) -> tuple[models.Plan | None, Positions | None, list[Issue]]:
    document, positions, issues = _document(path, "plan")
    if issues or positions is None:
        return None, positions, issues
    if isinstance(document, dict) and "ghgcalc" in document and "ghgcalc_plan" not in document:
        problem = Issue(
            "document-is-inventory",
            tr("this file is an inventory (ghgcalc:), not a reduction plan"),
            Severity.ERROR,
            Location(display_name(path), 1, 1),
            hint=tr(_IS_INVENTORY_HINT),
        )
        return None, positions, [problem]
    try:
        plan = models.Plan.model_validate(document)
    except ValidationError as exc:
        found = [_explained(validation_issue(err, positions, _plan_model)) for err in exc.errors(include_url=False)]
        return None, positions, [_with_start_hint(issue) for issue in found]
    first: dict[str, int] = {}
    repeated = []
    for index, measure in enumerate(plan.measures):  # said at the second of the two, not the first
        if first.setdefault(measure.id, index) != index:
            where = ("measures", index, "id")
            repeated.append(
                Issue(
                    "measure-duplicate",
                    tr("two measures have the id '{id}'", id=measure.id),
                    Severity.ERROR,
                    positions.locate(where),
                    where,
                    tr("give each measure an id of its own"),
                )
            )
    return (None, positions, repeated) if repeated else (plan, positions, [])


_IS_INVENTORY_HINT = N_(
    "a plan starts with ghgcalc_plan: 1 and names its inventory in base: (ghgcalc init plan.yaml --kind plan)"
)
_HINTS = {
    "share": N_("a share is a fraction: write 0.3 for 30 %"),
    "rate_pct": N_("a percentage per year: write 2.5 for 2.5 %"),
    "reduction_pct": N_("a percentage: write 20 for -20 %"),
    "start": N_("a year, C.E. or B.E.: 2026 or 2569"),
    "horizon": N_("a year, C.E. or B.E.: 2030 or 2573"),
}


def _explained(issue: Issue) -> Issue:
    """Pydantic's message with the field it is about, and a hint for the fields people get wrong."""
    if issue.code in ("key-unknown", "key-missing") or not issue.path:
        return issue
    names = [str(p) for p in issue.path if isinstance(p, str)]
    field = names[-1] if names else ""
    named = issue.message.startswith(field) or f"'{field}'" in issue.message
    message = issue.message if named else f"{field}: {issue.message}"
    hint = issue.hint or (tr(_HINTS[field]) if field in _HINTS else None)
    return Issue(issue.code, message, issue.severity, issue.location, issue.path, hint)


def _with_start_hint(issue: Issue) -> Issue:
    """The plan's header (ghgcalc_plan and the keys beside it) explained where it is wrong or missing."""
    if issue.path == ("ghgcalc_plan",) or (issue.code == "key-missing" and not issue.path):
        return replace(issue, hint=tr(_STARTS["plan"]))
    return issue


def read_catalogue(path: str) -> tuple[dict[str, models.CatalogueMeasure], list[Issue]]:
    document, positions, issues = _document(path, "catalogue")
    if issues or positions is None:
        return {}, issues
    try:
        catalogue = models.Catalogue.model_validate(document)
    except ValidationError as exc:
        found = [validation_issue(err, positions, _catalogue_model) for err in exc.errors(include_url=False)]
        return {}, [_explained(issue) for issue in found]
    entries: dict[str, models.CatalogueMeasure] = {}
    for index, entry in enumerate(catalogue.measures):
        if entry.id in entries:
            where = ("measures", index, "id")
            issues.append(
                Issue(
                    "measure-duplicate",
                    tr("'{id}' is in the catalogue twice", id=entry.id),
                    Severity.ERROR,
                    positions.locate(where),
                    where,
                )
            )
        entries[entry.id] = entry
    return entries, issues
