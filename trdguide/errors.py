"""Problems found in a knowledge base. Light on purpose: the command line imports it on every run."""

from __future__ import annotations

from typing import NamedTuple

from .i18n import ngettext


class Problem(NamedTuple):
    """One problem in a knowledge base: where it is, which field, what is wrong, and its rule code.

    A named tuple (immutable, ordered, hashable) rather than a dataclass: far cheaper to define, and
    every command imports this module.
    """

    file: str
    line: int | None
    field: str
    message: str
    code: str = "E110"  # the rule code `trdguide validate` reports (docs/validate.md), set where the problem is found

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        fld = f" {self.field}:" if self.field else ""
        return f"{where}:{fld} {self.message}"


class DataError(Exception):
    """One or more problems in the knowledge base, each with file, line and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message))
        n = len(self.problems)
        head = ngettext("The knowledge base has {n} problem:", "The knowledge base has {n} problems:", n)
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
