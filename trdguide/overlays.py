"""The knowledge base in another language: the overlays of `i18n/LANG/` laid over the English records.

An overlay file mirrors one English file and holds prose only (docs/i18n.md): for each field, the text in
the language and a digest of the English it translates. The English knowledge base is loaded and checked
first; then each translated field whose digest matches the English text replaces it, and the record is
validated again by the same model (ids, figures, references, dates and statuses are never touched). A
field whose English changed since (stale), or that has no translation, stays English: the English is the
source of truth, and `in_english` says which parts of each option a reader sees in English.

The overlays of every layer are read (the bundled base's, then a user's folder laid over it, field by
field), by the one YAML reader (`loader.read_yaml`: file and line for every problem). A translation
never stops a command: a file that cannot be read or breaks its schema is left out, a text its field
cannot hold stays English (marked, like any part still in English), and files, entries and fields that
match nothing in the English are left out; `trdguide validate` (lint.py) reports each of them with file
and line, with the other translation rules.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from . import kinds
from .cache import TranslationRow
from .errors import Problem
from .i18n import _, digest
from .loader import Bundle, Path_, _display, _explain, _fmt, _line_for, layers_for, read_yaml
from .models import LANG_RE, FieldTranslation, Intervention, Overlay, Term, walk_translatable

TERMS_FILE = kinds.TERMS.path


class OverlayFile(NamedTuple):
    """One overlay file as read and checked: where it is, what it mirrors, and its content."""

    file: str  # as problems name it ("data/i18n/es/interventions/ect.yaml")
    rel: str  # the English file it mirrors, relative to the knowledge base ("interventions/ect.yaml")
    part: str  # the first part of `rel` ("interventions", "faq.yaml", "head_to_head")
    overlay: Overlay
    lines: dict[Path_, int]


class Placed(NamedTuple):
    """One translated field of an overlay file, and what it is in the English knowledge base.

    `status`: "current" (shown), "stale" (the English changed since), "undigested" (no `en` digest yet),
    "empty" (no text yet), "unknown-file", "unknown-entry", "unknown-path" (nothing of that name in the
    English), "fixed" (a field that is never translated: an id, a reference, a number to dial).
    """

    source: OverlayFile
    key: str  # the entry's key in a list file; a record's id in a record's file
    path: str  # "short.work.text"
    field: FieldTranslation
    english: str | None  # the English text it translates, where there is one
    status: str

    @property
    def line(self) -> int | None:
        entries = self.source.overlay.entries is not None
        loc: Path_ = ("entries", self.key, self.path) if entries else ("fields", self.path)
        return _line_for(self.source.lines, (*loc, self.field.language)) or _line_for(self.source.lines, loc)

    @property
    def where(self) -> str:
        """The field as a finding names it: "short.work.text", or "ketamine-addictive: answer" in a list file."""
        return f"{self.key}: {self.path}" if self.source.overlay.entries is not None else self.path


def languages(layers: Iterable[Path]) -> list[str]:
    """The language folders of a knowledge base's layers (`i18n/es`, ...), sorted."""
    found: set[str] = set()
    for layer in layers:
        try:
            with os.scandir(layer / kinds.I18N) as it:
                found |= {e.name for e in it if e.is_dir() and _is_code(e.name)}
        except OSError:
            continue
    return sorted(found)


def _is_code(name: str) -> bool:
    return re.match(LANG_RE, name) is not None


def overlay_paths(folder: Path) -> Iterator[Path]:
    """Every YAML file under a language folder, terms.yaml included, in a stable order."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                yield Path(dirpath) / name


M = TypeVar("M", bound=BaseModel)


def _checked(
    model: type[M], data: Any, disp: str, lines: dict[Path_, int], base: Path_ = ()
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = (*base, *err["loc"])
            problems.append(Problem(disp, _line_for(lines, loc), _fmt(loc), _explain(dict(err)), code="E110"))
        return None, problems


def _read_shaped(
    path: Path, layer: Path, shape: type, shape_problem: str, problems: list[Problem]
) -> tuple[Any, dict[Path_, int], str] | None:
    """One overlay or terms file read by the one YAML reader, if its top level has the right shape (a
    mapping, a list); otherwise None, with the problem added to `problems` (file and line)."""
    disp = _display(path, layer)
    data, lines, probs = read_yaml(path, disp)
    problems += probs
    if probs:
        return None
    if not isinstance(data, shape):
        problems.append(Problem(disp, lines.get(()), "", shape_problem, code="E111"))
        return None
    return data, lines, disp


def read(layers: Iterable[Path], lang: str) -> tuple[list[OverlayFile], list[Problem]]:
    """Every overlay file of `lang` in the layers, lowest layer first, checked against the Overlay model."""
    files: list[OverlayFile] = []
    problems: list[Problem] = []
    for layer in layers:
        folder = layer / kinds.I18N / lang
        for path in overlay_paths(folder):
            rel = path.relative_to(folder).as_posix()
            if rel == TERMS_FILE:
                continue
            shape = _("must be a translation file: a mapping with `translation:` and `fields:` or `entries:`")
            got = _read_shaped(path, layer, dict, shape, problems)
            if got is None:
                continue
            data, lines, disp = got
            overlay, probs = _checked(Overlay, _digests_as_written(path, data, lines), disp, lines)
            problems += probs
            if overlay is None:
                continue
            if overlay.translation.language != lang:
                problems.append(
                    Problem(
                        disp,
                        _line_for(lines, ("translation", "language")),
                        "translation.language",
                        _(
                            "is {language}, but the file is in the folder of {folder}",
                            language=repr(overlay.translation.language),
                            folder=repr(lang),
                        ),
                        code="E110",
                    )
                )
                continue
            part = rel.split("/", 1)[0]
            files.append(OverlayFile(disp, rel, part, overlay, lines))
    return files, problems


_DIGEST_AT = re.compile(r"""\ben:\s*["']?([0-9a-f]{12})\b""")


