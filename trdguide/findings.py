"""The findings of `trdguide validate` and the rule codes: plain data, shared by the linter and the renderers.

Kept apart from `lint.py` (which imports the YAML loader) so that renderers never import the loader.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from .i18n import N_, _
from .summaries import HARD_MAX_WORDS, MAX_WORDS

REVIEW_MAX_DAYS = 365
MAX_GRADE = 10.0  # we aim for grade 8; warn above this (medical words raise the score)
SHORT_MAX_GRADE = 8.0  # short answers are the first thing a tired reader sees
MIN_EASE = 70.0  # Spanish reading ease (Fernández-Huerta): 70 and over is "fairly easy"
EASE_MIN_WORDS = 25  # the reading ease of shorter texts says little

# Translators: what each rule of `trdguide validate` finds; {placeholders} are limits (see `rule`).
RULES: dict[str, str] = {
    "E101": N_("YAML syntax error"),
    "E102": N_("file or folder cannot be used (missing, unreadable, not a regular file, empty, too large, not UTF-8)"),
    "E103": N_("unsafe or ambiguous YAML (tags, duplicate keys, alias bombs, deep nesting)"),
    "E110": N_("a field is missing, unknown or has the wrong value (schema)"),
    "E111": N_("a file has the wrong overall shape"),
    "E112": N_("a knowledge base lacks a part it needs (intervention records, crisis lines)"),
    "E120": N_("an id is defined twice"),
    "E121": N_("a name or alias is used by two records"),
    "E122": N_("an intervention's id does not match its file name"),
    "E130": N_("a cited reference does not exist"),
    "E131": N_("a linked intervention does not exist"),
    "E150": N_("a review date is in the future"),
    "E301": N_("promotional wording"),
    "E302": N_("placeholder text"),
    "E303": N_("a dosing amount (the knowledge base describes how often, never how much)"),
    "E304": N_("a figure in a summary (figures belong in cited fields)"),
    "E310": N_("no benefit information: an intervention needs outcomes or a corrected misconception"),
    "E311": N_("a text with figures cites no reference"),
    "E320": N_("a number in a short answer has no source in the record's cited detail"),
    "E321": N_("the first 'Will it work?' result is not a controlled comparison, though the record has one"),
    "E322": N_("a short answer is far too long (more than {hard_words} words)"),
    "W324": N_("a short answer is missing, or longer than about {words} words"),
    "W325": N_("a short answer reads above school grade {short_grade}"),
    "W201": N_("last reviewed more than {days} days ago"),
    "W320": N_("plain-language text reads above school grade {grade}"),
    "W330": N_("a reference is not cited anywhere"),
    "W340": N_("a control, text-direction or invisible character in the text"),
    "W341": N_("an HTML tag in the text"),
    "W342": N_("a file in the knowledge-base folder that is not read"),
    "W343": N_("a short answer cites no reference that the record's detail still cites"),
    "E401": N_("a translation file that mirrors no English file"),
    "E402": N_("a translated entry that is not in the English file"),
    "E403": N_("a translated field that the English record does not have"),
    "E404": N_("a translation of a field that is never translated (an id, a reference, a link, a number to dial)"),
    "E405": N_("the numbers in a translation differ from the English"),
    "E406": N_("a translation names a reference that does not exist"),
    "W401": N_("a stale translation: the English changed since (the English is shown)"),
    "W402": N_("a field of the release scope with no translation (the English is shown)"),
    "W403": N_("a translation without the agreed term for an English term (terms.yaml)"),
    "W404": N_("a translation uses a word the agreed terms say to avoid (terms.yaml)"),
    "W405": N_("a longer translation reads below Fernández-Huerta {min_ease} (fairly easy)"),
    "I360": N_("a record replaces a bundled one"),
    "I399": N_("reading level not checked (install trdguide[lint])"),
}


def rule(code: str) -> str:
    """What a rule finds, in the reader's language, with its limits filled in."""
    return _(
        RULES[code],
        hard_words=HARD_MAX_WORDS,
        words=MAX_WORDS,
        short_grade=f"{SHORT_MAX_GRADE:g}",
        days=REVIEW_MAX_DAYS,
        grade=f"{MAX_GRADE:g}",
        min_ease=f"{MIN_EASE:g}",
    )


@dataclass(frozen=True)
class Finding:
    """One finding of `trdguide validate`, with its rule code."""

    file: str
    line: int | None
    code: str
    field: str
    message: str

    @property
    def severity(self) -> str:
        return {"E": "error", "W": "warning"}.get(self.code[0], "info")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        fld = f" {self.field}:" if self.field else ""
        return f"{where}: {self.code}{fld} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity}


class LanguageCoverage(NamedTuple):
    """How much of the release scope one language translates (`validate` prints a line for each)."""

    language: str
    translated: int  # translated, and current with the English
    in_scope: int
    stale: int  # translated against English that has changed since (shown in English)
    missing: int  # not translated (shown in English)


@dataclass
class Report:
    """Everything `trdguide validate` found in the knowledge bases it checked."""

    sources: list[str]
    findings: list[Finding]
    coverage: list[LanguageCoverage] = field(default_factory=list)  # each language folder's translations

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]
