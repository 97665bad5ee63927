"""`trdguide validate`: a content linter for knowledge bases, with stable rule codes.

Errors (E...) make `validate` exit 1; warnings (W...) are reported but do not fail. Everything the
loader checks is reported under the code the loader gave it (`errors.Problem.code`); the rules below run on a
knowledge base that loaded. No terminal code here: findings are plain data.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel

from . import kinds
from .findings import MAX_GRADE, REVIEW_MAX_DAYS, RULES, SHORT_MAX_GRADE, Finding, Report, rule  # noqa: F401 (RULES: re-exported)
from .framing import unsafe_chars
from .loader import Bundle, DataError, layers_for, load
from .models import Intervention, walk_refs, walk_texts
from .summaries import (
    HARD_MAX_WORDS,
    MAX_WORDS,
    SHORT_KEYS,
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
DOSE = re.compile(r"\b\d+(\.\d+)?\s*(mg|mcg|µg|ug|mmol|mEq|mg/kg|milligrams?)\b", re.I)
FIGURE = re.compile(r"(?<![A-Za-z])\d")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")


def validate(root: Path | None, today: _dt.date | None = None, readability: bool = True) -> Report:
    layers, _ = layers_for(root)
    unread = list(unread_files(layers))
    try:
        bundle = load(root)
    except DataError as exc:
        found = [Finding(p.file, p.line, p.code, p.field, p.message) for p in exc.problems]
        return Report([str(p) for p in layers], found + unread)
    findings = list(lint(bundle, today or _dt.date.today(), readability)) + unread
    findings.sort(key=lambda f: (f.severity != "error", f.file, f.line or 0, f.code))
    return Report(bundle.sources, findings)


# --- rules on a loaded knowledge base ---------------------------------------------------------------


def _texts(item: Intervention) -> Iterator[tuple[str, str]]:
    """Every sentence of a record with its field path (the one walker, models.walk_texts)."""
    for path, text, _ in walk_texts(item):
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
                aim = f"aim for 8, warn above {limit:g}" if code == "W320" else f"aim for {limit:g}"
                yield Finding(file, line, code, fld, f"reads at about grade {g:.1f} ({aim})")

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
                f"last reviewed {item.last_reviewed.isoformat()} ({age} days ago); the policy is "
                f"at least once every {REVIEW_MAX_DAYS} days",
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
                yield Finding(*where("short.text"), "E322", "short.text", f"{n} words; {rule('E322')}")
            elif n > MAX_WORDS:
                yield Finding(*where("short.text"), "W324", "short.text", f"{n} words (aim for {MAX_WORDS} at most)")
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
        yield Finding(file, line, "W330", "id", f"reference {rid!r} is not cited anywhere")

    yield from _hidden_text_rules(bundle)
    for kind, key, file, line in bundle.replaced:
        yield Finding(file, line, "I360", "", f"{kind} {key!r} replaces the bundled one of the same name")

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
                    msg = f"{names} at character {where}: hidden or control characters (shown as <U+...> codes)"
                    yield Finding(f, at, "W340", fld, msg)
                m = HTML_TAG.search(text)
                if m:
                    f, at = _find(files, bundle.sources, [m.group(0)], file, line)
                    yield Finding(f, at, "W341", fld, f"{m.group(0)[:40]!r}: {rule('W341')} (shown as text)")


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


def _unread_message(p: Path) -> str:
    if p.is_dir():
        return "this folder is not read (only the folders and files named in docs/own-knowledge-base.md are)"
    return (
        "this file is not read: only files ending in .yaml or .yml are, and faq.yaml, glossary.yaml, "
        "crisis.yaml and kb.yaml by those exact names"
    )


def _short_rules(
    item: Intervention, where: Callable[[str], tuple[str, int | None]], grade: Callable[[str], float] | None
) -> Iterator[Finding]:
    """Short answers: present, short, plain, every number sourced; the lead result controlled."""
    if lead_breaks_rule(item):
        yield Finding(*where("outcomes"), "E321", "outcomes[0]", rule("E321"))
    if item.setting.onset is not None:
        bad = unsourced_numbers(item, item.setting.onset)
        if bad:
            msg = f"{', '.join(bad)} not found in this record's cited detail"
            yield Finding(*where("setting.onset"), "E320", "setting.onset", msg)
    if item.short is None:
        yield Finding(*where(""), "W324", "short", "no short answers: compare shows the full detail instead")
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
                f"cites {cited}, which the record's detail no longer cites: "
                "check that this answer still agrees with the detail (an override may have replaced it)",
            )
        bad = unsourced_numbers(item, text)
        if bad:
            yield Finding(file, at, "E320", f"short.{key}", f"{', '.join(bad)} not found in this record's cited detail")
        n = word_count(text)
        if n > HARD_MAX_WORDS:
            yield Finding(file, at, "E322", f"short.{key}", f"{n} words; {rule('E322')}")
        elif n > MAX_WORDS:
            yield Finding(file, at, "W324", f"short.{key}", f"{n} words (aim for {MAX_WORDS} at most)")
        if grade is not None:
            g = grade(text)
            if g > SHORT_MAX_GRADE:
                yield Finding(
                    file, at, "W325", f"short.{key}", f"reads at about grade {g:.1f} (aim for {SHORT_MAX_GRADE:g})"
                )


