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
