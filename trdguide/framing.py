"""Making data text safe to show: control and text-direction characters become visible codes.

(The words that frame every output, the disclaimer and the crisis pointer, are in `wording.py`.)
"""

from __future__ import annotations

import re

# Characters that could change what a terminal shows: C0/C1 controls (except newline and tab), DEL,
# and bidirectional overrides/isolates. Data text is shown with them made visible and harmless.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Make a data string inert for display: control and direction characters become visible codes."""
    return _UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
