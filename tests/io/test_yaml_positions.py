"""The positions of a YAML document's values and keys, worked out from its nodes when first asked
for: the values the walk made data of, and only those, each where it is written."""

from __future__ import annotations

import pickle

from ghgcalc.io import yaml_reader

DOCUMENT = """\
name: Town
name: Again
<<: {merged: 1}
? [complex]
: skipped
shared: &anchor
  unit: kWh
again: *anchor
tagged: !!omap [{a: 1}]
lines:
  - {activity: power, amount: [1, 2]}
  - plain
"""


def test_every_value_and_key_is_where_it_is_written() -> None:
    data, positions, _ = yaml_reader.parse(DOCUMENT, "t.yaml")
    assert isinstance(data, dict) and data["name"] == "Town"
    assert positions.root is not None  # not worked out yet
    expected_values = {
        (): (1, 1),
        ("name",): (1, 7),  # the first of a key given twice (the second is an error)
        ("shared",): (6, 9),  # a block mapping with an anchor begins at the anchor
        ("shared", "unit"): (7, 9),
        ("again",): (6, 9),  # an alias: where its anchor's value is
        ("again", "unit"): (7, 9),
        ("tagged",): (9, 9),  # a tagged value's own place, and nothing inside it
        ("lines",): (11, 3),
        ("lines", 0): (11, 5),
        ("lines", 0, "activity"): (11, 16),
        ("lines", 0, "amount"): (11, 31),
        ("lines", 0, "amount", 0): (11, 32),
        ("lines", 0, "amount", 1): (11, 35),
        ("lines", 1): (12, 5),
    }
    expected_keys = {
        ("name",): (1, 1),
        ("shared",): (6, 1),
        ("again",): (8, 1),
        ("shared", "unit"): (7, 3),
        ("again", "unit"): (7, 3),
        ("tagged",): (9, 1),
        ("lines",): (10, 1),
        ("lines", 0, "activity"): (11, 6),
        ("lines", 0, "amount"): (11, 23),
    }
    assert positions.locate(("lines", 0, "amount", 1)).line == 11
    assert positions.root is None
    assert positions.values == expected_values
    assert positions.keys == expected_keys
    assert positions.resolve(("lines", 0, "Activity", "amount")) == ("lines", 0, "amount")


def test_positions_travel_as_their_tables() -> None:
    _, positions, _ = yaml_reader.parse(DOCUMENT, "t.yaml")
    copy = pickle.loads(pickle.dumps(positions))
    assert copy.root is None and positions.root is None
    assert copy.values == positions.values and copy.keys == positions.keys and copy.values


def test_a_large_documents_positions_are_worked_out_at_once() -> None:
    # its nodes are let go: they would hold more memory than its positions
    lines = "".join(f"  - {{activity: power, amount: {n}}}\n" for n in range(yaml_reader.LAZY_NODES // 2))
    _, positions, _ = yaml_reader.parse(f"lines:\n{lines}", "big.yaml")
    assert positions.root is None and positions.values[("lines", 7, "amount")] == (9, 31)
    _, small, _ = yaml_reader.parse("lines:\n  - {activity: power, amount: 1}\n", "small.yaml")
    assert small.root is not None
