"""YAML documents read safely, with the line and column of every value.

The document is composed into nodes (no object construction, so no `!!python/...` tag can run
code) and then walked once, building plain data; the map from paths to positions is made from the
same nodes when it is first asked for (most documents never are). Aliases are followed with a
budget, so an alias bomb stops after a bounded amount of work.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from dataclasses import dataclass, field

import yaml

from ghgcalc.errors import Issue, Location, Path, Severity
from ghgcalc.i18n import N_, tr

try:  # libyaml is much faster; PyYAML's pure-Python loader is the same language
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


@functools.lru_cache(maxsize=4096)
def _node_tag(kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool] | bool) -> str:
    # plain digits, not led by 0 (most amounts, new in every file): the int tag, the first of the
    # resolver's patterns that matches them (float's need a point), without its loop of patterns
    plain = type(implicit) is tuple and implicit[0]  # (a scalar's: plain, not quoted)
    if kind is _ScalarNode and plain and value and value.isdigit() and value.isascii() and value[0] != "0":
        return _INT
    return str(_RESOLVER.resolve(kind, value, implicit))


class _Loader(_SafeLoader):
    """The safe loader, the tag it finds for a node remembered: PyYAML finds each value's tag in
    Python (a regular expression per candidate type), and a batch's inventories repeat the same
    few hundred values. With no path resolvers (the safe loader has none, nor has this one) a
    node's tag depends on its kind, its text and its style alone, as `_node_tag` keys it; libyaml's
    composer asks for it for every node, here without a Python frame when the tag is remembered."""

    resolve = staticmethod(_node_tag)
    # the composer also tells the resolver of every node it enters and leaves, for path resolvers:
    # with none these calls do nothing, here without a Python frame each
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # a C no-op: (parent, index) ignored
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # a C no-op: () ignored


_RESOLVER = yaml.resolver.Resolver()  # the safe loaders' own resolver, and its tables
_ScalarNode = yaml.ScalarNode
_MERGE = "tag:yaml.org,2002:merge"

# How many nodes one document may hold, and how many more its aliases may add when expanded: a
# real inventory reuses an anchor a handful of times, an alias bomb millions of times. PyYAML
# holds about 400 bytes per node while it reads (a 100,000-line inventory is 700,000 nodes, 500 MB
# in all); larger data belongs in an activity table (.csv, .parquet), which is read in columns.
MAX_NODES = 1_000_000
MAX_ALIAS_NODES = 100_000
# A document of up to this many nodes keeps them until its positions are asked for (a small
# inventory's seldom are); a larger one's positions are worked out at once, and its nodes let go.
LAZY_NODES = 10_000
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_WHOLE = r"[-+]?[0-9]+"  # (as text: compiled on first use by re's cache, as the others seldom needed)
_LONGEST_NUMBER = 1000  # characters; a number a person writes has at most a few dozen
# What a number tag's text may be to become a number here: plain decimal digits, a decimal point,
# an exponent, or YAML's .inf/.nan (refused later, by the field, as not finite). 0x1A, 0b101,
# 1_000 and 1:30 stay the text they were written as, and the field that wants a number refuses
# them by name (ghgcalc.numbers) instead of reading 26, 5, 1000 or 90 in silence.
_DECIMAL = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_THREE_DIGITS = r"\d{3}"
_GROUPED_SO_FAR = r"[-+]?\d{1,3}(,\d{3})*"
_PLAIN_BOOLEANS = {"true", "false", "True", "False", "TRUE", "FALSE"}
_TAG_HINT = N_("remove the tag: an inventory holds plain values only")
# What libyaml says most often, in our catalog; anything else it says is shown as it says it.
_YAML_PROBLEMS: dict[str, tuple[str, dict[str, str]]] = {
    "mapping values are not allowed in this context": (N_("mapping values are not allowed in this context"), {}),
    "mapping values are not allowed here": (N_("mapping values are not allowed here"), {}),
    "did not find expected key": (N_("did not find expected key"), {}),
    "did not find expected ',' or ']'": (N_("did not find expected ',' or '{close}'"), {"close": "]"}),
    "did not find expected ',' or '}'": (N_("did not find expected ',' or '{close}'"), {"close": "}"}),
    "did not find expected '-' indicator": (N_("did not find expected '-' indicator"), {}),
    "found character that cannot start any token": (N_("found character that cannot start any token"), {}),
    "found unexpected end of stream": (N_("found unexpected end of stream"), {}),
    "found undefined alias": (N_("found undefined alias"), {}),
    "could not find expected ':'": (N_("could not find expected ':'"), {}),
    "found a tab character that violates indentation": (
        N_("a tab is used for indenting; YAML indents with spaces"),
        {},
    ),
    "found a tab character where an indentation space is expected": (
        N_("a tab is used for indenting; YAML indents with spaces"),
        {},
    ),
    "did not find expected node content": (N_("a value is missing here"), {}),
    "block sequence entries are not allowed in this context": (
        N_("a list item ('- ') is not allowed here (check the indentation)"),
        {},
    ),
    "found unknown escape character": (N_("an unknown escape (a backslash) in a quoted text"), {}),
    "control characters are not allowed": (N_("the file holds control characters, which YAML does not allow"), {}),
}


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document is, by path: worked out from the
    document's nodes (`root`) when first asked for, as most documents are never asked."""

    source: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    root: yaml.Node | None = field(default=None, repr=False, compare=False)

    def locate(self, path: Path, at_key: bool = False) -> Location:
        """The position of `path`, or of its nearest ancestor that has one."""
        self._found()
        table = self.keys if at_key and path in self.keys else self.values
        probe = tuple(path)
        while probe and probe not in table:
            probe = probe[:-1]
            table = self.values
        line, column = table.get(probe, (None, None))
        return Location(self.source, line, column)

    def resolve(self, loc: tuple[object, ...]) -> Path:
        """Map a validation error's loc onto document paths, skipping parts that are not in it."""
        self._found()
        path: list[str | int] = []
        for part in loc:
            candidate = (*path, part)
            if candidate in self.values or candidate in self.keys:
                path.append(part)  # type: ignore[arg-type]
        return tuple(path)

    def _found(self) -> None:
        root, self.root = self.root, None
        if root is not None:
            _record(root, self.values, self.keys)

    def __getstate__(self) -> dict[str, object]:
        self._found()  # the tables travel, not the nodes
        return dict(self.__dict__)


