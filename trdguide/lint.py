"""`trdguide validate`: a content linter for knowledge bases, with stable rule codes.

Errors (E...) make `validate` exit 1; warnings (W...) are reported but do not fail. Everything the
loader checks is reported under the code the loader gave it (`errors.Problem.code`); the rules below run on a
knowledge base that loaded. No terminal code here: findings are plain data.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel

from . import kinds, overlays
from .findings import (
    EASE_MIN_WORDS,
    MAX_GRADE,
    MIN_EASE,
    REVIEW_MAX_DAYS,
    RULES,  # noqa: F401 (re-exported)
    SHORT_MAX_GRADE,
    Finding,
    LanguageCoverage,
    Report,
    rule,
)
from .framing import unsafe_chars
from .i18n import _, digest, ngettext
from .loader import Bundle, DataError, layers_for, load
from .models import LANG_RE, Intervention, Term, walk_refs, walk_texts
from .summaries import (
    HARD_MAX_WORDS,
    MAX_WORDS,
    SHORT_KEYS,
    allowed_numbers,
    lead_breaks_rule,
    reading_grader,
    unsourced_numbers,
    word_count,
)

PROMO = re.compile(
    r"\b(miracle|remarkable|revolutionary|breakthrough results|game[- ]changer|proven cure|amazing|"
    r"cutting[- ]edge|life[- ]changing|guaranteed|astonishing)\b",
    re.I,
)
PLACEHOLDER = re.compile(r"\b(UNVERIFIED|TODO|TBD|FIXME|XXX|lorem ipsum)\b|\?\?\?", re.I)
# in a translation, the markers only in capitals: "todo" is an everyday Spanish word ("all")
PLACEHOLDER_TRANSLATED = re.compile(r"\b(UNVERIFIED|TODO|TBD|FIXME|XXX|(?i:lorem ipsum))\b|\?\?\?")
DOSE = re.compile(r"\b\d+(\.\d+)?\s*(mg|mcg|µg|ug|mmol|mEq|mg/kg|milligrams?)\b", re.I)
FIGURE = re.compile(r"(?<![A-Za-z])\d")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")


def validate(root: Path | None, today: _dt.date | None = None, readability: bool = True) -> Report:
    layers, _extends = layers_for(root)
    unread = list(unread_files(layers)) + list(unread_translations(layers))
    try:
        bundle = load(root)
    except DataError as exc:
        found = [Finding(p.file, p.line, p.code, p.field, p.message) for p in exc.problems]
        return Report([str(p) for p in layers], found + unread)
    findings = list(lint(bundle, today or _dt.date.today(), readability)) + unread
    coverage = []
    for lang in overlays.languages(layers):
        found, cover = translation_rules(bundle, layers, lang, readability)
        findings += found
        coverage.append(cover)
    findings.sort(key=lambda f: (f.severity != "error", f.file, f.line or 0, f.code))
    return Report(bundle.sources, findings, coverage)


# --- rules on a loaded knowledge base ---------------------------------------------------------------


def _texts(item: Intervention) -> Iterator[tuple[str, str]]:
    """Every sentence of a record with its field path (the one walker, models.walk_texts)."""
    for path, text, _refs in walk_texts(item):
        yield path, text


def _line_of(
    file: str, sources: list[str], needle: str, default: int | None, after: str = "", after_line: int | None = None
) -> int | None:
    """The first line of `file` that contains `needle` (after a line containing `after`, and from line
    `after_line` on, if given)."""
    for src in sources:
        path = Path(src).parent / file
        if path.is_file():
            try:
                seen = not after
                text = path.read_text(encoding="utf-8")
                for n, line in enumerate(text.split("\n"), start=1):  # lines as an editor counts them
                    seen = seen or after.lower() in line.lower()
                    if seen and n >= (after_line or 0) and needle.lower() in line.lower():
                        return n
            except OSError:  # pragma: no cover
                return default
    return default


def _loc(field_path: str) -> tuple[str | int, ...]:
    """A walker's field path ("outcomes[0].result") as a YAML path ("outcomes", 0, "result")."""
    return tuple(int(p[1:-1]) if p.startswith("[") else p for p in _PATH_PART.findall(field_path))


