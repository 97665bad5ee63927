"""`trdguide about --ipdas`: the guide against the IPDAS criteria, checked now, on the knowledge base in use.

A query (queries layer). The criteria are the IPDAS instrument's minimum standards (Joseph-Williams and
others, Med Decis Making 2014; doi:10.1177/0272989X13501721): 6 qualifying, 10 certification and 28
quality criteria; and one domain of the 2006 IPDAS checklist (Elwyn and others, BMJ 2006;
doi:10.1136/bmj.38926.629329.AE). Each row that can be checked from the records is computed here at
run time, so a clinic's own knowledge base (`--data`) gets its own answer; the rest are either the
program's own text and commands ("built-in"), or need people (user testing, a declaration by authors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .findings import SHORT_MAX_GRADE
from .folding import fold
from .i18n import _
from .summaries import SHORT_KEYS, reading_grader
from .views import IpdasRow, IpdasView
from .vocab import Category

if TYPE_CHECKING:
    from .knowledge import KnowledgeBase
    from .models import Intervention

# every criterion, in the order of the standard; the words are in wording.IPDAS_TEXT
BUILT_IN = ("Q2", "C4", "C6", "B2", "B7", "B8", "B10", "B18")
PEOPLE = ("B12", "B13", "B14", "B15", "B16", "B17", "B20", "B22", "B23", "D1")
NOT_APPLICABLE = ("C7", "C8", "C9", "C10", "B24", "B25", "B26", "B27", "B28")  # about screening tests
ORDER = (
    *(f"Q{n}" for n in range(1, 7)),
    *(f"C{n}" for n in range(1, 11)),
    *(f"B{n}" for n in range(1, 29)),
    "D1",
)


def _ids(items: list[Intervention], bad: Callable[[Intervention], bool]) -> list[str]:
    return [i.id for i in items if bad(i)]


def _yes_no(found: bool) -> str:
    # Translators: whether the knowledge base has something (said inside a sentence: "in this knowledge base: yes")
    return _("yes") if found else _("no")


def _program(code: str, kb: KnowledgeBase, items: list[Intervention]) -> tuple[bool, dict[str, object]]:
    """A criterion checked on the records: whether they meet it, and the figures that say so."""
    n = len(items)
    outcomes = [o for i in items for o in i.outcomes]
    figures = [o for o in outcomes if o.per_100 is not None]
    no_short = _ids(items, lambda i: i.short is None)
    if code == "Q1":
        names = {fold(x) for g in kb.glossary() for x in (g.term, *g.aliases)}
        found = fold("treatment-resistant depression") in names
        return found, {"glossary": _yes_no(found)}
    if code == "Q3":
        return n >= 2, {"options": n}
    if code == "Q4":
        missing = _ids(items, lambda i: i.short is None and not i.outcomes)
        return not missing, {"options": n, "missing": missing}
    if code in ("Q5", "Q6", "C1"):
        return not no_short, {"options": n, "missing": no_short, "rows": len(SHORT_KEYS)}
    if code == "C2":
        known = set(kb.references)
        missing = _ids(items, lambda i: not i.all_ref_ids() <= known)
        return not missing, {"options": n, "references": len(known), "missing": missing}
    if code == "C3":
        oldest, newest = kb.review_range(items)
        return True, {"oldest": oldest.isoformat(), "newest": newest.isoformat()}
    if code == "C5":
        ranged = sum(1 for o in figures if o.per_100 is not None and o.per_100.low is not None)
        return True, {"options": n, "figures": len(figures), "ranges": ranged}
    if code == "B1":
        found = any(i.category is Category.current_care for i in items)
        return found, {"found": _yes_no(found)}
    if code == "B3":
        with_figure = n - len(_ids(items, lambda i: not any(o.per_100 is not None for o in i.outcomes)))
        return with_figure > 0, {"options": n, "with_figure": with_figure}
    if code == "B4":
        bare = [o for o in figures if o.comparator is None]
        return all(o.population and o.timeframe for o in outcomes), {
            "figures": len(figures),
            "without_comparison": len(bare),
            "outcomes": len(outcomes),
        }
    if code in ("B5", "B6"):
        return True, {"outcomes": len(outcomes), "figures": len(figures)}
    if code == "B9":
        missing = _ids(items, lambda i: i.setting.practical is None)
        return not missing, {"options": n, "with_block": n - len(missing), "missing": missing}
    if code == "B11":
        questions = sum(len(i.questions_to_ask) for i in items)
        return True, {"options": n, "questions": questions}
    if code == "B19":
        return True, {"options": n}
    if code == "B21":
        grade = reading_grader()
        texts = [getattr(i.short, k).text for i in items if i.short is not None for k in SHORT_KEYS]
        if grade is None or not texts:
            # Translators: said of the short answers' reading level where it could not be measured
            return False, {"answers": len(texts), "mean": _("not measured"), "target": SHORT_MAX_GRADE}
        grades = [grade(t) for t in texts]
        mean = sum(grades) / len(grades)
        over = sum(1 for g in grades if g > SHORT_MAX_GRADE)
        return mean <= SHORT_MAX_GRADE, {
            "answers": len(texts),
            "mean": f"{mean:.1f}",
            "over": over,
            "target": f"{SHORT_MAX_GRADE:g}",
        }
    raise KeyError(code)


def ipdas_check(kb: KnowledgeBase) -> IpdasView:
    items = [kb.get(iid) for iid in kb.store.index]
    rows: list[IpdasRow] = []
    for code in ORDER:
        if code in BUILT_IN:
            rows.append(IpdasRow(code, "built-in", None, {}))
        elif code in PEOPLE:
            rows.append(IpdasRow(code, "people", None, {}))
        elif code in NOT_APPLICABLE:
            rows.append(IpdasRow(code, "not-applicable", None, {}))
        else:
            met, facts = _program(code, kb, items)
            rows.append(IpdasRow(code, "program", met, facts))
    return IpdasView(rows, list(kb.sources))
