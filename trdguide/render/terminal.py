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

from ..framing import clamp_width, safe
from ..i18n import _
from .document import (
    Bullets,
    Checklist,
    Document,
    GroupedTable,
    Heading,
    Para,
    Picture,
    References,
    Table,
    Title,
)

MIN_LABEL = 14  # the first column (question or option name)
MIN_COL = {"grid": 18, "list": 12}  # each further column
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$")


class _TrimWriter:
    """Writes through to a stream, removing the padding Rich leaves at the end of each line."""

    def __init__(self, out: TextIO):
        self.out = out
        self.buf = ""
        self.blank = 0  # blank lines held back: written before the next text, dropped at the end

    def write(self, s: str) -> int:
        self.buf += s
        *lines, self.buf = self.buf.split("\n")
        for line in lines:
            line = _TRAILING.sub(r"\1", line)
            if not line.strip():
                self.blank += 1
                continue
            self.out.write("\n" * self.blank + line + "\n")
            self.blank = 0
        return len(s)

    def flush(self) -> None:
        if self.buf.strip():
            self.out.write("\n" * self.blank + _TRAILING.sub(r"\1", self.buf))
            self.blank = 0
        self.buf = ""
        self.out.flush()

    def isatty(self) -> bool:
        return self.out.isatty()

    def fileno(self) -> int:
        return self.out.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.out, "encoding", None) or "utf-8"


def make_console(out: TextIO, force_terminal: bool | None = None, width: int | None = None) -> Console:
    return Console(
        file=out,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        force_terminal=force_terminal,
        width=width,
    )


def _t(text: str, style: str = "") -> Text:
    return Text(safe(text), style=style)


