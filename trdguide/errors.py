"""Problems found in a knowledge base. Light on purpose: the command line imports it on every run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        fld = f" {self.field}:" if self.field else ""
        return f"{where}:{fld} {self.message}"

    @property
    def code(self) -> str:
        """A stable rule code for `trdguide validate` (documented in the README)."""
        for code, needles in _CODES:
            if any(n in self.message for n in needles):
                return code
        return "E110" if self.field else "E102"


_CODES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("E101", ("YAML syntax error", "YAML error")),
    ("E103", ("is not allowed (plain YAML only)", "alias bomb", "nested", "appears twice", "must be plain text")),
    ("E150", ("in the future",)),
    ("E120", ("defined twice",)),
    ("E121", ("is already used by intervention", "is the id of another intervention")),
    ("E122", ("must match the file name",)),
    ("E130", ("which is not in references/",)),
    ("E131", ("which is not an intervention", "related to itself", "overrides ", "not an intervention in the base")),
    (
        "E111",
        (
            "must be one intervention record",
            "must be a list of entries",
            "must be a mapping with only",
            "must be 'bundled' or 'none'",
            "names the intervention it changes",
        ),
    ),
    ("E102", ("does not exist", "is not a folder", "cannot be read", "is larger than", "not valid UTF-8", "is empty")),
)


class DataError(Exception):
    """One or more problems in the knowledge base, each with file, line and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message))
        n = len(self.problems)
        head = f"The knowledge base has {n} problem{'s' if n != 1 else ''}:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
