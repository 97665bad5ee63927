"""`trdguide weigh`: set every option beside what a reader would rather avoid and what matters most.

A query (this module belongs to the queries layer, next to knowledge.py): it reads structured fields of
each record and returns a view. It never scores, ranks or drops an option. Each avoid key is backed by a
structured field of every record: `setting.anaesthesia` (anaesthesia, implant), `status.label`
(unapproved) and the yes-or-no facts of `setting.practical` (the rest).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .knowledge import BadRequest, compare_cell
from .views import Conflict, Weighed, WeighView
from .vocab import MAX_MATTERS, Anaesthesia, Answer, Category, StatusLabel

if TYPE_CHECKING:
    from .knowledge import KnowledgeBase
    from .models import Intervention

# the things a reader may say they would rather avoid, in the order they are asked
AVOID_KEYS = ("anaesthesia", "weekday-visits", "no-driving", "controlled-drug", "implant", "unapproved", "slow")
# what may matter most (choose up to MAX_MATTERS), and the compare row whose short answer each one shows
MATTER_ROWS = {
    "works": "work",
    "soon": "soon",
    "side-effects": "common",
    "risks": "serious",
    "time": "like",
    "cost": "cost",
    "evidence": "evidence",
}
# the fact of `setting.practical` behind each avoid key that has one
PRACTICAL_FIELDS = {
    "weekday-visits": "weekday_visits",
    "no-driving": "no_driving",
    "controlled-drug": "controlled_drug",
    "slow": "slow",
}
# status labels that mean: not approved for this kind of depression in any region the guide covers
UNAPPROVED = frozenset(
    {
        StatusLabel.off_label,
        StatusLabel.investigational,
        StatusLabel.not_approved,
        StatusLabel.approved_other_use,
    }
)
GROUPS = ("none", "one", "more")


def parse_keys(text: str | None) -> list[str]:
    """A comma-separated list of keys, as typed (empty items dropped, order kept, repeats dropped)."""
    out: list[str] = []
    for k in (text or "").split(","):
        k = k.strip().lower()
        if k and k not in out:
            out.append(k)
    return out


def check_keys(avoid: Sequence[str], matters: Sequence[str]) -> None:
    """Raise BadRequest for an unknown key (with the nearest known ones) or too many matters."""
    for kind, keys, known in (("avoid", avoid, AVOID_KEYS), ("matters", matters, tuple(MATTER_ROWS))):
        for k in keys:
            if k not in known:
                near = difflib.get_close_matches(k, known, n=3, cutoff=0.6)
                raise BadRequest("unknown-weigh-key", option=kind, key=k, suggestions=near, known=list(known))
    if len(matters) > MAX_MATTERS:
        raise BadRequest("too-many-matters", most=MAX_MATTERS, given=len(matters))


def conflict(item: Intervention, key: str) -> Conflict | None | str:
    """The option's conflict with one avoid key; None if it has none; "not-known" if its record does not say."""
    setting = item.setting
    if key == "anaesthesia":
        a = setting.anaesthesia
        return None if a is Anaesthesia.none else Conflict(key, None, "setting.anaesthesia", a.value)
    if key == "implant":
        a = setting.anaesthesia
        return Conflict(key, None, "setting.anaesthesia", a.value) if a is Anaesthesia.surgical else None
    if key == "unapproved":
        label = item.status.label
        return Conflict(key, item.status.note, "status.label", label.value) if label in UNAPPROVED else None
    name = PRACTICAL_FIELDS[key]
    if setting.practical is None:
        return "not-known"
    fact = getattr(setting.practical, name)
    if fact.answer is Answer.not_known:
        return "not-known"
    if fact.answer is Answer.no:
        return None
    field = fact.see or f"setting.practical.{name}.refs"
    return Conflict(key, fact.reason, field, fact.answer.value)


def weigh_option(item: Intervention, avoid: Sequence[str], matters: Sequence[str]) -> tuple[list[Conflict], list[str]]:
    found: list[Conflict] = []
    unknown: list[str] = []
    for key in avoid:
        c = conflict(item, key)
        if isinstance(c, Conflict):
            found.append(c)
        elif c == "not-known":
            unknown.append(key)
    return found, unknown


def guide_order(kb: KnowledgeBase) -> list[str]:
    """The option ids in the guide's usual order, as `list` shows them: by category, then by short name."""
    rank = {c.value: n for n, c in enumerate(Category)}
    entries = kb.store.index.values()
    return [e.id for e in sorted(entries, key=lambda e: (rank.get(e.category, len(rank)), e.short_name.lower()))]


def weigh(
    kb: KnowledgeBase,
    avoid: Sequence[str] = (),
    matters: Sequence[str] = (),
    sure: Sequence[bool | None] = (None, None, None, None),
) -> WeighView:
    """Every option, grouped by how many of the avoid items it involves: none, one, more than one."""
    check_keys(avoid, matters)
    groups: dict[str, list[Weighed]] = {g: [] for g in GROUPS}
    for iid in guide_order(kb):
        item = kb.get(iid)
        found, unknown = weigh_option(item, avoid, matters)
        cells = [compare_cell(item, MATTER_ROWS[m]) for m in matters]
        group = GROUPS[min(len(found), 2)]
        groups[group].append(Weighed(kb.brief(iid), found, unknown, cells))
    return WeighView(list(avoid), list(matters), [(g, groups[g]) for g in GROUPS], tuple(sure))


def weigh_table(kb: KnowledgeBase) -> list[Weighed]:
    """Every option in the guide's usual order, set beside every avoid key and every matter row (for the website).

    Each option is what `weigh` gives it when every avoid key is named and every matter row chosen: its
    conflicts (one per key it involves, with reason and field), the keys its record does not answer, and
    the short answers in the order of MATTER_ROWS. The website's page keeps only the keys a reader ticks
    and groups the options by how many conflicts are left, which is the rule of `weigh`.
    """
    out = []
    matters = tuple(MATTER_ROWS)
    for iid in guide_order(kb):
        item = kb.get(iid)
        found, unknown = weigh_option(item, AVOID_KEYS, matters)
        out.append(Weighed(kb.brief(iid), found, unknown, [compare_cell(item, MATTER_ROWS[m]) for m in matters]))
    return out
