"""Where the reader is: region codes from what people type, from TRDGUIDE_REGION, or from the locale.

Plain functions (no terminal, no knowledge base): the CLI uses them to pick the crisis line shown in
every footer, and `trdguide crisis --region` to understand "Australia" as well as "AU".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .folding import fold_words

# What people type for each region, beside the code itself (compared without case, accents or punctuation)
REGION_WORDS: dict[str, tuple[str, ...]] = {
    "US": ("us", "usa", "united states", "united states of america", "america"),
    "CA": ("ca", "canada"),
    "UK": (
        "uk",
        "gb",
        "united kingdom",
        "great britain",
        "britain",
        "england",
        "scotland",
        "wales",
        "northern ireland",
    ),
    "IE": ("ie", "ireland", "republic of ireland", "eire"),
    "AU": ("au", "australia"),
    "INTL": ("intl", "international", "everywhere else", "other", "elsewhere"),
}
# The locale's country part (en_GB, fr_CA, ...) -> region
LOCALE_COUNTRIES = {"US": "US", "CA": "CA", "GB": "UK", "UK": "UK", "IE": "IE", "AU": "AU"}
_LOCALE = re.compile(r"^[a-z]{2,3}_([A-Z]{2})\b")


def parse_region(text: str) -> str | None:
    """The region code for what a person typed ("AU", "Australia", "united states"), or None."""
    key = fold_words(text)
    for code, words in REGION_WORDS.items():
        if key in words:
            return code
    return None


def region_from_environment(environ: Mapping[str, str]) -> str | None:
    """TRDGUIDE_REGION, else the locale (LC_ALL, LC_MESSAGES, LANG: en_GB, fr_CA, ...), else None."""
    chosen = environ.get("TRDGUIDE_REGION", "").strip()
    if chosen:
        return parse_region(chosen)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "").strip()
        if value:  # the first one set decides, as the C library does
            m = _LOCALE.match(value)
            return LOCALE_COUNTRIES.get(m.group(1)) if m else None
    return None