def _digests_as_written(path: Path, data: dict[str, Any], lines: dict[Path_, int]) -> dict[str, Any]:
    """A digest of decimal digits only (about 1 in 280) reads as a number in YAML: take it as written.

    `scripts/i18n.py skeleton` writes digests unquoted, and `en: 012345670123` is read as an octal number,
    which cannot be turned back into its digits: the digits are read again from the file's line."""
    text: list[str] | None = None
    groups = [("fields", "", data.get("fields"))]
    entries = data.get("entries")
    if isinstance(entries, dict):
        groups += [("entries", key, value) for key, value in entries.items()]
    for top, key, fields in groups:
        if not isinstance(fields, dict):
            continue
        for fpath, value in fields.items():
            if isinstance(value, dict) and type(value.get("en")) is int:
                loc = (top, key, fpath, "en") if key else (top, fpath, "en")
                line = lines.get(loc)
                if text is None:
                    text = path.read_text(encoding="utf-8").split("\n")
                m = _DIGEST_AT.search(text[line - 1]) if line and line <= len(text) else None
                if m:
                    fields[fpath] = {**value, "en": m.group(1)}
    return data


def read_terms(layers: Iterable[Path], lang: str) -> tuple[list[tuple[Term, str, int | None]], list[Problem]]:
    """The agreed terms of `lang` (every layer's terms.yaml), each with its file and line."""
    terms: list[tuple[Term, str, int | None]] = []
    problems: list[Problem] = []
    for layer in layers:
        path = layer / kinds.I18N / lang / TERMS_FILE
        if not path.exists():
            continue
        got = _read_shaped(path, layer, list, _("must be a list of terms (each starting with '- ')"), problems)
        if got is None:
            continue
        data, lines, disp = got
        for i, item in enumerate(data):
            term, probs = _checked(Term, item, disp, lines, (i,))
            problems += probs
            if term is not None:
                terms.append((term, disp, _line_for(lines, (i,))))
    return terms, problems


# --- what each overlay field translates -------------------------------------------------------------------


def _entries(bundle: Bundle, part: str) -> dict[str, BaseModel]:
    """The English entries an overlay of `part` may translate, by key (a list's keys in lower case)."""
    if part == kinds.INTERVENTIONS.path:
        return {i.id: i for i in bundle.interventions}
    kind = kinds.translated_part(part)
    if kind is None:
        return {}
    return {str(getattr(e, kind.key)).lower(): e for e in getattr(bundle, kind.attr)}


def _has_path(model: BaseModel, path: str) -> bool:
    here: Any = model
    for step in path.split("."):
        if step.isdigit():
            if not isinstance(here, list) or int(step) >= len(here):
                return False
            here = here[int(step)]
        elif isinstance(here, BaseModel) and step in type(here).model_fields:
            here = getattr(here, step)
        else:
            return False
    return here is not None and not isinstance(here, (BaseModel, list))  # a value, not a section or a list


