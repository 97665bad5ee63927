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

from .findings import MAX_GRADE, REVIEW_MAX_DAYS, RULES, SHORT_MAX_GRADE, Finding, Report
from .loader import Bundle, DataError, layers_for, load
from .models import Intervention, walk_texts
from .summaries import HARD_MAX_WORDS, MAX_WORDS, SHORT_KEYS, lead_breaks_rule, unsourced_numbers, word_count

PROMO = re.compile(
    r"\b(miracle|remarkable|revolutionary|breakthrough results|game[- ]changer|proven cure|amazing|"
    r"cutting[- ]edge|life[- ]changing|guaranteed|astonishing)\b",
    re.I,
)
PLACEHOLDER = re.compile(r"\b(UNVERIFIED|TODO|TBD|FIXME|XXX|lorem ipsum)\b|\?\?\?", re.I)
DOSE = re.compile(r"\b\d+(\.\d+)?\s*(mg|mcg|µg|ug|mmol|mEq|mg/kg|milligrams?)\b", re.I)
FIGURE = re.compile(r"(?<![A-Za-z])\d")


def validate(root: Path | None, today: _dt.date | None = None, readability: bool = True) -> Report:
    layers, _ = layers_for(root)
    try:
        bundle = load(root)
    except DataError as exc:
        return Report(
            [str(p) for p in layers], [Finding(p.file, p.line, p.code, p.field, p.message) for p in exc.problems]
        )
    findings = list(lint(bundle, today or _dt.date.today(), readability))
    findings.sort(key=lambda f: (f.severity != "error", f.file, f.line or 0, f.code))
    return Report(bundle.sources, findings)


# --- rules on a loaded knowledge base ---------------------------------------------------------------


def _texts(item: Intervention) -> Iterator[tuple[str, str]]:
    """Every sentence of a record with its field path (the one walker, models.walk_texts)."""
    for path, text, _ in walk_texts(item):
        yield path, text


def _line_of(file: str, sources: list[str], needle: str, default: int | None, after: str = "") -> int | None:
    """The first line of `file` that contains `needle` (after a line containing `after`, if given)."""
    for src in sources:
        path = Path(src).parent / file
        if path.is_file():
            try:
                seen = not after
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                    seen = seen or after.lower() in line.lower()
                    if seen and needle.lower() in line.lower():
                        return n
            except OSError:  # pragma: no cover
                return default
    return default