_PATH_PART = re.compile(r"\[\d+\]|[^.\[\]]+")


def _word_rules(
    texts: Iterator[tuple[str, str]],
    where: Callable[[str], tuple[str, int | None]],
    srcs: list[str],
    rules: tuple[tuple[re.Pattern[str], str, str], ...],
) -> Iterator[Finding]:
    """Promotional, placeholder and dosing words in every text of one record, at the file and line that set it."""
    for fld, text in texts:
        for rx, code, what in rules:
            m = rx.search(text)
            if m:
                file, line = where(fld)
                yield Finding(
                    file,
                    _line_of(file, srcs, m.group(0), line, after_line=line),
                    code,
                    fld,
                    f"{what} {m.group(0)!r}: {rule(code)}",
                )


WORD_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (PROMO, "E301", "promotional wording"),
    (PLACEHOLDER, "E302", "placeholder"),
    (DOSE, "E303", "dosing amount"),
)


def lint(bundle: Bundle, today: _dt.date, readability: bool = True) -> Iterator[Finding]:
    grade = reading_grader() if readability else None
    srcs = bundle.sources

    def at(kind: str, key: str) -> tuple[str, int | None]:
        o = bundle.origins.get((kind, key.lower()))
        return (o.file, o.line) if o is not None else ("", None)

    def where_in(kind: str, key: str) -> Callable[[str], tuple[str, int | None]]:
        """Where a field of one record was set: an override file that names it, or the record's own file."""
        return lambda fld: bundle.where(kind, key, _loc(fld))

    def graded(file: str, line: int | None, fld: str, text: str, limit: float, code: str) -> Iterator[Finding]:
        if grade is not None:
            g = grade(text)
            if g > limit:
                said, most = f"{g:.1f}", f"{limit:g}"
                if code == "W320":
                    # Translators: a text's reading level (a US school grade); {grade} is like 9.3
                    msg = _("reads at about grade {grade} (aim for 8, warn above {limit})", grade=said, limit=most)
                else:
                    msg = _("reads at about grade {grade} (aim for {limit})", grade=said, limit=most)
                yield Finding(file, line, code, fld, msg)

    for item in bundle.interventions:
        where = where_in("intervention", item.id)
        file, line = where("")
        yield from _word_rules(_texts(item), where, srcs, WORD_RULES)
        if FIGURE.search(item.summary):
            yield Finding(*where("summary"), "E304", "summary", rule("E304"))
        if not item.outcomes and not item.misconceptions:
            yield Finding(*where("outcomes"), "E310", "outcomes", rule("E310"))
        yield from _short_rules(item, where, grade)
        age = (today - item.last_reviewed).days
        if age > REVIEW_MAX_DAYS:
            yield Finding(
                *where("last_reviewed"),
                "W201",
                "last_reviewed",
                _(
                    "last reviewed {date} ({age} days ago); the policy is at least once every {most} days",
                    date=item.last_reviewed.isoformat(),
                    age=age,
                    most=REVIEW_MAX_DAYS,
                ),
            )
        yield from graded(*where("summary"), "summary", item.summary, MAX_GRADE, "W320")
        yield from graded(*where("mechanism.text"), "mechanism", item.mechanism.text, MAX_GRADE, "W320")

    for h in bundle.head_to_head:
        where = where_in("head-to-head trial", h.id)
        yield from _word_rules(((p, t) for p, t, _ in walk_texts(h)), where, srcs, WORD_RULES)
        yield from graded(*where("summary"), "summary", h.summary, MAX_GRADE, "W320")
        if h.short is not None:
            n = word_count(h.short.text)
            if n > HARD_MAX_WORDS:
                yield Finding(*where("short.text"), "E322", "short.text", _words_over(n, rule("E322")))
            elif n > MAX_WORDS:
                yield Finding(*where("short.text"), "W324", "short.text", _words_aim(n))
            yield from graded(*where("short.text"), "short.text", h.short.text, SHORT_MAX_GRADE, "W325")

    for f in bundle.faq:
        where = where_in("FAQ entry", f.id)
        yield from _word_rules(((p, t) for p, t, _ in walk_texts(f)), where, srcs, WORD_RULES)
        if FIGURE.search(f.answer) and not f.refs:
            yield Finding(*where(""), "E311", "refs", rule("E311"))
        yield from graded(*where("answer"), "answer", f.answer, MAX_GRADE, "W320")
    for g_ in bundle.glossary:
        where = where_in("glossary term", g_.term)
        if FIGURE.search(g_.definition) and not g_.refs:
            yield Finding(*where(""), "E311", "refs", rule("E311"))
        yield from _word_rules(((p, t) for p, t, _ in walk_texts(g_)), where, srcs, WORD_RULES[:2])
    for c in bundle.crisis:
        where = where_in("crisis line", c.service)
        yield from _word_rules(((p, t) for p, t, _ in walk_texts(c)), where, srcs, WORD_RULES[:2])
    for rid, r in sorted(bundle.references.items()):
        where = where_in("reference", rid)
        yield from _word_rules(((p, t) for p, t, _ in walk_texts(r)), where, srcs, WORD_RULES[1:2])

    for rid in sorted(set(bundle.references) - bundle.cited_reference_ids()):
        file, line = at("reference", rid)
        yield Finding(file, line, "W330", "id", _("reference {id} is not cited anywhere", id=repr(rid)))

    yield from _hidden_text_rules(bundle)
    for kind, key, file, line in bundle.replaced:
        # Translators: {kind} is a kind of record, in English ("intervention", "FAQ entry")
        replaces = _("{kind} {key} replaces the bundled one of the same name", kind=kind, key=repr(key))
        yield Finding(file, line, "I360", "", replaces)

    if readability and grade is None:
        yield Finding("", None, "I399", "", rule("I399"))


