"""Plain, linear text: no colour, no tables, wrapped to the terminal width. Suits screen readers."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

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


def render(doc: Document, width: int) -> str:
    width = clamp_width(width)
    out: list[str] = []

    def wrap(text: str, indent: str = "", first: str | None = None) -> None:
        out.extend(
            textwrap.wrap(
                safe(text),
                width=width,
                initial_indent=first if first is not None else indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )

    for block in doc.blocks:
        if isinstance(block, Title):
            wrap(block.text)
            out.append("")
        elif isinstance(block, Heading):
            wrap(block.text)
        elif isinstance(block, Para):
            # Translators: plain text (no colour) marks a quiet paragraph with this word
            wrap(_("Note: {text}", text=block.text) if block.style == "note" else block.text)
            out.append("")
        elif isinstance(block, (Bullets, References)):
            marker = getattr(block, "marker", "-")
            for item in block.items:
                wrap(item, indent="  " if marker else "   ", first=f"{marker} " if marker else "")
            out.append("")
        elif isinstance(block, Picture):
            continue  # plain text says figures in words only; the sentence above the picture has them
        elif isinstance(block, Checklist):
            for item in block.items:
                wrap(item, indent="    ", first="[ ] ")
            out.append("")
        elif isinstance(block, GroupedTable):
            for group, rows in block.groups:
                wrap(group)
                for label, cells in rows:
                    wrap(label + ": " + "; ".join(" ".join(c) for c in cells), indent="    ", first="  ")
                out.append("")
        elif isinstance(block, Table):
            if block.kind == "grid":
                for label, cells in block.rows:
                    wrap(label)
                    for col, paras in zip(block.columns, cells):
                        wrap(col + ": " + paras[0] if paras else col + ":", indent="    ", first="  ")
                        for p in paras[1:]:
                            wrap(p, indent="    ")
                    out.append("")
            else:
                for label, cells in block.rows:
                    wrap(label)
                    for col, paras in zip(block.columns, cells):
                        wrap(col + ": " + " ".join(paras), indent="    ", first="  ")
                    out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def validate_text(report: Report) -> str:
    """`trdguide validate`: one `file:line: CODE field: message` line per finding, then a count."""
    lines = [safe(str(f)) for f in report.findings]
    where = safe(", ".join(report.sources))  # folder names are the user's: shown inert like data
    errors, warnings = len(report.errors), len(report.warnings)
    # Translators: the last line of `trdguide validate`; {where} is the folders checked
    count = _("{errors} error(s), {warnings} warning(s) in {where}", errors=errors, warnings=warnings, where=where)
    lines.append(count)
    from .. import wording

    lines += [safe(wording.translation_coverage(*c)) for c in report.coverage]
    return "\n".join(lines) + "\n"


if TYPE_CHECKING:
    from ..findings import Report
