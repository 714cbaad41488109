"""The spool gives back what was put in, in order, whatever the items' sizes (io/spool.py)."""

from __future__ import annotations

import pickle

from ghgcalc.io.spool import Spool


def test_items_come_back_in_order_across_blocks() -> None:
    # small items, one larger than a read's block (1 MB), and items that straddle the blocks' ends
    items: list[object] = [("row", i, "x" * (i % 97)) for i in range(5000)]
    items.insert(1234, "y" * (3 << 20))
    items.append(b"")
    spool = Spool()
    try:
        for n, item in enumerate(items):
            if n % 2:
                spool.add(item)
            else:
                spool.add_pickled(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
        assert spool.count == len(items)
        assert list(spool) == items
        assert list(spool) == items  # read again from the start
    finally:
        spool.close()


def test_an_empty_spool_gives_nothing() -> None:
    spool = Spool()
    assert list(spool) == []
    spool.close()
