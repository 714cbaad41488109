"""The YAML starters of `ghgcalc init`, in the reader's language (docs/cli.md, init).

A starter is a string.Template kept in ghgcalc/data: `starter-<kind>.yaml` in English and, where a
translation exists, `starter-<kind>.<language>.yaml` (`starter-plan.th.yaml`). A translation has the
same keys, values and $placeholders as the English starter, so both compute the same numbers; only
its comments and free-text labels and names are in the other language. The caller fills in the
placeholders ($period; $start, $later, $horizon and $horizon_ce of a plan), as cli/init.py does.
"""

from __future__ import annotations

from importlib import resources

from ghgcalc.i18n import DEFAULT, LANGUAGES

KINDS = ("organization", "community", "plan")


def starter_text(kind: str, language: str) -> str:
    """The raw template text of the `kind` starter (organization, community or plan) with its
    comments in `language` (th or en); the English starter where no translation exists."""
    if kind not in KINDS:
        raise ValueError(f"starter kind {kind!r} is not one of {', '.join(KINDS)}")
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    data = resources.files("ghgcalc").joinpath("data")
    translated = data.joinpath(f"starter-{kind}.{language}.yaml")
    if language != DEFAULT and translated.is_file():
        return translated.read_text(encoding="utf-8")
    return data.joinpath(f"starter-{kind}.yaml").read_text(encoding="utf-8")