def place(bundle: Bundle, files: Iterable[OverlayFile]) -> list[Placed]:
    """Every field of the overlay files, with the English it translates and its status."""
    entries: dict[str, dict[str, BaseModel]] = {}
    texts: dict[tuple[str, str], dict[str, str]] = {}
    out: list[Placed] = []
    for source in files:
        part = source.part
        record_file = part == kinds.INTERVENTIONS.path
        if part not in entries:
            entries[part] = _entries(bundle, part)
        known = entries[part]
        folder = not part.endswith(".yaml")  # interventions/ID.yaml, head_to_head/NAME.yaml
        kind = kinds.translated_part(part)
        mirrors = kind is not None and source.rel.count("/") == (1 if folder else 0)
        if kind is not None and mirrors and folder and not record_file:  # a list file in a folder: by its name
            origins = bundle.origins.items()
            mirrors = any(o.file.endswith("/" + source.rel) for (k, _key), o in origins if k == kind.label)
        stem = Path(source.rel).stem
        for key, fields in source.overlay.items():
            if not mirrors or (record_file and source.overlay.fields is None):
                status_all = "unknown-file"
                entry = None
            elif record_file:
                entry = known.get(stem)
                key, status_all = stem, ("" if entry is not None else "unknown-file")
            elif source.overlay.entries is None:
                entry, status_all = None, "unknown-file"  # a list file needs `entries:`
            else:
                entry = known.get(key.lower())
                status_all = "" if entry is not None else "unknown-entry"
            for path, f in fields.items():
                english: str | None = None
                status = status_all
                if entry is not None:
                    ekey = (part, key.lower())
                    if ekey not in texts:
                        texts[ekey] = dict(walk_translatable(entry))
                    english = texts[ekey].get(path)
                    if english is None:
                        status = "fixed" if _has_path(entry, path) else "unknown-path"
                    elif f.text is None:
                        status = "empty"
                    elif f.en is None:
                        status = "undigested"
                    else:
                        status = "current" if f.en == digest(english) else "stale"
                out.append(Placed(source, key, path, f, english, status))
    return out


# --- laying the translations over the English ---------------------------------------------------------------


def _set(data: Any, path: str, text: str) -> None:
    steps = path.split(".")
    for step in steps[:-1]:
        data = data[int(step)] if step.isdigit() else data[step]
    last = steps[-1]
    data[int(last) if last.isdigit() else last] = text


def _relaid(obj: M, texts: dict[str, Placed], extra: dict[str, Any] | None = None) -> tuple[M, list[Problem]]:
    """`obj` with the translated texts in place, validated again by its model, and the problems where a
    translation breaks the model (a text too long for its field). Such a translation is left out and its
    field stays English (`texts` loses it, so the caller counts it as English): the reader still gets an
    answer, and `trdguide validate` names the problem."""
    problems: list[Problem] = []
    while True:
        data = obj.model_dump()
        for path, placed in texts.items():
            assert placed.field.text is not None
            _set(data, path, placed.field.text)
        data.update(extra or {})
        try:
            return type(obj).model_validate(data), problems
        except ValidationError as exc:
            dropped = False
            for err in exc.errors(include_url=False):
                at = ".".join(str(p) for p in err["loc"])
                # the translation at that field (or holding it); only translated texts change
                key = at if at in texts else next((k for k in texts if at.startswith(k + ".")), None)
                if key is None:
                    continue
                src = texts.pop(key)
                problems.append(Problem(src.source.file, src.line, src.where, _explain(dict(err)), code="E110"))
                dropped = True
            if not dropped:  # not a translated field: the English record as it is
                first = next(iter(texts.values()), None)
                if first is not None:
                    problems.append(Problem(first.source.file, first.line, first.where, str(exc), code="E110"))
                texts.clear()
                return obj, problems


def translate(bundle: Bundle, root: Path | None, lang: str) -> Bundle:
    """The knowledge base with the overlays of `lang` laid over its English. A translation with a problem
    (a broken file, a text its field cannot hold) never stops a command: its parts stay English, marked as
    such, and `trdguide validate` names the problem with file and line."""
    layers, _layers = layers_for(root)
    files, _problems = read(layers, lang)
    placed = place(bundle, files)
    out, _more = apply(bundle, lang, placed, files)
    return out


