"""Making data text safe to show: control and text-direction characters become visible codes.

(The words that frame every output, the disclaimer and the crisis pointer, are in `wording.py`.)
"""

from __future__ import annotations

import re

# Characters that could change what a terminal shows: C0/C1 controls (except newline and tab), DEL,
# and bidirectional overrides/isolates. Data text is shown with them made visible and harmless.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
