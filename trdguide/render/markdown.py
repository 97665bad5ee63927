"""A clean Markdown handout. Data text is escaped so it cannot become links, emphasis or HTML."""

from __future__ import annotations

import re

from ..framing import safe
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

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", safe(text)).replace("\n", " ")


def render(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Title):
            out += [f"# {esc(block.text)}", ""]
        elif isinstance(block, Heading):
            out += [f"## {esc(block.text)}", ""]
        elif isinstance(block, Para):
            text = esc(block.text)
            out += [f"> {text}" if block.style else text, ""]
        elif isinstance(block, (Bullets, References)):
            marker = getattr(block, "marker", "-")
            out += [f"{marker} {esc(i)}" if marker else esc(i) + "  " for i in block.items] + [""]
        elif isinstance(block, Picture):
            continue  # a lightweight handout: the figure is given in words just above
        elif isinstance(block, Checklist):
            out += [f"- [ ] {esc(i)}" for i in block.items] + [""]
        elif isinstance(block, GroupedTable):
            head = [block.first_column, *block.columns]
            out.append("| " + " | ".join(esc(h) for h in head) + " |")
            out.append("|" + "---|" * len(head))
            for group, rows in block.groups:
                out.append("| **" + esc(group) + "** |" + " |" * len(block.columns))
                for label, cells in rows:
                    out.append("| " + " | ".join([esc(label)] + ["<br>".join(esc(p) for p in c) for c in cells]) + " |")
            out.append("")
        elif isinstance(block, Table):
            head = [block.first_column, *block.columns]
            out.append("| " + " | ".join(esc(h) for h in head) + " |")
            out.append("|" + "---|" * len(head))
            for label, cells in block.rows:
                row = [esc(label)] + ["<br>".join(esc(p) for p in c) for c in cells]
                out.append("| " + " | ".join(row) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
