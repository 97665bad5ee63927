"""The words that frame every output: the education disclaimer and the pointer to urgent help.

Defined once here; every renderer and every output format uses them, once per output.
"""

from __future__ import annotations

import re

# Each fits one line at 80 columns: they frame every output, so they must not push the answer off screen.
DISCLAIMER = "Education, not medical advice: ask your care team before changing treatment."
CRISIS_POINTER = "In crisis or suicidal? Call or text 988 (US, Canada). Elsewhere: trdguide crisis"


def crisis_pointer_for(number: str, emergency: str | None, texts: bool) -> str:
    """The footer for a reader whose region is known: its crisis number and its emergency number."""
    verb = "Call or text" if texts else "Call"
    danger = f", or {emergency} if in danger" if emergency else ""
    return f"In crisis or suicidal? {verb} {number}{danger}. trdguide crisis"


def crisis_pointer_general(numbers: list[tuple[str, list[str]]]) -> str:
    """The footer where the region is not known: the main number of each covered region, in one line."""
    parts = " · ".join(f"{number} ({'/'.join(regions)})" for number, regions in numbers)
    return f"In crisis? {parts} · trdguide crisis"


HOPE_LINE = "Depression that has not yet responded to treatment can still get better; many options exist."
COMPARISON_CAVEAT = "The grid's figures come from different studies and people, not a head-to-head trial."

# Characters that could change what a terminal shows: C0/C1 controls (except newline and tab), DEL,
# and bidirectional overrides/isolates. Data text is shown with them made visible and harmless.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Make a data string inert for display: control and direction characters become visible codes."""
    return _UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