# --- what a reviewer could not see: hidden characters, markup, files that are not read ---------------


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text anywhere in a record (names, aliases and citations included), with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list | tuple):
        for n, v in enumerate(value):
            yield from _strings(v, f"{path}[{n}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), f"{path}.{name}" if path else name)


def _char_name(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X} (a control character)"


def _hidden_text_rules(bundle: Bundle) -> Iterator[Finding]:
    """Control characters (escape sequences start with one), text-direction and invisible characters,
    and HTML tags: a reader of the YAML may not see them, and outputs show them as visible codes."""
    groups: list[tuple[str, str, list[object]]] = [("intervention", "id", list(bundle.interventions))]
    for k in kinds.LISTS:
        items = list(bundle.references.values()) if k.attr == "references" else list(getattr(bundle, k.attr))
        groups.append((k.label, k.key, items))
    for label, keyfield, items in groups:
        for obj in items:
            key = str(getattr(obj, keyfield))
            origin = bundle.origins.get((label, key.lower()))
            file, line = (origin.file, origin.line) if origin is not None else ("", None)
            # an override may have brought the text: its files are searched first
            files = [*(_override_files(bundle.sources) if label == "intervention" else []), file]
            for fld, text in _strings(obj):
                chars = unsafe_chars(text)
                if chars:
                    f, at = _find(files, bundle.sources, _spellings(chars[0][1]), file, line)
                    names = ", ".join(dict.fromkeys(_char_name(c) for _, c in chars))
                    where = chars[0][0] + 1
                    msg = _(
                        "{names} at character {where}: hidden or control characters (shown as <U+...> codes)",
                        names=names,
                        where=where,
                    )
                    yield Finding(f, at, "W340", fld, msg)
                m = HTML_TAG.search(text)
                if m:
                    f, at = _find(files, bundle.sources, [m.group(0)], file, line)
                    tag = _("{tag}: {rule} (shown as text)", tag=repr(m.group(0)[:40]), rule=rule("W341"))
                    yield Finding(f, at, "W341", fld, tag)


def _override_files(sources: list[str]) -> list[str]:
    out = []
    for src in sources:
        folder = Path(src) / kinds.OVERRIDES.path
        if folder.is_dir():
            out += [f"{Path(src).name}/{kinds.OVERRIDES.path}/{p.name}" for p in sorted(folder.glob("*.y*ml"))]
    return out


# YAML's short escapes in double-quoted text, for the characters they stand for
_YAML_ESCAPES = {"\x00": "\\0", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e"}
_YAML_ESCAPES |= {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _spellings(ch: str) -> list[str]:
    """How a character can be written in a YAML file: itself, or an escape in double-quoted text."""
    cp = ord(ch)
    out = [ch, f"\\u{cp:04x}", f"\\U{cp:08x}"]
    if cp < 0x100:
        out.append(f"\\x{cp:02x}")
    if ch in _YAML_ESCAPES:
        out.append(_YAML_ESCAPES[ch])
    return out


def _find(
    files: list[str], sources: list[str], needles: list[str], file: str, line: int | None
) -> tuple[str, int | None]:
    """The first of `files` with a line containing one of `needles` (a character, how YAML can escape it,
    or a tag), and that line; else the record's own file and line."""
    for f in files:
        for needle in needles if f else []:
            n = _line_of(f, sources, needle, None)
            if n is not None:
                return f, n
    return file, line


def unread_files(layers: list[Path]) -> Iterator[Finding]:
    """Files in a knowledge-base folder that trdguide does not read (`*.YAML`, `faq.yml`, `*.yaml.txt`,
    ...): their content is silently left out, so a reviewer is told."""
    folders = [k.path for k in kinds.ALL if not k.path.endswith(".yaml")]
    files = {p for p in kinds.KB_PARTS if p.endswith(".yaml")}
    for layer in layers:
        for folder in folders:
            try:
                entries = sorted((layer / folder).iterdir())
            except OSError:
                continue
            for p in entries:
                if p.name.startswith("."):
                    continue
                if p.suffix not in (".yaml", ".yml") or not p.is_file():
                    yield Finding(f"{layer.name}/{folder}/{p.name}", None, "W342", "", _unread_message(p))
        try:
            top = sorted(layer.iterdir())
        except OSError:
            continue
        known_lower = {n.lower() for n in (*files, *folders)}
        for p in top:
            low = p.name.lower()
            if p.name in files or p.name in folders or p.name.startswith("."):
                continue
            if low in known_lower or ".yaml" in low or ".yml" in low or low.rsplit(".", 1)[0] in known_lower:
                yield Finding(f"{layer.name}/{p.name}", None, "W342", "", _unread_message(p))


def unread_translations(layers: list[Path]) -> Iterator[Finding]:
    """In `i18n/`: folders that are not a language code (`ES`, `spanish`) and files that are not YAML."""
    for layer in layers:
        top = layer / kinds.I18N
        try:
            entries = sorted(top.iterdir())
        except OSError:
            continue
        for p in entries:
            if p.name.startswith("."):
                continue
            rel = f"{layer.name}/{kinds.I18N}/{p.name}"
            if not p.is_dir() or not re.match(LANG_RE, p.name):
                msg = _("this is not read: `i18n/` holds one folder per language, named by its code (es, fr, ...)")
                yield Finding(rel, None, "W342", "", msg)
                continue
            for sub in sorted(p.rglob("*")):
                if sub.is_file() and not sub.name.startswith(".") and sub.suffix not in (".yaml", ".yml"):
                    msg = _("this file is not read: only files ending in .yaml or .yml are")
                    yield Finding(f"{rel}/{sub.relative_to(p).as_posix()}", None, "W342", "", msg)


def _unread_message(p: Path) -> str:
    if p.is_dir():
        return _("this folder is not read (only the folders and files named in docs/own-knowledge-base.md are)")
    # Translators: keep the file names and endings as they are
    return _(
        "this file is not read: only files ending in .yaml or .yml are, and faq.yaml, glossary.yaml, "
        "crisis.yaml and kb.yaml by those exact names"
    )


def _words_over(n: int, rule: str) -> str:
    # Translators: {n} is how many words a short answer has (always more than the limit); {rule} the rule's text
    return _("{n} words; {rule}", n=n, rule=rule)


def _words_aim(n: int) -> str:
    # Translators: {n} is how many words a short answer has (always more than {most})
    return _("{n} words (aim for {most} at most)", n=n, most=MAX_WORDS)


def _not_found(numbers: list[str]) -> str:
    # Translators: {numbers} are figures in a short answer ("29, 47") that the record's cited detail does not hold
    return _("{numbers} not found in this record's cited detail", numbers=", ".join(numbers))


def _short_rules(
    item: Intervention, where: Callable[[str], tuple[str, int | None]], grade: Callable[[str], float] | None
) -> Iterator[Finding]:
    """Short answers: present, short, plain, every number sourced; the lead result controlled."""
    if lead_breaks_rule(item):
        yield Finding(*where("outcomes"), "E321", "outcomes[0]", rule("E321"))
    allowed = allowed_numbers(item)  # worked out once for the record's every text
    if item.setting.onset is not None:
        bad = unsourced_numbers(item, item.setting.onset, allowed)
        if bad:
            yield Finding(*where("setting.onset"), "E320", "setting.onset", _not_found(bad))
    if item.short is None:
        yield Finding(*where(""), "W324", "short", _("no short answers: compare shows the full detail instead"))
        return
    # what the detail cites (not the short answers themselves, nor the record's list of references)
    detail_refs = walk_refs(item.model_copy(update={"short": None, "references": [], "changes": []}))
    for key in SHORT_KEYS:
        answer = getattr(item.short, key)
        text = answer.text
        file, at = where(f"short.{key}.text")
        if answer.refs and not set(answer.refs) & detail_refs:
            cited = ", ".join(answer.refs)
            yield Finding(
                file,
                at,
                "W343",
                f"short.{key}",
                _(
                    "cites {refs}, which the record's detail no longer cites: "
                    "check that this answer still agrees with the detail (an override may have replaced it)",
                    refs=cited,
                ),
            )
        bad = unsourced_numbers(item, text, allowed)
        if bad:
            yield Finding(file, at, "E320", f"short.{key}", _not_found(bad))
        n = word_count(text)
        if n > HARD_MAX_WORDS:
            yield Finding(file, at, "E322", f"short.{key}", _words_over(n, rule("E322")))
        elif n > MAX_WORDS:
            yield Finding(file, at, "W324", f"short.{key}", _words_aim(n))
        if grade is not None:
            g = grade(text)
            if g > SHORT_MAX_GRADE:
                limit = f"{SHORT_MAX_GRADE:g}"
                msg = _("reads at about grade {grade} (aim for {limit})", grade=f"{g:.1f}", limit=limit)
                yield Finding(file, at, "W325", f"short.{key}", msg)




# --- translations: the overlays of i18n/LANG/ (docs/i18n.md) -------------------------------------------------


def translation_rules(
    bundle: Bundle, layers: list[Path], lang: str, readability: bool = True
) -> tuple[list[Finding], LanguageCoverage]:
    """Every finding about one language's overlays, and how much of the release scope they cover."""
    files, problems = overlays.read(layers, lang)
    terms, more = overlays.read_terms(layers, lang)
    placed = overlays.place(bundle, files)
    _merged, applied = overlays.apply(bundle, lang, placed, files)
    found = [Finding(p.file, p.line, p.code, p.field, p.message) for p in (*problems, *more, *applied)]
    found += _overlay_rules(bundle, placed, [t for t, _, _ in terms])
    found += _missing_rules(bundle, placed, layers, lang)
    if readability:
        found += _ease_rules(placed)
    cover = overlays.coverage(bundle, lang, placed)
    return found, LanguageCoverage(lang, cover.translated, cover.in_scope, cover.stale, cover.missing)


def _overlay_rules(bundle: Bundle, placed: list[overlays.Placed], terms: list[Term]) -> Iterator[Finding]:
    said: set[tuple[str, ...]] = set()
    for p in placed:
        file, line, where = p.source.file, p.line, p.where
        if p.status == "unknown-file" and (p.source.file,) not in said:
            said.add((p.source.file,))
            yield Finding(file, _line_for_key(p, ()), "E401", "", _unknown_file(p.source))
        elif p.status == "unknown-entry" and (file, p.key) not in said:
            said.add((file, p.key))
            kind = kinds.translated_part(p.source.part)
            label = kind.label if kind is not None else "entry"
            # Translators: {kind} is a kind of entry, in English ("FAQ entry"); {part} a file of the knowledge base
            msg = _(
                "{kind} {key} is not in the English {part}: {rule}",
                kind=label,
                key=repr(p.key),
                part=p.source.part,
                rule=rule("E402"),
            )
            yield Finding(file, _line_for_key(p, ("entries", p.key)), "E402", p.key, msg)
        elif p.status == "unknown-path":
            msg = _("the English has no field {path} here: {rule}", path=repr(p.path), rule=rule("E403"))
            yield Finding(file, line, "E403", where, msg)
        elif p.status == "fixed":
            msg = _(
                "{path} is never translated (ids, references, links and numbers to dial stay as they are)",
                path=repr(p.path),
            )
            yield Finding(file, line, "E404", where, msg)
        elif p.status == "stale":
            # Translators: {then} and {now} are digests, short codes of the English text ("3f2a9c1b7d4e")
            msg = _(
                "the English changed since this was translated (digest {then}, now {now}): "
                "the English is shown until the translation is brought up to date",
                then=p.field.en,
                now=digest(p.english or ""),
            )
            yield Finding(file, line, "W401", where, msg)
        elif p.status == "undigested":
            msg = _("has no digest of the English it translates (scripts/i18n.py digests): the English is shown")
            yield Finding(file, line, "W401", where, msg)
        text = p.field.text
        if text is None or p.english is None or p.status == "stale":  # stale: the English to compare has changed
            continue
        en_numbers, es_numbers = numbers_of(p.english, "en"), numbers_of(text, p.field.language)
        if not _same_numbers(p.english, en_numbers, text, es_numbers):
            msg = _(
                "the numbers differ from the English: it has {english}; the translation has {translated} "
                "(written as docs/i18n.md says: 1.5 or 1,5; 10 000; 2000)",
                english=_listed(en_numbers),
                translated=_listed(es_numbers),
            )
            yield Finding(file, line, "E405", where, msg)
        m = PLACEHOLDER_TRANSLATED.search(text)
        if m:
            msg = _("placeholder {word}: {rule}", word=repr(m.group(0)), rule=rule("E302"))
            yield Finding(file, line, "E302", where, msg)
        for rid in REF_ID.findall(text):
            if rid not in bundle.references:
                yield Finding(file, line, "E406", where, _("names {ref}, which is not in references/", ref=repr(rid)))
        yield from _term_rules(p, terms)


def _line_for_key(p: overlays.Placed, loc: tuple[str, ...]) -> int | None:
    return p.source.lines.get(loc) or p.source.lines.get(())


def _unknown_file(source: overlays.OverlayFile) -> str:
    kind = kinds.translated_part(source.part)
    if kind is None:
        return _(
            "mirrors {file}, which is not a translated file: overlays mirror interventions/ID.yaml, "
            "head_to_head/NAME.yaml, faq.yaml, glossary.yaml and crisis.yaml",
            file=repr(source.rel),
        )
    if source.part == kinds.INTERVENTIONS.path and source.overlay.fields is None:
        return _("a record's translation has `fields:`, not `entries:`")
    if source.part != kinds.INTERVENTIONS.path and source.overlay.entries is None:
        # Translators: {kind} is a kind of entry, in English ("FAQ entry"); {key} the field that names it ("id")
        return _(
            "the translation of a list file has `entries:` (each {kind} by its {key}), not `fields:`",
            kind=kind.label,
            key=kind.key,
        )
    return _("mirrors {file}, which is not in the English knowledge base", file=repr(source.rel))


def _missing_rules(
    bundle: Bundle, placed: list[overlays.Placed], layers: list[Path], lang: str
) -> Iterator[Finding]:
    """One finding per record or entry with release-scope fields that have no translation at all."""
    translated = {(p.source.part, p.key.lower(), p.path) for p in placed if p.field.text is not None}
    missing: dict[tuple[str, str], list[str]] = {}
    for part, key, path, _text in overlays.scope_fields(bundle):
        if (part, key.lower(), path) not in translated:
            missing.setdefault((part, key), []).append(path)
    top = layers[-1].name if layers else ""
    for (part, key), paths in missing.items():
        kind = kinds.INTERVENTIONS if part == kinds.INTERVENTIONS.path else kinds.translated_part(part)
        label = kind.label if kind is not None else part
        origin = bundle.origins.get((label, key.lower()))
        # the overlay that would hold it: beside the English file, in the same knowledge-base folder
        layer, _sep, rel = origin.file.partition("/") if origin is not None else (top, "/", part)
        shown = ", ".join(paths[:6])
        if len(paths) > 6:
            # Translators: {shown} lists the first fields ("name, summary, ..."); {more} how many are not listed
            shown = _("{shown} and {more} more", shown=shown, more=len(paths) - 6)
        n = len(paths)
        msg = ngettext(
            "{n} field of the release scope has no {lang} translation ({shown}): shown in English",
            "{n} fields of the release scope have no {lang} translation ({shown}): shown in English",
            n,
            lang=repr(lang),
            shown=shown,
        )
        yield Finding(f"{layer}/{kinds.I18N}/{lang}/{rel}", None, "W402", key if part != "interventions" else "", msg)


# numbers as written: digits, thousands after a space ("10 000") or an English comma ("10,000"), decimals
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))*(?:[.,]\d+)*")
REF_ID = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)+)\]")  # a reference id in brackets, as outputs cite them
_WORDS_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_WORDS_ES = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "cien": 100, "ciento": 100,
}  # fmt: skip


