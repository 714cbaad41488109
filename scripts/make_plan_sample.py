"""Write the plan documents the tests compare with, from the plans that make them:

- tests/data/plan_sample.json: `ghgcalc plan tests/data/plan_sample.yaml -f json`, the document the
  plan writers' tests (Markdown, workbook, CSV, web page, charts) draw from;
- tests/golden/plan.json: `ghgcalc plan examples/plan.yaml -f json`, the example plan's JSON, which
  must change only on purpose.

Run from anywhere, after a deliberate change of a number or of the plan document, and say why in
the commit:
    python scripts/make_plan_sample.py
Paths in the documents are relative to the repository, as a user there types them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ghgcalc import api, i18n  # noqa: E402 - the path is set just above
from ghgcalc.core.plan import plan_result  # noqa: E402
from ghgcalc.reports.plan_output import to_json  # noqa: E402

DOCUMENTS = {
    "tests/data/plan_sample.yaml": "tests/data/plan_sample.json",
    "examples/plan.yaml": "tests/golden/plan.json",
}


def document(plan: str) -> str:
    """The JSON of a plan (a path relative to the repository), in English."""
    i18n.set_language("en")
    outcome = api.plan_file(plan)
    if outcome.projection is None:
        raise SystemExit("\n".join(issue.format() for issue in outcome.issues))
    return to_json(plan_result(outcome.projection, outcome.source))


def main() -> None:
    os.chdir(ROOT)  # sources are recorded as the relative paths users type
    for plan, target in DOCUMENTS.items():
        Path(target).write_text(document(plan), encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
