"""The words of the workbooks ghgcalc writes for people to fill in, from the one catalog (i18n).

A template is shared between officers who read Thai and English, and its reader reads either
language, so its labels carry both: the language of the run first ("กิจกรรม / Activity" with
`--lang th`, "Activity / กิจกรรม" otherwise). The descriptions beside a field stay in two columns,
Thai then English, whatever the language of the run. Every text is marked with `N_` where it is
defined and its Thai comes from the catalog (locale/th/io.po).
"""

from __future__ import annotations

from ghgcalc import i18n


def thai(msgid: str, /, **params: object) -> str:
    """`msgid` in Thai, whatever the language of the run (English where the catalog lacks it)."""
    text = i18n.catalog("th").get(msgid) or msgid
    return text.format(**params) if params else text


def english(msgid: str, /, **params: object) -> str:
    return msgid.format(**params) if params else msgid


def bilingual(msgid: str, /, **params: object) -> str:
    """'Activity / กิจกรรม', or 'กิจกรรม / Activity' in a Thai run; one text when both are the same."""
    first, second = english(msgid, **params), thai(msgid, **params)
    if first == second:
        return first
    if i18n.language() == "th":
        first, second = second, first
    return f"{first} / {second}"


def pair(english_text: str, thai_text: str) -> str:
    """Two given texts, the run's language first: a month header 'Oct / ต.ค.'."""
    return f"{thai_text} / {english_text}" if i18n.language() == "th" else f"{english_text} / {thai_text}"