def lint(bundle: Bundle, today: _dt.date, readability: bool = True) -> Iterator[Finding]:
    grade = _grader() if readability else None
    srcs = bundle.sources

    def at(kind: str, key: str) -> tuple[str, int | None]:
        o = bundle.origins.get((kind, key.lower()))
        return (o.file, o.line) if o is not None else ("", None)

    for item in bundle.interventions:
        file, line = at("intervention", item.id)
        for fld, text in _texts(item):
            for rx, code, what in (
                (PROMO, "E301", "promotional wording"),
                (PLACEHOLDER, "E302", "placeholder"),
                (DOSE, "E303", "dosing amount"),
            ):
                m = rx.search(text)
                if m:
                    yield Finding(
                        file, _line_of(file, srcs, m.group(0), line), code, fld, f"{what} {m.group(0)!r}: {RULES[code]}"
                    )
        if FIGURE.search(item.summary):
            yield Finding(file, _line_of(file, srcs, "summary:", line), "E304", "summary", RULES["E304"])
        if not item.outcomes and not item.misconceptions:
            yield Finding(file, line, "E310", "outcomes", RULES["E310"])
        yield from _short_rules(item, file, line, srcs, grade)
        age = (today - item.last_reviewed).days
        if age > REVIEW_MAX_DAYS:
            yield Finding(
                file,
                _line_of(file, srcs, "last_reviewed", line),
                "W201",
                "last_reviewed",
                f"last reviewed {item.last_reviewed.isoformat()} ({age} days ago); the policy is "
                f"at least once every {REVIEW_MAX_DAYS} days",
            )
        if grade is not None:
            for fld in ("summary", "mechanism"):
                text = item.summary if fld == "summary" else item.mechanism.text
                g = grade(text)
                if g > MAX_GRADE:
                    yield Finding(
                        file,
                        _line_of(file, srcs, fld + ":", line),
                        "W320",
                        fld,
                        f"reads at about grade {g:.1f} (aim for 8, warn above {MAX_GRADE:g})",
                    )

    for f in bundle.faq:
        file, line = at("FAQ entry", f.id)
        for rx, code in ((PROMO, "E301"), (PLACEHOLDER, "E302"), (DOSE, "E303")):
            m = rx.search(f.answer) or rx.search(f.question)
            if m:
                yield Finding(
                    file, _line_of(file, srcs, m.group(0), line), code, "answer", f"{m.group(0)!r}: {RULES[code]}"
                )
        if FIGURE.search(f.answer) and not f.refs:
            yield Finding(file, line, "E311", "refs", RULES["E311"])
        if grade is not None:
            g = grade(f.answer)
            if g > MAX_GRADE:
                yield Finding(
                    file, line, "W320", "answer", f"reads at about grade {g:.1f} (aim for 8, warn above {MAX_GRADE:g})"
                )
    for g_ in bundle.glossary:
        file, line = at("glossary term", g_.term)
        if FIGURE.search(g_.definition) and not g_.refs:
            yield Finding(file, line, "E311", "refs", RULES["E311"])
        m = PROMO.search(g_.definition) or PLACEHOLDER.search(g_.definition)
        if m:
            code = "E301" if PROMO.search(g_.definition) else "E302"
            yield Finding(file, line, code, "definition", f"{m.group(0)!r}: {RULES[code]}")

    for rid in sorted(set(bundle.references) - bundle.cited_reference_ids()):
        file, line = at("reference", rid)
        yield Finding(file, line, "W330", "id", f"reference {rid!r} is not cited anywhere")

    if readability and grade is None:
        yield Finding("", None, "I399", "", RULES["I399"])


def _short_rules(
    item: Intervention, file: str, line: int | None, srcs: list[str], grade: Callable[[str], float] | None
) -> Iterator[Finding]:
    """Short answers: present, short, plain, every number sourced; the lead result controlled."""
    if lead_breaks_rule(item):
        yield Finding(file, _line_of(file, srcs, "outcomes:", line), "E321", "outcomes[0]", RULES["E321"])
    if item.setting.onset is not None:
        bad = unsourced_numbers(item, item.setting.onset)
        if bad:
            at = _line_of(file, srcs, "onset:", line)
            msg = f"{', '.join(bad)} not found in this record's cited detail"
            yield Finding(file, at, "E320", "setting.onset", msg)
    if item.short is None:
        yield Finding(file, line, "W324", "short", "no short answers: compare shows the full detail instead")
        return
    for key in SHORT_KEYS:
        text = getattr(item.short, key).text
        at = _line_of(file, srcs, f"  {key}:", line, after="short:")
        bad = unsourced_numbers(item, text)
        if bad:
            yield Finding(file, at, "E320", f"short.{key}", f"{', '.join(bad)} not found in this record's cited detail")
        n = word_count(text)
        if n > HARD_MAX_WORDS:
            yield Finding(file, at, "E322", f"short.{key}", f"{n} words; {RULES['E322']}")
        elif n > MAX_WORDS:
            yield Finding(file, at, "W324", f"short.{key}", f"{n} words (aim for {MAX_WORDS} at most)")
        if grade is not None:
            g = grade(text)
            if g > SHORT_MAX_GRADE:
                yield Finding(
                    file, at, "W325", f"short.{key}", f"reads at about grade {g:.1f} (aim for {SHORT_MAX_GRADE:g})"
                )


def _grader() -> Callable[[str], float] | None:
    try:
        import textstat  # type: ignore[import-untyped]
    except ImportError:
        return None

    def grade(text: str) -> float:
        return float(textstat.flesch_kincaid_grade(text))

    return grade
