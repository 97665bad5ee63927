"""Making data text safe to show: control and text-direction characters become visible codes.

(The words that frame every output, the disclaimer and the crisis pointer, are in `wording.py`.)
"""

from __future__ import annotations

import re

# Characters that could change what a terminal shows or hide what a text says: C0/C1 controls (escape
# sequences start with one; newline and tab excepted), DEL, and every format character (Unicode Cf:
# text-direction marks, overrides and isolates, zero-width and other invisible characters such as U+200B,
# U+2060, U+FEFF, U+061C, U+00AD) and the line and paragraph separators (Zl, Zp: U+2028, U+2029).
# Data text is shown with them made visible and harmless; `trdguide validate` warns about them (W340).
# (Written out rather than built from unicodedata at start-up; tests/test_validate.py checks the set
# against the running Python's Unicode tables.)
UNSAFE_CHARS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")


# The widths output is laid out in, whatever COLUMNS or the terminal says: narrower than MIN_WIDTH the
# tables cannot be laid out (COLUMNS=0 would print nothing at all); lines wider than MAX_WIDTH are hard to
# read, and laying a table out takes longer the wider it is (at COLUMNS=20000 one compare took 11 s).
MIN_WIDTH = 20
MAX_WIDTH = 160


def clamp_width(columns: int) -> int:
    """The width to lay output out in, for a width asked for (COLUMNS, a terminal's size)."""
    return max(MIN_WIDTH, min(columns, MAX_WIDTH))


def safe(text: str) -> str:
    """Make a data string inert for display: control and direction characters become visible codes."""
    return _UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def unsafe_chars(text: str) -> list[tuple[int, str]]:
    """Where `safe` would change `text`: (index, character) of each unsafe character."""
    return [(m.start(), m.group()) for m in _UNSAFE.finditer(text)]
