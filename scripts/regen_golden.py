"""Rewrite tests/golden/*: the JSON result of each bundled example, and its sha256.

Run only after a deliberate change of a number or of the result format, and say why in the commit:
    python scripts/regen_golden.py
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ghgcalc import api  # noqa: E402 - the path is set just above
from ghgcalc.io import writers  # noqa: E402

EXAMPLES = ["municipality"]


def main() -> None:
    os.chdir(ROOT)  # sources are recorded as the relative paths users type
    for name in EXAMPLES:
        outcome = api.compute_file(f"examples/{name}.yaml")
        assert outcome.result is not None, [i.format() for i in outcome.issues]
        text = writers.to_json([outcome.result], as_array=False)
        golden = ROOT / "tests" / "golden" / f"{name}.json"
        golden.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        (ROOT / "tests" / "golden" / f"{name}.json.sha256").write_text(digest + "\n", encoding="utf-8")
        print(f"wrote {golden} ({digest[:12]})")


if __name__ == "__main__":
    main()