def numbers_of(text: str, lang: str) -> list[float | str]:
    """The numbers written with digits in a text, as values: English "10,000" and "1.5"; in another language
    "10 000", "1,5" or "1.5" (docs/i18n.md). A number that cannot be read as one value stays as written."""
    out: list[float | str] = []
    for m in NUMBER.finditer(text):
        raw = re.sub(r"[ \u00a0\u202f\u2009]", "", m.group(0))
        if lang == "en":
            raw = re.sub(r",(?=\d{3}(?!\d))", "", raw)
        elif "," in raw and "." not in raw:
            raw = raw.replace(",", ".")
        try:
            out.append(float(raw))
        except ValueError:
            out.append(raw)
    return out


def _same_numbers(english: str, en: list[float | str], text: str, tr: list[float | str]) -> bool:
    """The same numbers, each as often; a number that one side writes with digits and the other as a word
    ("six weeks", "6 semanas") counts as the same."""
    from collections import Counter

    from .folding import fold

    extra_en, extra_tr = Counter(en) - Counter(tr), Counter(tr) - Counter(en)
    if not extra_en and not extra_tr:
        return True
    words_en: Counter[float | str] = Counter(
        _WORDS_EN[w] for w in re.findall(r"[a-z]+", english.lower()) if w in _WORDS_EN
    )
    words_tr: Counter[float | str] = Counter(
        _WORDS_ES[w] for w in re.findall(r"[a-z]+", fold(text)) if w in _WORDS_ES
    )
    return all(words_en[v] >= n for v, n in extra_tr.items()) and all(words_tr[v] >= n for v, n in extra_en.items())


