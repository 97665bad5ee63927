"""JSON Schemas of the knowledge-base files, generated from the pydantic models (the one definition)."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .models import CrisisLine, FaqEntry, GlossaryTerm, HeadToHead, Intervention, Reference

_LISTS: dict[str, type[BaseModel]] = {
    "references": Reference,
    "head-to-head": HeadToHead,
    "faq": FaqEntry,
    "glossary": GlossaryTerm,
    "crisis": CrisisLine,
}
KINDS = ("intervention", "override", *_LISTS)


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file: an intervention record, an override, or a list file."""
    if kind == "intervention":
        out = Intervention.model_json_schema()
        out["title"] = "trdguide intervention record"
    elif kind == "override":
        out = copy.deepcopy(Intervention.model_json_schema())
        out["title"] = "trdguide override: changes the named fields of a record in the base it extends"
        out["required"] = ["id"]
    elif kind in _LISTS:
        out = TypeAdapter(list[_LISTS[kind]]).json_schema()  # type: ignore[valid-type]
        out["title"] = f"trdguide {kind} file"
    else:
        raise KeyError(kind)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out
