"""Where the reader is: region codes from what people type, from TRDGUIDE_REGION, or from the locale.

Plain functions (no terminal, no knowledge base): the CLI uses them to pick the crisis line shown in
every footer, and `trdguide crisis --region` to understand "Australia" as well as "AU".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from .folding import fold_words

# What people type for each region, beside the code itself (compared without case, accents or punctuation);
# the Spanish names too ("Estados Unidos", "EE. UU.", "Reino Unido"), for readers who use the guide in Spanish
REGION_WORDS: dict[str, tuple[str, ...]] = {
    "US": (
        "us",
        "usa",
        "united states",
        "united states of america",
        "america",
        "estados unidos",
        "estados unidos de america",
        "eeuu",
        "ee uu",
        "eua",
    ),
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
        "reino unido",
        "gran bretana",
        "inglaterra",
        "escocia",
        "gales",
        "irlanda del norte",
    ),
    "IE": ("ie", "ireland", "republic of ireland", "eire", "irlanda", "republica de irlanda"),
    "AU": ("au", "australia"),
    "NZ": ("nz", "new zealand", "aotearoa", "aotearoa new zealand", "nueva zelanda", "nueva zelandia"),
    "INTL": ("intl", "international", "everywhere else", "other", "elsewhere", "otro pais", "otros paises"),
}
# What Spanish speakers type for the same regions (folded: no accents or punctuation; "EE. UU." is "ee uu")
SPANISH_REGION_WORDS: dict[str, tuple[str, ...]] = {
    "US": ("estados unidos", "estados unidos de america", "eeuu", "ee uu", "eua", "usa"),
    "CA": ("canada",),
    "UK": ("reino unido", "gran bretana", "inglaterra", "escocia", "gales", "irlanda del norte"),
    "IE": ("irlanda", "republica de irlanda"),
    "AU": ("australia",),
    "NZ": ("nueva zelanda", "nueva zelandia"),
    "INTL": ("internacional", "otro", "otro pais", "otros paises", "en otro lugar"),
}
for _code, _words in SPANISH_REGION_WORDS.items():
    REGION_WORDS[_code] = (*REGION_WORDS[_code], *(w for w in _words if w not in REGION_WORDS[_code]))
# The locale's country part (en_GB, fr_CA, ...) -> region
LOCALE_COUNTRIES = {"US": "US", "CA": "CA", "GB": "UK", "UK": "UK", "IE": "IE", "AU": "AU", "NZ": "NZ"}
# Cities people may type instead of their country: a few large ones in each covered region (Belfast is UK)
CITY_REGIONS: dict[str, str] = {
    "dublin": "IE",
    "cork": "IE",
    "galway": "IE",
    "limerick": "IE",
    "sydney": "AU",
    "melbourne": "AU",
    "brisbane": "AU",
    "perth": "AU",
    "adelaide": "AU",
    "canberra": "AU",
    "toronto": "CA",
    "montreal": "CA",
    "vancouver": "CA",
    "ottawa": "CA",
    "calgary": "CA",
    "london": "UK",
    "manchester": "UK",
    "birmingham": "UK",
    "edinburgh": "UK",
    "glasgow": "UK",
    "cardiff": "UK",
    "belfast": "UK",
    "auckland": "NZ",
    "wellington": "NZ",
    "christchurch": "NZ",
    "new york": "US",
    "nueva york": "US",
    "los angeles": "US",
    "chicago": "US",
    "houston": "US",
    "miami": "US",
    "londres": "UK",
    "edimburgo": "UK",
}
_LOCALE = re.compile(r"^[a-z]{2,3}_([A-Z]{2})\b")


def parse_region(text: str) -> str | None:
    """The region code for what a person typed ("AU", "Australia", "united states"), or None."""
    key = fold_words(text)
    for code, words in REGION_WORDS.items():
        if key in words:
            return code
    return CITY_REGIONS.get(key)


class ReaderRegion(NamedTuple):
    """Where the environment says the reader is: a covered region's code, or what named an uncovered one.

    `code` is set where the region is covered. `uncovered` is the text that named a place the guide does not
    cover (TRDGUIDE_REGION=zz, or the country of a locale such as en_IN: "IN"); `chosen` says whether the
    reader chose it (TRDGUIDE_REGION) rather than the locale implying it. Both None: nothing says where.
    """

    code: str | None
    uncovered: str | None = None
    chosen: bool = False


def reader_region(environ: Mapping[str, str]) -> ReaderRegion:
    """Like region_from_environment, but an uncovered TRDGUIDE_REGION or locale country is kept, not lost."""
    chosen = environ.get("TRDGUIDE_REGION", "").strip()
    if chosen:
        code = parse_region(chosen)
        return ReaderRegion(code) if code else ReaderRegion(None, chosen, True)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "").strip()
        if value:
            m = _LOCALE.match(value)
            if not m:
                return ReaderRegion(None)
            code = LOCALE_COUNTRIES.get(m.group(1))
            return ReaderRegion(code) if code else ReaderRegion(None, m.group(1))
    return ReaderRegion(None)


def close_regions(text: str, n: int = 2) -> list[str]:
    """Region codes whose names (or cities) are spelled close to what was typed ("Austrlia": AU), best first."""
    from difflib import get_close_matches

    key = fold_words(text)
    if len(key) < 4:  # "xx", "zz": too short for a spelling to be "close" to anything
        return []
    names = {w: code for code, words in REGION_WORDS.items() if code != "INTL" for w in words if len(w) > 3}
    names.update(CITY_REGIONS)
    codes: list[str] = []
    for word in get_close_matches(key, list(names), n=5, cutoff=0.75):
        if names[word] not in codes:
            codes.append(names[word])
    return codes[:n]


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