def _listed(values: list[float | str]) -> str:
    if not values:
        return _("none")
    return ", ".join(f"{v:g}" if isinstance(v, float) else v for v in values)


def _stem(word: str) -> str:
    """A Spanish word without its number and gender endings (simulado, simuladas -> simulad)."""
    if len(word) > 4 and word.endswith("es") and word[-3] in "lnrdzj":
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word[-1] in "aoe":
        word = word[:-1]
    return word


def _stems(text: str) -> list[str]:
    from .folding import fold

    return [_stem(w) for w in re.findall(r"[a-z0-9]+", fold(text))]


def _same_word(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one begins the other and has 5 letters or more (aprobad, aprob-ó)."""
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def _has_words(text_stems: list[str], words: list[str]) -> bool:
    n = len(words)
    return n > 0 and any(
        all(_same_word(t, w) for t, w in zip(text_stems[i : i + n], words)) for i in range(len(text_stems) - n + 1)
    )


class _TermCheck(NamedTuple):
    """One agreed term, worked out once: the patterns of its English and the stems of its words."""

    other_senses: list[re.Pattern[str]]  # the English phrases in which the word means something else
    english: re.Pattern[str]
    words: list[str]
    avoid: list[tuple[str, list[str]]]


@functools.lru_cache(maxsize=512)
def _term_check(en: str, other_senses: tuple[str, ...], text: str, avoid: tuple[str, ...]) -> _TermCheck:
    senses = [re.compile(rf"\b{re.escape(phrase)}", re.I) for phrase in other_senses]
    english = re.compile(rf"\b{re.escape(en)}(?:s|es)?\b", re.I)
    return _TermCheck(senses, english, _stems(text), [(w, _stems(w)) for w in avoid])


def _term_rules(p: overlays.Placed, terms: list[Term]) -> Iterator[Finding]:
    """The agreed terms: an English term in the English text needs its agreed words in the translation (any
    number or gender), and words to avoid are flagged."""
    assert p.english is not None and p.field.text is not None
    stems = _stems(p.field.text)
    folded = p.english.casefold()
    for term in terms:
        if term.language != p.field.language:
            continue
        check = _term_check(term.en, tuple(term.other_senses), term.text, tuple(term.avoid))
        said = term.en.casefold() in folded  # the pattern below matches only where this holds (most fields: not)
        meant = p.english
        for sense in check.other_senses if said else ():  # the word in another sense is not the term
            meant = sense.sub(" ", meant)
        if said and check.english.search(meant) and not _has_words(stems, check.words):
            msg = _(
                "the English says {english}: the agreed term is {term} (terms.yaml)",
                english=repr(term.en),
                term=repr(term.text),
            )
            yield Finding(p.source.file, p.line, "W403", p.where, msg)
        for word, word_stems in check.avoid:
            if _has_words(stems, word_stems):
                msg = _("uses {word}: the agreed term is {term} (terms.yaml)", word=repr(word), term=repr(term.text))
                yield Finding(p.source.file, p.line, "W404", p.where, msg)


def _ease_rules(placed: list[overlays.Placed]) -> Iterator[Finding]:
    """Spanish reading ease (Fernández-Huerta, textstat) of every translation of 25 words or more."""
    try:
        import textstat  # type: ignore[import-untyped]
    except ImportError:
        return
    state = textstat.textstat
    before = getattr(state, "_textstatistics__lang", "en_US")  # textstat's language is global: put it back
    try:
        for p in placed:
            text = p.field.text
            if text is None or p.field.language != "es" or len(text.split()) < EASE_MIN_WORDS:
                continue
            textstat.set_lang(p.field.language)
            ease = float(textstat.fernandez_huerta(text))
            if ease < MIN_EASE:
                # Translators: Fernández-Huerta is a reading-ease score for Spanish (100: very easy)
                msg = _(
                    "reads at Fernández-Huerta {ease} (aim for {aim}, fairly easy, or higher)",
                    ease=f"{ease:.0f}",
                    aim=f"{MIN_EASE:g}",
                )
                yield Finding(p.source.file, p.line, "W405", p.where, msg)
    finally:
        textstat.set_lang(before)
