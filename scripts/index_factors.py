"""Record the sha256 of each table of a factor-set version in its set.yaml.

    python scripts/index_factors.py factors/tgo-cfo/2026-02

Only for a version being prepared: a released table is never edited (a correction is a new
version), and tests/data/test_factor_data.py fails when a table no longer matches its recorded hash.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path


def index(folder: Path) -> None:
    meta_path = folder / "set.yaml"
    meta = meta_path.read_text(encoding="utf-8")
    for name in re.findall(r"-\s*file:\s*(\S+)", meta):
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        pattern = rf"(-\s*file:\s*{re.escape(name)}\s*\n\s*sha256:)[^\n]*"
        meta, count = re.subn(pattern, rf"\g<1> {digest}", meta)
        if count != 1:
            sys.exit(f"{meta_path}: write 'sha256:' on the line after 'file: {name}'")
    meta_path.write_text(meta, encoding="utf-8")
    print(f"indexed {folder}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        index(Path(arg))
