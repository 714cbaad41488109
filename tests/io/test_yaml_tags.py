"""The YAML reader remembers the tag of a node (a batch repeats the same values) and gives every
node the tag PyYAML's own safe loader gives it."""

from __future__ import annotations

import yaml

from ghgcalc.io import yaml_reader

DOCUMENT = """\
name: Town 00001 Municipality
period: 2567
when: 2024-01-01
plain: [1, 2.5, yes, no, true, ~, null, '3', "4", 0x1A, 0b101, 012, 1_000, 1:30, .inf, -.nan, 1e5, +.5, '']
block: |
  text
? complex key
: value
tagged: !!str 12
"""


def _tags(node: yaml.Node) -> list[str]:
    found = [node.tag]
    for item in node.value if isinstance(node.value, list) else ():
        for part in item if isinstance(item, tuple) else (item,):
            found += _tags(part)
    return found


def test_every_value_has_the_tag_of_pyyamls_safe_loader() -> None:
    ours = yaml.compose(DOCUMENT, Loader=yaml_reader._Loader)
    theirs = yaml.compose(DOCUMENT, Loader=yaml.SafeLoader)
    assert _tags(ours) == _tags(theirs)
    assert "tag:yaml.org,2002:timestamp" in _tags(ours) and "tag:yaml.org,2002:float" in _tags(ours)


def test_the_tag_depends_on_the_node_alone() -> None:
    # what remembering a tag by its node's kind, text and style rests on: no path resolvers
    assert not yaml_reader._Loader.yaml_path_resolvers
    anchored = "a: &x {b: [1, yes]}\nc: *x\nd: [&y 2, *y]\n"
    assert _tags(yaml.compose(anchored, Loader=yaml_reader._Loader)) == _tags(
        yaml.compose(anchored, Loader=yaml.SafeLoader)
    )


def test_the_tag_of_a_value_is_found_once() -> None:
    yaml_reader._node_tag.cache_clear()
    yaml_reader.parse(DOCUMENT, "a.yaml")
    missed = yaml_reader._node_tag.cache_info().misses
    yaml_reader.parse(DOCUMENT, "b.yaml")
    info = yaml_reader._node_tag.cache_info()
    assert info.misses == missed and info.hits >= missed


def test_plain_digits_have_the_tag_of_pyyamls_safe_loader() -> None:
    # the reader gives the int tag to plain digits not led by 0 without the resolver's patterns
    values = ["1", "2567", "100000000000000000000", "0", "00", "012", "09", "10", "1_000", "1:30", "๑๒", "²"]
    document = "\n".join(f"- {value}\n- '{value}'" for value in values)
    ours = yaml.compose(document, Loader=yaml_reader._Loader)
    assert _tags(ours) == _tags(yaml.compose(document, Loader=yaml.SafeLoader))
    assert _tags(ours)[1:3] == ["tag:yaml.org,2002:int", "tag:yaml.org,2002:str"]