def _record(root: yaml.Node, values: dict[Path, tuple[int, int]], keys: dict[Path, tuple[int, int]]) -> None:
    """The position of every value and mapping key the walk of `root` (a document it walked
    whole) made data of: the same nodes, by the same rules (_Walker.walk, _Walker._mapping)."""
    stack: list[tuple[Path, yaml.Node]] = [((), root)]
    while stack:  # (without recursion: this runs deeper in the stack than the walk did)
        path, node = stack.pop()
        mark = node.start_mark
        values.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, _ScalarNode) or node.tag not in _PLAIN_TAGS:
            continue
        if isinstance(node, yaml.MappingNode):
            taken: set[str] = set()
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE or not isinstance(key_node, _ScalarNode):
                    continue
                key = str(key_node.value)
                if key in taken:
                    continue
                taken.add(key)
                child = (*path, key)
                mark = key_node.start_mark
                keys[child] = (mark.line + 1, mark.column + 1)
                stack.append((child, value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*path, index), item) for index, item in enumerate(node.value))


class _TooComplex(Exception):
    pass


class _Walker:
    def __init__(self, source: str, anchored: bool = True) -> None:
        """`anchored`: the document may have anchors, so that a node may be reached again by an alias."""
        self.positions = Positions(source)
        self.anchored = anchored
        self.issues: list[Issue] = []
        self.budget = MAX_NODES
        self.alias_budget = MAX_ALIAS_NODES
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def issue(self, code: str, message: str, mark: yaml.Mark | None, hint: str | None = None, path: Path = ()) -> None:
        location = (
            Location(self.positions.source, mark.line + 1, mark.column + 1) if mark else Location(self.positions.source)
        )
        self.issues.append(Issue(code, message, Severity.ERROR, location, path, hint))

    def walk(self, node: yaml.Node, path: Path) -> object:
        self.budget -= 1
        if self.anchored:  # (without an anchor no node is reached twice: each is walked once)
            key = id(node)
            if key in self.seen:
                self.alias_budget -= 1
            else:
                self.seen.add(key)
        if self.budget < 0 or self.alias_budget < 0:
            raise _TooComplex
        if isinstance(node, _ScalarNode):
            # most values are text: PyYAML's str, without _scalar's other cases
            return node.value if node.tag == _STR else self._scalar(node)
        if node.tag not in _PLAIN_TAGS:
            self.issue(
                "yaml-tag-unsafe",
                tr("the tag {tag} is not allowed", tag=repr(node.tag)),
                node.start_mark,
                tr(_TAG_HINT),
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.flow_style:
                self._thousands_in_list(node, path)
            return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)  # (a node of another kind: none is composed)

    def _thousands_in_list(self, node: yaml.SequenceNode, path: Path) -> None:
        """`[12,000, 15,000, 11,000]` is six numbers to YAML: a list item of exactly three digits
        right after the previous item's comma, with no space, is a thousands group cut off."""
        groups: list[str] = []
        glued, last_end = False, -1
        decimals: list[str] = []  # "45,5": a glued item of other than three digits
        spaced = False  # whether any item is apart from the comma before it
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                return  # a list of lists or mappings: not a list of numbers
            previous = groups[-1] if groups else None
            touching = previous is not None and item.start_mark.index == last_end + 1
            spaced = spaced or (previous is not None and not touching)
            if (
                touching
                and previous is not None
                and not item.style  # plain: "" (libyaml) or None; a quoted item is meant as written
                and re.compile(_THREE_DIGITS).fullmatch(item.value)
                and re.compile(_GROUPED_SO_FAR).fullmatch(previous)
            ):
                groups[-1] = f"{previous},{item.value}"
                glued = True
            else:
                glued_digits = touching and not item.style and item.value.isdigit()
                if glued_digits and previous is not None and re.compile(_WHOLE).fullmatch(previous):
                    decimals.append(f"{previous},{item.value}")
                groups.append(str(item.value))
            last_end = item.end_mark.index
        if decimals and spaced:
            # [45,5, 48,2, 47,8]: numbers written with a decimal comma, the items of a pair glued and
            # the pairs apart; a list written without any spaces ([1,2,3]) is meant as it reads
            self.issue(
                "number-list-decimal-comma",
                tr(
                    "this list reads as {count} numbers: {pair} looks like one number written with a decimal comma",
                    count=len(node.value),
                    pair=decimals[0],
                ),
                node.start_mark,
                tr(
                    "write decimals with a point ({example}), or put a space after every comma",
                    example=decimals[0].replace(",", "."),
                ),
                path,
            )
            return
        if glued:
            quoted = ", ".join(f'"{group}"' for group in groups)
            self.issue(
                "number-list-grouping",
                tr(
                    "this list reads as {count} numbers, not {meant}: a comma followed by three "
                    "digits and no space splits a number written with a thousands comma",
                    count=len(node.value),
                    meant=len(groups),
                ),
                node.start_mark,
                tr("quote each number: [{numbers}], or write them without commas", numbers=quoted),
                path,
            )

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.issue(
                    "yaml-merge-key",
                    tr("merge keys ('<<') are not supported"),
                    key_node.start_mark,
                    tr("write the keys out in full"),
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.issue("key-invalid", tr("a mapping key must be plain text"), key_node.start_mark)
                continue
            key = str(key_node.value)
            if key in result:
                self.issue(
                    "key-duplicate",
                    tr("'{key}' is given twice in the same mapping", key=key),
                    key_node.start_mark,
                    tr("keep one of them"),
                )
                continue
            result[key] = self.walk(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.Node) -> object:
        # YAML 1.1 reads yes/no/on/off as booleans; people mean the words (a label "No", the
        # notation key NO), so only true/false are booleans here.
        if node.tag == "tag:yaml.org,2002:bool" and node.value not in _PLAIN_BOOLEANS:
            return node.value
        # YAML 1.1 also reads 012 as octal (10) and 1:30 as base 60 (90); people mean 12 and a
        # text that is no number, as YAML 1.2 reads them.
        tag = node.tag
        if tag == _STR:  # what PyYAML's constructor gives, without its dispatch (most values)
            return node.value
        if tag in (_INT, _FLOAT):
            value = node.value
            if (
                tag == _INT
                and value.isascii()
                and value.isdigit()
                and value[0] != "0"
                and len(value) <= _LONGEST_NUMBER
            ):
                return int(value, 10)  # the common case, at once: plain digits (isdigit takes no sign)
            if len(value) > _LONGEST_NUMBER:  # past int()'s limit of digits: the field says it is too large
                return value
            if _LEADING_ZERO.fullmatch(value):
                return int(value, 10)
            if not _DECIMAL.fullmatch(value):
                return value  # 0x1A, 0b101, 1_000, 1:30: the field refuses the text by name
            if tag == _INT:  # plain decimal digits, no leading zero: PyYAML's int, without its dispatch
                # (`!!int 1.5`, `!!int 1e3` stay text, which the field reads as the number it is)
                return int(value, 10) if re.compile(_WHOLE).fullmatch(value) else value
            if value[-1].isdigit() or value[-1] == ".":
                number = float(value)  # 1e400 overflows: the text, which the field calls too large
                return value if math.isinf(number) else number
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self.issue(
                "yaml-tag-unsafe",
                tr("the tag {tag} is not allowed", tag=repr(node.tag)),
                node.start_mark,
                tr(_TAG_HINT),
            )
        except Exception:  # noqa: BLE001 - PyYAML's constructors raise ValueError, IndexError, AttributeError...
            # a plain value PyYAML cannot build (2567-02-29, a B.E. date that is no C.E. date; odd
            # number-like text) stays text; the fields that need a number or a date say so
            return str(node.value)
        return None


_TOO_DEEP = N_("the document is nested too deeply")
_TABLE_HINT = N_(
    "split it into several inventories, or give the lines as an activity table (activities_table: a .csv file)"
)


# `label: Pump #4`: YAML reads a '#' after a space, and all that follows on the line, as a comment,
# so the label is "Pump". A comment seldom starts with a digit straight after its '#'; a number in
# a name often does. Only a plain text value is judged, as YAML's scanner finds them: after a number
# (`amount: 1200 #2nd bill`) a comment is what the writer meant, and inside a quoted value or a
# block (`label: |`) a '#' is text, kept in the value.
_HASH_DIGIT = re.compile(r"[ \t]#\d")
_COMMENT_AFTER = r"[ \t]+(#\d[^\r\n]*)"
_NUMBER_LIKE = r"[-+]?[\d.,\s]+"


def comments_in_values(text: str, source: str) -> list[Issue]:
    """Warnings at each text value that a comment beginning with a digit follows on its line."""
    # (a text without a '#' is found so without the pattern, which tries every character)
    if "#" not in text or _HASH_DIGIT.search(text) is None:
        return []
    found = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if not isinstance(token, yaml.ScalarToken) or not token.plain:
                continue
            match = re.compile(_COMMENT_AFTER).match(text, token.end_mark.index)
            if match is None or re.compile(_NUMBER_LIKE).fullmatch(token.value):
                continue
            value, comment = token.value, match.group(1).rstrip()
            column = match.start(1) - text.rfind("\n", 0, match.start(1))
            found.append(
                Issue(
                    "yaml-comment-in-value",
                    tr(
                        "'{comment}' is read as a comment, not as part of the value: the value is '{value}'",
                        comment=comment,
                        value=value,
                    ),
                    Severity.WARNING,
                    Location(source, token.end_mark.line + 1, column),
                    hint=tr(
                        'if it belongs to the value, put the whole value in quotes: "{whole}"',
                        whole=f"{value} {comment}",
                    ),
                )
            )
    except yaml.YAMLError:  # the document was read already; a scanner's complaint is not this check's
        pass
    return found


def parse(text: str, source: str) -> tuple[object, Positions, list[Issue]]:
    """The data of a one-document YAML text, the positions of its values, and its problems."""
    walker = _Walker(source, anchored="&" in text)  # an anchor is written with '&'
    # nearly every value follows one of these (a block's first key shares its newline): the values
    # counted before PyYAML lays them all out in memory (a text shorter than 2 per value has fewer)
    if len(text) > 2 * MAX_NODES and sum(map(text.count, ",:\n[{")) >= MAX_NODES:
        walker.issue(
            "yaml-too-large",
            tr("the file holds about {count} values or more: too many for one inventory file", count=f"{MAX_NODES:,}"),
            None,
            tr(_TABLE_HINT),
        )
        return None, walker.positions, walker.issues
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or tr("not valid YAML")
        hint: str | None = tr("check the indentation and the brackets and quotes on this line or the one above")
        code = "yaml-syntax"
        if "another document" in problem:
            problem = tr("the file holds more than one YAML document")
            hint = tr("an inventory is one document: remove the '---' line, or split the file in two")
        elif "depth" in problem or "nest" in problem:
            code, problem, hint = "yaml-too-deep", tr(_TOO_DEEP), None
        elif problem in _YAML_PROBLEMS:
            msgid, params = _YAML_PROBLEMS[problem]
            problem = tr(msgid, **params)
        walker.issue(
            code, tr("invalid YAML: {problem}", problem=problem) if code == "yaml-syntax" else problem, mark, hint
        )
        return None, walker.positions, walker.issues
    except yaml.YAMLError as exc:
        walker.issue("yaml-syntax", tr("invalid YAML: {problem}", problem=exc), None)
        return None, walker.positions, walker.issues
    except RecursionError:
        walker.issue("yaml-too-deep", tr(_TOO_DEEP), None)
        return None, walker.positions, walker.issues
    if node is None:
        return None, walker.positions, walker.issues
    try:
        data = walker.walk(node, ())
    except _TooComplex:
        walker.issues.clear()
        walker.issue(
            "yaml-too-complex",
            tr("the document expands to too many values (an alias used over and over: an alias bomb?)"),
            node.start_mark,
        )
        return None, walker.positions, walker.issues
    except RecursionError:
        walker.issue("yaml-too-deep", tr(_TOO_DEEP), node.start_mark)
        return None, walker.positions, walker.issues
    walker.positions.root = node  # walked whole: its positions are worked out when asked for
    if MAX_NODES - walker.budget > LAZY_NODES:
        walker.positions.locate(())  # a large document's: its nodes would hold more memory than they
    return data, walker.positions, walker.issues


# Problems of single values that leave the document whole: the reader still checks everything else.
VALUE_PROBLEMS = frozenset({"number-list-grouping", "number-list-decimal-comma"})
