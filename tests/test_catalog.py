"""Every word a person reads exists in Thai and English from one catalog (docs/translating.md).

- every message marked with `tr` or `both` has a Thai text in src/ghgcalc/locale/th/*.po, with the
  same placeholders;
- the PO files are valid gettext catalogs and never give one message two Thai texts;
- no message is written without `tr`: the text of an error, warning, hint or usage error is never a
  bare string or an f-string (an f-string cannot be translated: its words and values are fused).
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from ghgcalc import i18n
from tests.conftest import ROOT

SRC = ROOT / "src" / "ghgcalc"
LOCALE = SRC / "locale" / "th"
babel_extract = pytest.importorskip("babel.messages.extract")
babel_pofile = pytest.importorskip("babel.messages.pofile")


def marked() -> dict[str, list[str]]:
    """Every msgid marked in the source, with where it is marked."""
    found: dict[str, list[str]] = {}
    keywords = {"tr": None, "both": None, "N_": None}
    for filename, lineno, message, _, _ in babel_extract.extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=keywords, comment_tags=()
    ):
        if isinstance(message, str):
            found.setdefault(message, []).append(f"src/ghgcalc/{filename}:{lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_marked_message_has_a_thai_text() -> None:
    thai = i18n.catalog("th")
    missing = [f"{where[0]}: {msgid!r}" for msgid, where in sorted(marked().items()) if not thai.get(msgid)]
    assert not missing, f"{len(missing)} messages have no Thai text in {LOCALE}:\n" + "\n".join(missing[:80])


def test_a_thai_text_has_the_placeholders_of_its_english() -> None:
    thai = i18n.catalog("th")
    wrong = [
        f"{where[0]}: {msgid!r} -> {thai[msgid]!r}"
        for msgid, where in sorted(marked().items())
        if msgid in thai and placeholders(thai[msgid]) != placeholders(msgid)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*.po")), ids=lambda p: p.name)
def test_each_catalog_is_a_valid_po_file(po: Path) -> None:
    with po.open("rb") as handle:
        catalog = babel_pofile.read_po(handle, abort_invalid=True)
    assert len(catalog) > 0
    # our own reader reads what gettext's tools read
    ours = dict(i18n.read_po(po.read_text(encoding="utf-8")))
    theirs = {m.id: m.string for m in catalog if m.id and not m.fuzzy}
    assert {k: v for k, v in ours.items() if k} == theirs


def test_no_message_has_two_thai_texts() -> None:
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for po in sorted(LOCALE.glob("*.po")):
        for msgid, msgstr in i18n.read_po(po.read_text(encoding="utf-8")):
            if msgid and msgid in seen and seen[msgid][1] != msgstr:
                clashes.append(f"{msgid!r}: {seen[msgid][0]} and {po.name}")
            seen.setdefault(msgid, (po.name, msgstr))
    assert not clashes, "\n".join(clashes)


# --- nothing a person reads is left unmarked ----------------------------------------------------

# Calls whose string arguments are words for a person: (name, the argument positions and keyword
# names that hold such words).
MESSAGE_CALLS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "error": ((1, 3), ("message", "hint")),
    "warning": ((1, 3), ("message", "hint")),
    "Issue": ((1, 5), ("message", "hint")),
    "UsageError": ((0, 1), ("message", "hint")),
    "GhgcalcError": ((0, 1), ("message", "hint")),
    "FactorSetError": ((0, 1), ("message", "hint")),
    "OutputError": ((0, 1), ("message", "hint")),
    "NumberError": ((1, 2), ("message", "hint")),
    "UnitError": ((1, 2), ("message", "hint")),  # (code, message, hint)
    "located": ((1, 3), ("message", "hint")),
    "_say": ((0,), ()),
}
# Words: two letters in a row outside a {placeholder}; "{problem}" alone is not words.
WORDS = re.compile(r"[A-Za-z]{2,}")


def _has_words(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True  # an f-string cannot be translated
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(re.sub(r"\{[^{}]*\}", "", node.value)))
    if isinstance(node, ast.BinOp):  # "a" + "b", "a %s" % x
        return _has_words(node.left) or _has_words(node.right)
    return False


def _dict_words(node: ast.AST) -> bool:
    """A pydantic error's context: its problem and hint texts are words too."""
    return isinstance(node, ast.Dict) and any(
        isinstance(k, ast.Constant) and k.value in ("problem", "hint") and v is not None and _has_words(v)
        for k, v in zip(node.keys, node.values, strict=True)
    )


def unmarked(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name == "PydanticCustomError":
            if any(_has_words(arg) or _dict_words(arg) for arg in node.args[1:]):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
            continue
        if name not in MESSAGE_CALLS:
            continue
        positions, keywords = MESSAGE_CALLS[name]
        args = [node.args[i] for i in positions if i < len(node.args)]
        args += [k.value for k in node.keywords if k.arg in keywords]
        if any(_has_words(arg) for arg in args):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


AREAS = ["cli", "reports", "io", "core", "methods", "models", "top"]


def _files(area: str) -> list[Path]:
    if area == "top":
        return sorted(p for p in SRC.glob("*.py"))
    return sorted((SRC / area).rglob("*.py"))


@pytest.mark.parametrize("area", AREAS)
def test_no_message_is_written_without_tr(area: str) -> None:
    found = [where for path in _files(area) for where in unmarked(path)]
    assert not found, f"{len(found)} messages in {area}/ are not marked with tr():\n" + "\n".join(found)


def test_the_check_finds_what_it_should(tmp_path: Path) -> None:
    """The scan above is not vacuous: it flags an f-string message, a bare hint and a pydantic
    context, and passes marked ones."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "error('a-code', f'{x} is bad', ('p',), 'fix it')\n"
        "warning('w', tr('{x} is odd', x=1), (), hint='check it')\n"
        "UsageError(tr('no such file'), tr('name one'))\n"
        "PydanticCustomError('c', '{problem}', {'problem': 'it is wrong'})\n"
        "PydanticCustomError('c', '{problem}', {'problem': tr('it is wrong')})\n",
        encoding="utf-8",
    )
    found = [line.rsplit(":", 1)[1] for line in unmarked(sample, tmp_path)]
    assert found == ["1", "2", "4"]


def test_every_thai_text_is_of_a_message_the_program_marks() -> None:
    """A Thai text whose English no code marks any more (a message reworded, a feature gone) is
    dead weight a translator would keep revising: each PO entry is of a marked message."""
    found = marked()
    unused = []
    for po in sorted(LOCALE.glob("*.po")):
        with po.open("rb") as handle:
            catalog = babel_pofile.read_po(handle)
        unused += [f"{po.name}: {message.id!r}" for message in catalog if message.id and message.id not in found]
    assert not unused, f"{len(unused)} Thai texts of messages no code marks:\n" + "\n".join(unused[:40])
