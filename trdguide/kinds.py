"""The one registry of knowledge-base kinds: where each lives in a folder, what model checks it, how its
entries are named. The loader, the cache, the JSON Schemas and the CLI all read it.

No pydantic here (shell completion reads the cache without it): models are named, and imported by
`model_of` only when a caller needs one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pydantic import BaseModel


class Kind(NamedTuple):
    """One kind of knowledge-base entry, and where it lives."""

    name: str  # as `trdguide schema NAME` and the checked-in schema/NAME.json call it
    path: str  # the folder (of YAML files) or the file in a knowledge base
    attr: str  # the attribute of a loaded bundle, and the cache's section
    model: str  # the class in trdguide.models that checks one entry
    label: str  # how a problem names one entry ("FAQ entry")
    key: str  # the field that names an entry (unique in a knowledge base)


INTERVENTIONS = Kind("intervention", "interventions", "interventions", "Intervention", "intervention", "id")
# an override names an intervention and changes some of its fields (see schemas.override_model)
OVERRIDES = Kind("override", "overrides", "overrides", "Intervention", "override", "id")
# the list-shaped parts: a folder of list files, or one list file
LISTS: tuple[Kind, ...] = (
    Kind("references", "references", "references", "Reference", "reference", "id"),
    Kind("head-to-head", "head_to_head", "head_to_head", "HeadToHead", "head-to-head trial", "id"),
    Kind("faq", "faq.yaml", "faq", "FaqEntry", "FAQ entry", "id"),
    Kind("glossary", "glossary.yaml", "glossary", "GlossaryTerm", "glossary term", "term"),
    Kind("crisis", "crisis.yaml", "crisis", "CrisisLine", "crisis line", "service"),
    Kind("synonyms", "synonyms.yaml", "synonyms", "SynonymGroup", "synonym group", "id"),
)
MANIFEST = "kb.yaml"  # optional: `extends: bundled` lays a folder over the bundled knowledge base

ALL: tuple[Kind, ...] = (INTERVENTIONS, OVERRIDES, *LISTS)
SCHEMA_NAMES: tuple[str, ...] = tuple(k.name for k in ALL)
KB_PARTS: tuple[str, ...] = (MANIFEST, *(k.path for k in ALL))  # every file or folder a knowledge base may hold


def by_name(name: str) -> Kind:
    return next(k for k in ALL if k.name == name)


def model_of(kind: Kind) -> type[BaseModel]:
    from . import models

    cls: type[BaseModel] = getattr(models, kind.model)
    return cls


# --- translations (docs/i18n.md) ----------------------------------------------------------------------
# Not parts of a knowledge base's English (not in ALL): the overlays in `i18n/LANG/` lay a language's prose
# over the English records, and `i18n/LANG/terms.yaml` lists the agreed terms. Their schemas are printed by
# `trdguide schema overlay` and `trdguide schema terms`.
I18N = "i18n"  # the folder of a knowledge base that holds one folder of overlays per language
OVERLAY = Kind("overlay", I18N, "overlays", "Overlay", "translation file", "")
TERMS = Kind("terms", "terms.yaml", "terms", "Term", "agreed term", "en")
I18N_KINDS: tuple[Kind, ...] = (OVERLAY, TERMS)
SCHEMA_NAMES = (*SCHEMA_NAMES, *(k.name for k in I18N_KINDS))

# The first release's scope: the fields every language translates in full (docs/i18n.md), by the path of
# the English file or folder they live in. A pattern's `*` is any one key or list index; paths are dotted,
# list items by number from 0 ("questions_to_ask.0", "other_services.1.contact").
TRANSLATED: dict[str, tuple[str, ...]] = {
    INTERVENTIONS.path: (
        "name", "short_name", "summary", "short.*.text", "status.note", "setting.given_by", "setting.schedule",
        "setting.time_to_effect", "setting.daily_life", "questions_to_ask.*",
    ),
    "head_to_head": ("title", "short.text"),
    "faq.yaml": ("question", "answer"),
    "glossary.yaml": ("term", "definition"),
    "crisis.yaml": (
        "region_name", "contact", "text_service", "hours", "other_services.*.contact", "other_services.*.who",
        "other_services.*.hours",
    ),
}


def in_release_scope(part: str, path: str) -> bool:
    """Whether the field at `path` ("short.work.text") of an entry of `part` ("interventions") is in the
    first release's scope."""
    for pattern in TRANSLATED.get(part, ()):
        want, got = pattern.split("."), path.split(".")
        if len(want) == len(got) and all(w in ("*", g) for w, g in zip(want, got)):
            return True
    return False


def translated_part(part: str) -> Kind | None:
    """The kind whose English an overlay at `part` ("interventions", "faq.yaml", "head_to_head") mirrors, or
    None for a part that is not translated (references, synonyms, overrides)."""
    return next((k for k in (INTERVENTIONS, *LISTS) if k.path == part and part in TRANSLATED), None)
