"""JSON output: a stable, documented envelope around plain data (see README, "JSON output").

Never goes through a Rich console, so FORCE_COLOR cannot put escape codes into it.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .. import __version__, i18n, wording
from ..i18n import _
from ..wording import GENERAL_QUESTIONS, ROW_TEXT, STATUS_WORDS, WHAT_MATTERS, cell_detail, name_note

if TYPE_CHECKING:
    from ..models import CrisisLine, GlossaryTerm
    from ..views import (
        AboutInfo,
        Brief,
        Cell,
        ChangesView,
        Comparison,
        CrisisHelp,
        FaqView,
        IpdasView,
        ListPage,
        NameNote,
        QuestionList,
        SearchView,
        ShowView,
        WeighView,
    )

SCHEMA_VERSION = 2  # 2: compare cells carry short, detail, refs and the lead outcome (see docs/json.md)


def envelope(command: str, data: dict[str, Any], urgent_help: str = wording.CRISIS_POINTER) -> str:
    doc = {
        "trdguide": __version__,
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "lang": i18n.language(),  # the language of the text values (keys are always English)
        "disclaimer": _(wording.DISCLAIMER),
        "urgent_help": _(urgent_help),
        "data": data,
    }
    # ASCII-only: every control, bidi or non-ASCII character in data is written as a \\u escape
    return json.dumps(doc, ensure_ascii=True, indent=2, default=_default) + "\n"


def _default(o: object) -> object:
    if isinstance(o, _dt.date):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def summary(i: Brief) -> dict[str, Any]:
    return {
        "id": i.id,
        "name": i.name,
        "short_name": i.short_name,
        "category": i.category.value,
        "status": {"label": i.status.value, "meaning": _(STATUS_WORDS[i.status]), "note": i.status_note},
        "where": [p.value for p in i.where],
        "anaesthesia": i.anaesthesia.value,
        "time_to_effect": i.time_to_effect,
        "last_reviewed": i.last_reviewed.isoformat(),
    }


def list_json(page: ListPage, urgent_help: str = wording.CRISIS_POINTER) -> str:
    return envelope(
        "list",
        {
            "count": page.total,
            "offset": page.start,
            "limit": page.limit,
            "interventions": [summary(i) for i in page.items],
        },
        urgent_help,
    )


def questions_json(q: QuestionList, urgent_help: str = wording.CRISIS_POINTER) -> str:
    data = {
        "options": [i.id for i in q.items],
        "questions": {i.id: list(i.questions_to_ask) for i in q.items},
        "general": [_(q) for q in GENERAL_QUESTIONS],
        "what_matters_most": [_(m) for m in WHAT_MATTERS],
        "notes": _notes(q.notes),
    }
    return envelope("questions", data, urgent_help)


def show_json(view: ShowView, urgent_help: str = wording.CRISIS_POINTER) -> str:
    return envelope(
        "show",
        {
            "notes": _notes(view.notes),
            "in_short": [
                {
                    "key": r.key,
                    "question": _(ROW_TEXT[r.key].question),
                    "label": _(ROW_TEXT[r.key].label),
                    **_cell(r.cells[0]),
                }
                for r in view.in_short
                if r.cells[0].short is not None
            ],
            "intervention": view.item.model_dump(mode="json"),
            "see_also": [r.id for r in view.see_also],
            "references": [r.model_dump(mode="json") for r in view.references],
        },
        urgent_help,
    )


def compare_json(c: Comparison, urgent_help: str = wording.CRISIS_POINTER) -> str:
    ids = [o.id for o in c.options]
    return envelope(
        "compare",
        {
            "notes": _notes(c.notes),
            "options": [summary(o) for o in c.briefs],
            "detail": c.detail,
            "rows": [
                {
                    "key": r.key,
                    "question": _(ROW_TEXT[r.key].question),
                    "label": _(ROW_TEXT[r.key].label),
                    "cells": {i: _cell(cell) for i, cell in zip(ids, r.cells)},
                }
                for r in c.rows
            ],
            "caveat": _(wording.COMPARISON_CAVEAT),
            "head_to_head": [h.model_dump(mode="json") for h in c.head_to_head],
            "see_also": [s.id for s in c.see_also],
            "references": [r.model_dump(mode="json") for r in c.references],
            "reviewed": {"oldest": c.reviewed[0].isoformat(), "newest": c.reviewed[1].isoformat()},
        },
        urgent_help,
    )


def _cell(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"short": cell.short, "detail": cell_detail(cell.item, cell.key), "refs": cell.refs}
    if cell.lead is not None:
        lead = cell.lead._asdict()
        lead["range"] = list(cell.lead.range) if cell.lead.range else None
        out["lead_outcome"] = lead
    return out


def faq_json(view: FaqView, urgent_help: str = wording.CRISIS_POINTER) -> str:
    entries = [{"number": n, **f.model_dump(mode="json")} for n, f in view.entries]
    return envelope("faq", {"entries": entries}, urgent_help)


def search_json(view: SearchView, urgent_help: str = wording.CRISIS_POINTER) -> str:
    """`search WORDS` and `faq WORDS`: the results best first, each with the command that shows it in full."""
    from .document import search_command

    data = {
        "query": view.query,
        "faq_first": view.faq_first,
        "corrections": [{"typed": t, "read_as": r} for t, r in view.corrections],
        "named": view.named.id if view.named is not None else None,
        "choice": [b.id for b in view.choice],
        "results": [
            {
                "kind": h.kind,
                "target": h.target,
                "title": h.title,
                "section": h.section or None,
                "section_label": _(wording.SECTION_LABELS[h.section]) if h.section in wording.SECTION_LABELS else None,
                "text": h.pieces,
                "command": search_command(h),
                "score": h.score,
            }
            for h in view.hits
        ],
        "suggestions": list(view.suggestions),
        "urgent": _(wording.SEARCH_URGENT) if view.urgent else None,
    }
    return envelope("search", data, urgent_help)


def _notes(notes: Sequence[NameNote]) -> list[str]:
    return [name_note(n) for n in notes]


def glossary_json(terms: list[GlossaryTerm], urgent_help: str = wording.CRISIS_POINTER) -> str:
    return envelope("glossary", {"terms": [g.model_dump(mode="json") for g in terms]}, urgent_help)


def crisis_json(lines: list[CrisisLine], urgent_help: str = wording.CRISIS_POINTER) -> str:
    return envelope("crisis", {"lines": [c.model_dump(mode="json") for c in lines]}, urgent_help)


def changes_json(view: ChangesView, urgent_help: str = wording.CRISIS_POINTER) -> str:
    entries = [{"option": e.option, "name": e.name, **e.change.model_dump(mode="json")} for e in view.entries]
    since = view.since.isoformat() if view.since else None
    return envelope("changes", {"since": since, "entries": entries}, urgent_help)
def crisis_help_json(help: CrisisHelp, urgent_help: str = wording.CRISIS_POINTER) -> str:
    """`crisis --region X`: as crisis_json; where X names no covered region, also what was asked, the covered
    regions, any close spellings, and the advice to call the local emergency number."""
    data: dict[str, object] = {"lines": [c.model_dump(mode="json") for c in help.lines]}
    if help.asked is not None:
        data["region_asked"] = help.asked
        data["region_covered"] = False
        data["covered_regions"] = [{"region": code, "region_name": name} for code, name in help.regions]
        data["did_you_mean"] = list(help.suggestions)
        data["advice"] = _(wording.LOCAL_EMERGENCY)
    return envelope("crisis", data, urgent_help)


def about_json(info: AboutInfo, urgent_help: str = wording.CRISIS_POINTER) -> str:
    data = {"version": info.version, "scope": _(wording.ABOUT_SCOPE), **info._asdict()}
    data["last_audit"] = _(wording.ABOUT_AUDIT)
    data["licence"] = _(wording.ABOUT_LICENCE)
    translation = data.pop("translation")
    if translation is not None:  # in another language: how its text was made (docs/json.md)
        data["translation"] = {**translation._asdict(), "methods": list(translation.methods)}
        data["translation"]["clinician_review"] = list(translation.clinician_review)
    return envelope("about", data, urgent_help)


def validate_json(report: Report) -> str:
    """`trdguide validate --format json`: findings for CI (no disclaimer: a tool report, not guidance)."""
    from ..findings import RULES, rule

    doc = {
        "sources": report.sources,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "findings": [f.as_dict() for f in report.findings],
        "coverage": [c._asdict() for c in report.coverage],
        "rules": {code: rule(code) for code in RULES},
    }
    return json.dumps(doc, ensure_ascii=True, indent=2) + "\n"


if TYPE_CHECKING:
    from ..findings import Report


def weigh_json(view: WeighView, urgent_help: str = wording.CRISIS_POINTER) -> str:
    """`weigh`: every option with `conflicts` ({key, reason, field}) and `matters` (the rows chosen).

    No score and no rank: `group` says how many of the reader's avoid items an option involves
    ("none", "one", "more"), and options keep the guide's usual order within a group.
    """
    options = []
    for group, members in view.groups:
        for w in members:
            options.append(
                {
                    **summary(w.brief),
                    "group": group,
                    "conflicts": [
                        {"key": c.key, "reason": wording.conflict_reason(c.key, c.reason, c.value), "field": c.field}
                        for c in w.conflicts
                    ],
                    "not_known": list(w.not_known),
                    "matters": [
                        {"key": m, "row": cell.key, "short": cell.short, "refs": cell.refs}
                        for m, cell in zip(view.matters, w.matters)
                    ],
                }
            )
    return envelope(
        "weigh",
        {
            "framing": _(wording.WEIGH_FRAMING),
            "avoid": list(view.avoid),
            "matters": list(view.matters),
            "groups": {g: _(wording.WEIGH_GROUPS[g]) for g, _ws in view.groups},
            "options": options,
            "sure": [{"question": _(q), "answer": a} for q, a in zip(wording.SURE_QUESTIONS, view.sure)],
        },
        urgent_help,
    )


def ipdas_json(view: IpdasView, urgent_help: str = wording.CRISIS_POINTER) -> str:
    """`about --ipdas`: each criterion with what the guide does, how it was checked, and the figures."""
    rows = []
    for r in view.rows:
        criterion, does = wording.ipdas_row(r.code, r.facts)
        rows.append(
            {
                "code": r.code,
                "criterion": criterion.split(" ", 1)[1],
                "what_the_guide_does": does,
                "how": r.how,
                "met": r.met,
                "facts": r.facts,
            }
        )
    return envelope("about-ipdas", {"criteria": rows, "sources": list(wording.IPDAS_SOURCES)}, urgent_help)