def apply(bundle: Bundle, lang: str, placed: list[Placed], files: list[OverlayFile]) -> tuple[Bundle, list[Problem]]:
    """The bundle in `lang`: every current translation in place, and what is still in English."""
    import dataclasses

    current: dict[tuple[str, str], dict[str, Placed]] = {}
    for p in placed:  # a later layer's translation of a field replaces an earlier one's
        if p.status == "current":
            current.setdefault((p.source.part, p.key.lower()), {})[p.path] = p
    problems: list[Problem] = []
    interventions: list[Intervention] = []
    in_english: dict[str, list[str]] = {}
    for item in bundle.interventions:
        texts = dict(current.get((kinds.INTERVENTIONS.path, item.id), {}))
        english_item = item
        if texts:
            extra = {}
            if "short_name" in texts and item.short_name not in item.names[2:]:
                # the English short name still finds the option ("rTMS" as well as "EMTr")
                extra["aliases"] = [*item.aliases, item.short_name]
            item, probs = _relaid(item, texts, extra)  # leaves in `texts` only what it could lay in
            problems += probs
        english = [path for path, _text in walk_translatable(english_item) if path not in texts]
        in_english[item.id] = sorted({path.split(".", 1)[0] for path in english})
        interventions.append(item)
    clashes = _names_once(interventions, current)
    if clashes:  # a translated short name that is another option's name stays English (names find options)
        english_items = {i.id: i for i in bundle.interventions}
        for n, item in enumerate(interventions):
            if item.id in clashes:
                was = english_items[item.id]
                interventions[n] = item.model_copy(update={"short_name": was.short_name, "aliases": was.aliases})
                in_english[item.id] = sorted({*in_english[item.id], "short_name"})
        problems += clashes.values()
    lists: dict[str, list[Any]] = {}
    for kind in kinds.LISTS:
        if kind.path not in kinds.TRANSLATED:
            continue
        done = []
        for entry in getattr(bundle, kind.attr):
            texts = current.get((kind.path, str(getattr(entry, kind.key)).lower()), {})
            if texts:
                extra = {}
                if kind.path == "glossary.yaml" and "term" in texts:  # the English term still finds its meaning
                    extra["aliases"] = [*entry.aliases, entry.term]
                entry, probs = _relaid(entry, dict(texts), extra)
                problems += probs
            done.append(entry)
        lists[kind.attr] = done
    translated = dataclasses.replace(
        bundle,
        interventions=interventions,
        lang=lang,
        in_english=in_english,
        translation=provenance(bundle, lang, placed, files),
    )
    for attr, entries in lists.items():
        setattr(translated, attr, entries)
    return translated, problems


def _names_once(items: list[Intervention], current: dict[tuple[str, str], dict[str, Placed]]) -> dict[str, Problem]:
    """A translated short name must not be another option's name (names find options): the problem, by
    the id of the option whose translated short name it is."""
    problems: dict[str, Problem] = {}
    names = {item.id: {n.lower() for n in item.names} for item in items}
    for item in items:
        placed = current.get((kinds.INTERVENTIONS.path, item.id), {}).get("short_name")
        if placed is None:
            continue
        other = next((i for i, ns in names.items() if i != item.id and item.short_name.lower() in ns), None)
        if other is not None:
            name = repr(item.short_name)
            msg = _("the name {name} is already used by intervention {other}", name=name, other=repr(other))
            problems[item.id] = Problem(placed.source.file, placed.line, "short_name", msg, code="E121")
    return problems


# --- how much is translated, and how it was made ------------------------------------------------------------


class Coverage(NamedTuple):
    """The release scope's fields in one language: translated and current, stale, and missing."""

    language: str
    translated: int
    in_scope: int
    stale: int  # translated against English that has changed since (or never digested)
    missing: int  # no translation at all


def scope_fields(bundle: Bundle) -> Iterator[tuple[str, str, str, str]]:
    """Every field of the release scope in the English: (part, entry key, field path, English text)."""
    for item in bundle.interventions:
        for path, text in walk_translatable(item):
            if kinds.in_release_scope(kinds.INTERVENTIONS.path, path):
                yield kinds.INTERVENTIONS.path, item.id, path, text
    for kind in kinds.LISTS:
        if kind.path not in kinds.TRANSLATED:
            continue
        for entry in getattr(bundle, kind.attr):
            for path, text in walk_translatable(entry):
                if kinds.in_release_scope(kind.path, path):
                    yield kind.path, str(getattr(entry, kind.key)), path, text


def coverage(bundle: Bundle, lang: str, placed: list[Placed]) -> Coverage:
    best: dict[tuple[str, str, str], str] = {}
    for p in placed:  # the last layer's field decides
        best[(p.source.part, p.key.lower(), p.path)] = p.status
    translated = stale = missing = total = 0
    for part, key, path, _text in scope_fields(bundle):
        total += 1
        status = best.get((part, key.lower(), path), "")
        if status == "current":
            translated += 1
        elif status in ("stale", "undigested"):
            stale += 1
        else:
            missing += 1
    return Coverage(lang, translated, total, stale, missing)


def provenance(bundle: Bundle, lang: str, placed: list[Placed], files: list[OverlayFile]) -> TranslationRow:
    """How the text in `lang` was made (each file's header) and how much of the release scope it covers."""
    methods = list(dict.fromkeys(" ".join(f.overlay.translation.method.split()) for f in files))
    headers = [f.overlay.translation for f in files]
    reviews = list(dict.fromkeys(h.clinician_review for h in headers if h.reviewed))
    dates = [f.overlay.translation.translated for f in files]
    cover = coverage(bundle, lang, placed)
    latest = max(dates).isoformat() if dates else None
    return TranslationRow(lang, methods, reviews, latest, cover.translated, cover.in_scope)
