"""How names and words are compared: case, accents, punctuation, hyphens and plurals do not matter.

Plain functions used by the resolver (knowledge.py), the region parser and the renderers.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _without_marks(m: re.Match[str]) -> str:
    return "".join(c for c in m.group(0) if not unicodedata.combining(c))


def fold_words(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces, single spaces."""
    t = unicodedata.normalize("NFKD", text)
    if not t.isascii():  # only the runs of other characters are looked at one by one (most text is ASCII)
        t = _NOT_ASCII.sub(_without_marks, t)
    return " ".join(_NOT_WORD.sub(" ", t.lower()).split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(text: str) -> str:
    """A name or search word as compared: case, accents, punctuation, hyphens and plurals do not matter."""
    return " ".join(_singular(w) for w in fold_words(text).split())


def compact(text: str) -> str:
    """A name as letters and digits only ("R.T.M.S" and "rTMS" are both "rtms")."""
    return fold_words(text).replace(" ", "")


def digits(text: str) -> str:
    """Only the digits of a phone number ("9-8-8" and "988" are the same number)."""
    return "".join(ch for ch in text if ch.isdigit())
