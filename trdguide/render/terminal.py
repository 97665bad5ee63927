"""Rich tables and text for a terminal. Data is always wrapped in `Text`, never parsed as markup.

Colour is used only on a terminal and never carries meaning on its own (NO_COLOR and TERM=dumb are
respected by Rich). When the terminal is too narrow for side-by-side columns, the same content is
stacked instead, so words are wrapped rather than cut.
"""

from __future__ import annotations

import re
from typing import TextIO, cast

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ..framing import safe
from .document import Bullets, Checklist, Document, Heading, Para, Picture, Table, Title

MIN_LABEL = 14  # the first column (question or option name)
MIN_COL = {"grid": 18, "list": 12}  # each further column
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$")


class _TrimWriter:
    """Writes through to a stream, removing the padding Rich leaves at the end of each line."""

    def __init__(self, out: TextIO):
        self.out = out
        self.buf = ""

    def write(self, s: str) -> int:
        self.buf += s
        *lines, self.buf = self.buf.split("\n")
        for line in lines:
            self.out.write(_TRAILING.sub(r"\1", line) + "\n")
        return len(s)

    def flush(self) -> None:
        if self.buf:
            self.out.write(_TRAILING.sub(r"\1", self.buf))
            self.buf = ""
        self.out.flush()

    def isatty(self) -> bool:
        return self.out.isatty()

    def fileno(self) -> int:
        return self.out.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.out, "encoding", None) or "utf-8"


def make_console(out: TextIO) -> Console:
    return Console(file=out, highlight=False, emoji=False, markup=False, soft_wrap=False)


def _t(text: str, style: str = "") -> Text:
    return Text(safe(text), style=style)


def _bullets(items: list[str]) -> RichTable:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(Text("-"), _t(item))
    return grid


def _cell(paras: list[str]) -> Text:
    return Text("\n\n").join(_t(p) for p in paras)


def _stacked(console: Console, block: Table) -> None:
    for label, cells in block.rows:
        console.print(_t(label, "bold"))
        for col, paras in zip(block.columns, cells):
            console.print(_t(col, "bold underline"))
            console.print(_bullets(paras))
        console.print()


def _longest_word(texts: list[str]) -> int:
    return max((len(w) for t in texts for w in t.split()), default=1)


def _min_widths(block: Table) -> list[int]:
    """Each column at least as wide as its longest word, so words wrap and are never cut."""
    first = _longest_word([block.first_column] + [label for label, _ in block.rows])
    rest = [
        _longest_word([col] + [p for _, cells in block.rows for p in cells[i]]) for i, col in enumerate(block.columns)
    ]
    return [min(w, 30) for w in [first, *rest]]


def _allocate(block: Table, width: int) -> list[int] | None:
    """Column widths that fit `width`, none narrower than its longest word; None if impossible."""
    mins = _min_widths(block)
    mins = [max(mins[0], MIN_LABEL - 4)] + [max(m, MIN_COL[block.kind]) for m in mins[1:]]
    overhead = 3 * len(mins)
    room = width - overhead - sum(mins)
    if room < 0:
        return None
    natural = [
        max(len(t) for t in [block.first_column] + [label for label, _ in block.rows]),
        *(
            max([len(col)] + [len(p) for _, cells in block.rows for p in cells[i]])
            for i, col in enumerate(block.columns)
        ),
    ]
    want = [max(0, n - m) for n, m in zip(natural, mins)]
    if block.kind == "grid":  # options share the space equally; the question column stays narrow
        want[0] = min(want[0], 4)
    total = sum(want) or 1
    extra = [min(w, room * w // total) for w in want]
    return [m + e for m, e in zip(mins, extra)]


def glyphs(encoding: str | None) -> tuple[str, str]:
    """Filled and empty person glyphs; ASCII when the output encoding cannot show the symbols."""
    try:
        "\u25cf\u25cb".encode(encoding or "ascii")
        return "\u25cf", "\u25cb"
    except (UnicodeEncodeError, LookupError):
        return "#", "."


def icon_grid(count: int, filled: str, empty: str) -> list[str]:
    """Ten rows of ten: the first `count` filled, row by row."""
    return [" ".join(filled if r * 10 + c < count else empty for c in range(10)) for r in range(10)]


def _picture(console: Console, pic: Picture) -> None:
    filled, empty = glyphs(console.encoding)
    grids = [(f"{who}: {n} in 100", icon_grid(n, filled, empty)) for who, n in pic.panels]
    cell = 19  # ten glyphs with spaces
    side_by_side = console.width >= len(grids) * (cell + 4)
    if side_by_side:
        labels = "    ".join(_fit(label, cell).ljust(cell) for label, _ in grids)
        console.print(_t(labels, "bold"))
        for r in range(10):
            console.print(Text("    ".join(g[r] for _, g in grids)))
        if len(grids) > 1:
            sides = ["Left", "Right"] if len(grids) == 2 else [f"Grid {i + 1}" for i in range(len(grids))]
            console.print(_t("; ".join(f"{side}: {label}" for side, (label, _) in zip(sides, grids)) + "."))
    else:
        for label, g in grids:
            console.print(_t(label, "bold"))
            for row in g:
                console.print(Text(row))
    console.print(_t(f"{filled} = a person with this result; {empty} = a person without it.", "dim"))
    console.print()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def render(doc: Document, out: TextIO) -> None:
    writer = _TrimWriter(out)
    console = make_console(cast(TextIO, writer))
    width = console.width
    for block in doc.blocks:
        if isinstance(block, Title):
            console.print(_t(block.text, "bold"))
            console.print()
        elif isinstance(block, Heading):
            console.print(_t(block.text, "bold underline"))
        elif isinstance(block, Para):
            style = {"note": "dim", "warn": "bold"}.get(block.style, "")
            console.print(_t(block.text, style))
            console.print()
        elif isinstance(block, Bullets):
            console.print(_bullets(block.items))
            console.print()
        elif isinstance(block, Picture):
            _picture(console, block)
        elif isinstance(block, Checklist):
            box_ = "[ ]"
            for item in block.items:
                console.print(_t(f"{box_} {item}"))
            console.print()
        elif isinstance(block, Table):
            widths = _allocate(block, width)
            if widths is None:
                _stacked(console, block)
                continue
            table = RichTable(box=box.SIMPLE_HEAD, show_lines=True, expand=False, pad_edge=False, show_edge=False)
            table.add_column(_t(block.first_column), style="bold", overflow="fold", width=widths[0])
            for col, w in zip(block.columns, widths[1:]):
                table.add_column(_t(col), overflow="fold", width=w)
            for label, cells in block.rows:
                table.add_row(_t(label), *(_cell(c) for c in cells))
            console.print(table)
            console.print()
    writer.flush()
