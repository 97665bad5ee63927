"""The findings of `trdguide validate` and the rule codes: plain data, shared by the linter and the renderers.

Kept apart from `lint.py` (which imports the YAML loader) so that renderers never import the loader.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .summaries import HARD_MAX_WORDS, MAX_WORDS

REVIEW_MAX_DAYS = 365
MAX_GRADE = 10.0  # we aim for grade 8; warn above this (medical words raise the score)
SHORT_MAX_GRADE = 8.0  # short answers are the first thing a tired reader sees

RULES: dict[str, str] = {
    "E101": "YAML syntax error",
    "E102": "file or folder cannot be used (missing, unreadable, not a regular file, empty, too large, not UTF-8)",
    "E103": "unsafe or ambiguous YAML (tags, duplicate keys, alias bombs, deep nesting)",
    "E110": "a field is missing, unknown or has the wrong value (schema)",
    "E111": "a file has the wrong overall shape",
    "E112": "a knowledge base lacks a part it needs (intervention records, crisis lines)",
    "E120": "an id is defined twice",
    "E121": "a name or alias is used by two records",
    "E122": "an intervention's id does not match its file name",
    "E130": "a cited reference does not exist",
    "E131": "a linked intervention does not exist",
    "E150": "a review date is in the future",
    "E301": "promotional wording",
    "E302": "placeholder text",
    "E303": "a dosing amount (the knowledge base describes how often, never how much)",
    "E304": "a figure in a summary (figures belong in cited fields)",
    "E310": "no benefit information: an intervention needs outcomes or a corrected misconception",
    "E311": "a text with figures cites no reference",
    "E320": "a number in a short answer has no source in the record's cited detail",
    "E321": "the first 'Will it work?' result is not a controlled comparison, though the record has one",
    "E322": f"a short answer is far too long (more than {HARD_MAX_WORDS} words)",
    "W324": f"a short answer is missing, or longer than about {MAX_WORDS} words",
    "W325": f"a short answer reads above school grade {SHORT_MAX_GRADE:g}",
    "W201": f"last reviewed more than {REVIEW_MAX_DAYS} days ago",
    "W320": f"plain-language text reads above school grade {MAX_GRADE:g}",
    "W330": "a reference is not cited anywhere",
    "I399": "reading level not checked (install trdguide[lint])",
}


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


@dataclass
class Report:
    """Everything `trdguide validate` found in the knowledge bases it checked."""

    sources: list[str]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]
