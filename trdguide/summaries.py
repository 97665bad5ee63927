"""Rules for short answers and the lead result, as plain functions over a record (no terminal, no YAML).

A short answer is a faithful summary of a record's cited detail. Mechanically that means: every number
in it also appears in that detail, or is the difference between one outcome's figure and its own
comparator's figure (never between figures of different studies). The linter and the tests use these
functions; the compare query uses `lead_outcome` and `difference`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .vocab import CONTROLLED_COMPARATORS, ComparatorKind

if TYPE_CHECKING:
    from .models import Intervention, Outcome

SHORT_KEYS = ("work", "soon", "like", "common", "serious", "unsuitable", "lasting", "status", "evidence", "cost")
MAX_WORDS = 25  # the target ("about 25 words at most"); the linter warns above it
HARD_MAX_WORDS = 35  # an error: this is no longer a short answer

_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_WORDS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.I)


def per100(v: float) -> int:
    """A figure rounded to whole people, halves up (4.5 -> 5)."""
    return int(v + 0.5)


def numbers_in(text: str, words: bool = False) -> list[float]:
    """The numbers written in digits in `text` ("10,000" is 10000); with `words`, also "one" to "twenty"."""
    found = [float(m.group(0).replace(",", "")) for m in _NUMBER.finditer(text)]
    if words:
        found += [float(_WORDS[m.group(1).lower()]) for m in _WORD_NUMBER.finditer(text)]
    return found


def word_count(text: str) -> int:
    return len(text.split())


def cited_texts(item: Intervention) -> Iterator[str]:
    """Every cited text of a record (the detail a short answer may draw its numbers from)."""
    from .models import walk_texts

    for path, text, refs in walk_texts(item):
        if refs and not path.startswith(("short.", "changes[")):
            yield text


def difference(o: Outcome) -> int | None:
    """The outcome's figure minus its own comparator's, in whole people (None where not defined)."""
    if o.per_100 is None or o.comparator is None or o.comparator.per_100 is None:
        return None
    return per100(o.per_100.value) - per100(o.comparator.per_100.value)


def allowed_numbers(item: Intervention) -> set[float]:
    """The numbers a short answer of this record may use."""
    ok: set[float] = {100.0}
    for text in cited_texts(item):
        ok.update(numbers_in(text, words=True))
    for o in item.outcomes:
        figs = [f for f in (o.per_100, o.comparator.per_100 if o.comparator else None) if f is not None]
        for f in figs:
            for v in (f.value, f.low, f.high):
                if v is not None:
                    ok.update({float(v), float(per100(v))})
        d = difference(o)
        if d is not None:
            assert o.per_100 is not None and o.comparator is not None and o.comparator.per_100 is not None
            ok.update({float(abs(d)), float(per100(abs(o.per_100.value - o.comparator.per_100.value)))})
    return ok


def unsourced_numbers(item: Intervention, text: str, ok: set[float] | None = None) -> list[str]:
    """Numbers in `text` that the record's cited detail does not contain (as written, for the message).
    `ok`: the record's `allowed_numbers`, where the caller checks several texts of one record."""
    if ok is None:
        ok = allowed_numbers(item)
    return [m.group(0) for m in _NUMBER.finditer(text) if float(m.group(0).replace(",", "")) not in ok]


def comparator_kind(o: Outcome) -> ComparatorKind:
    """The kind of comparison an outcome makes; `none` where it has no comparator."""
    if o.comparator is None:
        return ComparatorKind.none
    return o.comparator.kind


def is_controlled(o: Outcome) -> bool:
    return comparator_kind(o) in CONTROLLED_COMPARATORS


def lead_outcome(item: Intervention) -> Outcome | None:
    """The record's lead "Will it work?" result: its first outcome (the rule: controlled where possible)."""
    return item.outcomes[0] if item.outcomes else None


def lead_breaks_rule(item: Intervention) -> bool:
    """True where a controlled result exists but the first result is not one."""
    return bool(item.outcomes) and not is_controlled(item.outcomes[0]) and any(map(is_controlled, item.outcomes))


def reading_grader() -> Callable[[str], float] | None:
    """The school grade a text reads at (Flesch-Kincaid, from textstat), or None where textstat is not
    installed (it is an optional extra: `trdguide validate` and `about --ipdas` then skip the check)."""
    try:
        import textstat  # type: ignore[import-untyped]
    except ImportError:
        return None

    def grade(text: str) -> float:
        return float(textstat.flesch_kincaid_grade(text))

    return grade
