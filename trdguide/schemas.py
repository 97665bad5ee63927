"""JSON Schemas of the knowledge-base files, generated from the pydantic models (the one definition).

An override file is checked by a model derived from `Intervention` (see `override_model`): the loader
validates override files with it and `trdguide schema override` prints its JSON Schema, so the two
cannot disagree.
"""

from __future__ import annotations

import copy
import functools
import types
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, create_model

from . import kinds
from .models import Intervention

_LISTS: dict[str, type[BaseModel]] = {k.name: kinds.model_of(k) for k in kinds.LISTS}
KINDS = kinds.SCHEMA_NAMES


def _nested_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(model, optional) when a field holds one nested record (`X` or `X | None`), else (None, False)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        rest = [a for a in args if a is not type(None)]
        if len(args) == 2 and len(rest) == 1 and isinstance(rest[0], type) and issubclass(rest[0], BaseModel):
            return rest[0], True
    return None, False


def _drop_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def _patch(model: type[BaseModel], required: tuple[str, ...] = ()) -> type[BaseModel]:
    """`model` with every field optional; a field holding one nested record takes a patch of it too.

    This is the override rule: mappings are merged key by key, so a nested mapping may name only some of
    its fields; anything else (lists, text, numbers) replaces the base value and must be complete.
    Field types and constraints are kept, so a value given is checked exactly as in a whole record.
    """
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation: Any = info.annotation
        sub, optional = _nested_model(annotation)
        if sub is not None:
            patched = _patch(sub)
            annotation = (patched | None) if optional else patched
        new = copy.copy(info)
        if name not in required:
            new.default = None
            new.default_factory = None
            new.json_schema_extra = _drop_default  # "may be left out", not "defaults to null"
        fields[name] = (annotation, new)
    out: type[BaseModel] = create_model(
        f"{model.__name__}Override", __config__=model.model_config, __doc__=model.__doc__, **fields
    )
    return out


@functools.cache
def override_model() -> type[BaseModel]:
    """The model of an override file: `id` plus any fields of an intervention record, nested mappings partial."""
    return _patch(Intervention, required=("id",))


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of file: an intervention record, an override, or a list file."""
    if kind == "intervention":
        out = Intervention.model_json_schema()
        out["title"] = "trdguide intervention record"
    elif kind == "override":
        out = override_model().model_json_schema()
        out["title"] = "trdguide override: changes the named fields of a record in the base it extends"
        out["description"] = (
            "'id' names the record; every other field is optional. A field holding one nested record "
            "(setting, status, evidence, ...) may name only some of its fields: they are merged into the "
            "base record key by key. Lists, text and numbers replace the base value whole. The merged "
            "record must then be a valid intervention record."
        )
    elif kind == kinds.OVERLAY.name:
        from .models import Overlay

        out = Overlay.model_json_schema()
        out["title"] = "trdguide translation file (data/i18n/LANG/...): the prose of one English file in a language"
    elif kind == kinds.TERMS.name:
        from .models import Term

        out = TypeAdapter(list[Term]).json_schema()
        out["title"] = "trdguide agreed terms of a language (data/i18n/LANG/terms.yaml)"
    elif kind in _LISTS:
        out = TypeAdapter(list[_LISTS[kind]]).json_schema()  # type: ignore[valid-type]
        out["title"] = f"trdguide {kind} file"
    else:
        raise KeyError(kind)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out