def _bullets(items: list[str], marker: str = "-") -> RichTable:
    grid = RichTable.grid(padding=(0, 1))
    if marker:
        grid.add_column(width=len(marker), no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(*([Text(marker)] if marker else []), _t(item))
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
    overhead = 2 * len(mins)  # one space of padding and one of column gap
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
    if block.kind == "grid":  # the question column stays narrow; the options share the rest equally
        first = max(mins[0], min(natural[0], 10 if width < 110 else 16))
        share = (width - overhead - first) // len(block.columns)
        if any(share < m for m in mins[1:]):
            return None
        return [first, *([share] * len(block.columns))]
    want = [max(0, n - m) for n, m in zip(natural, mins)]
    total = sum(want) or 1
    extra = [min(w, room * w // total) for w in want]
    return [m + e for m, e in zip(mins, extra)]


def _grouped(console: Console, block: GroupedTable, width: int) -> None:
    """One line per item in aligned columns where the width allows; otherwise one wrapped line per item."""
    rows = [(label, [" ".join(c) for c in cells]) for _, group in block.groups for label, cells in group]
    widths = [max(len(x) for x in [block.first_column, *(" " + label for label, _ in rows)])]
    widths += [max(len(x) for x in [head, *(cells[i] for _, cells in rows)]) for i, head in enumerate(block.columns)]
    gap = 2 if sum(widths) + 2 * (len(widths) - 1) <= width else 1
    if sum(widths) + gap * (len(widths) - 1) > width:
        for group, items in block.groups:
            console.print(_t(group, "bold underline"))
            console.print(_bullets([f"{label}: " + "; ".join(" ".join(c) for c in cells) for label, cells in items]))
        console.print()
        return

    def line(cells: list[str], style: str = "") -> Text:
        return _t((" " * gap).join(c.ljust(w) for c, w in zip(cells, widths)).rstrip(), style)

    lines = [line([block.first_column, *block.columns], "bold underline")]
    for group, items in block.groups:
        lines.append(_t(group, "bold underline"))
        lines += [line([" " + label, *(" ".join(c) for c in cells)]) for label, cells in items]
    console.print(Text("\n").join(lines))  # one print: each line fits, and one call is much faster
    console.print()


BANDED_BELOW = 24  # option columns narrower than this: each question goes on its own line above its answers


def _table(console: Console, block: Table, width: int) -> None:
    """Side by side where the width allows: questions down the side, or (narrow grids of three or more
    options) each question on its own line above the answers; otherwise stacked."""
    widths = _allocate(block, width)
    if widths is None:
        _stacked(console, block)
        return
    banded = block.kind == "grid" and len(block.columns) >= 3 and widths[1] < BANDED_BELOW
    if banded:
        share = (width - 2 * len(block.columns)) // len(block.columns)
        widths = [share] * len(block.columns)
    table = _rich_table()
    if not banded:
        table.add_column(_t(block.first_column), style="bold", overflow="fold", width=widths[0])
    for col, w in zip(block.columns, widths[-len(block.columns) :]):
        table.add_column(_t(col), overflow="fold", width=w)
    for label, cells in block.rows:
        if banded:
            table.add_row(*(_cell(c) for c in cells))
        else:
            table.add_row(_t(label), *(_cell(c) for c in cells))
    if not banded:
        console.print(table)
        console.print()
        return
    # banded: the header once, then each question in a rule line above its row of answers
    head = _rich_table()
    for col, w in zip(block.columns, widths):
        head.add_column(_t(col), overflow="fold", width=w)
    console.print(head)
    for label, cells in block.rows:
        body = _rich_table(header=False)
        for w in widths:
            body.add_column(overflow="fold", width=w)
        body.add_row(*(_cell(c) for c in cells))
        console.rule(_t(label, "bold"), align="left", style="")
        console.print(body)
    console.print()


def _rich_table(header: bool = True) -> RichTable:
    return RichTable(
        box=box.SIMPLE_HEAD,
        show_header=header,
        show_lines=header,
        expand=False,
        pad_edge=False,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )


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
    # Translators: the label above a drawing of 100 people: who, and how many of the 100 had the result
    grids = [(_("{who}: {n} in 100", who=who, n=n), icon_grid(n, filled, empty)) for who, n in pic.panels]
    cell = 19  # ten glyphs with spaces
    side_by_side = console.width >= len(grids) * (cell + 4)
    if side_by_side:
        labels = "    ".join(_fit(label, cell).ljust(cell) for label, _ in grids)
        console.print(_t(labels, "bold"))
        for r in range(10):
            console.print(Text("    ".join(g[r] for _, g in grids)))
        if len(grids) > 1:
            # Translators: which drawing is which, when two stand side by side ("Left: rTMS: 29 in 100")
            sides = [_("Left"), _("Right")]
            if len(grids) != 2:
                sides = [_("Grid {number}", number=i + 1) for i in range(len(grids))]
            which = [_("{side}: {label}", side=side, label=label) for side, (label, _g) in zip(sides, grids)]
            console.print(_t("; ".join(which) + "."))
    else:
        for label, g in grids:
            console.print(_t(label, "bold"))
            for row in g:
                console.print(Text(row))
    # Translators: the key to a drawing of 100 people; {filled} and {empty} are the two symbols used
    legend = _("{filled} = a person with this result; {empty} = a person without it.", filled=filled, empty=empty)
    console.print(_t(legend, "dim"))
    console.print()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def render(doc: Document, out: TextIO, force_terminal: bool | None = None, width: int | None = None) -> None:
    """Lay out `doc` on `out`. `force_terminal` styles output bound for a pager as if for the terminal."""
    writer = _TrimWriter(out)
    console = make_console(cast(TextIO, writer), force_terminal, width)
    # whatever width was asked for or detected (COLUMNS=0, COLUMNS=20000, a huge number), a sane one
    width = console.width = clamp_width(console.width)
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
        elif isinstance(block, (Bullets, References)):
            console.print(_bullets(block.items, getattr(block, "marker", "-")))
            console.print()
        elif isinstance(block, Picture):
            _picture(console, block)
        elif isinstance(block, Checklist):
            box_ = "[ ]"
            for item in block.items:
                console.print(_t(f"{box_} {item}"))
            console.print()
        elif isinstance(block, GroupedTable):
            _grouped(console, block, width)
        elif isinstance(block, Table):
            _table(console, block, width)
    writer.flush()
