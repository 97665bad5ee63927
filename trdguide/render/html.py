"""A self-contained, printable HTML handout (no external files, no JavaScript).

Built with Jinja2 and autoescaping, so every data string is escaped as HTML text. Print CSS keeps
rows and pictures on one page, works in black and white, and fits A4 or US Letter (`paper`).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from jinja2 import Environment, select_autoescape

from .. import i18n
from ..framing import safe
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

PAPER = {"a4": "A4", "letter": "letter"}


def _block(b: object) -> dict[str, Any]:
    if isinstance(b, Title):
        return {"kind": "title", "text": safe(b.text)}
    if isinstance(b, Heading):
        return {"kind": "heading", "text": safe(b.text)}
    if isinstance(b, Para):
        return {"kind": "para", "text": safe(b.text), "style": b.style}
    if isinstance(b, References):
        return {"kind": "bullets", "entries": [safe(i) for i in b.items], "refs": True}
    if isinstance(b, Bullets):
        return {"kind": "bullets", "entries": [safe(i) for i in b.items], "refs": False}
    if isinstance(b, Checklist):
        return {"kind": "checklist", "entries": [safe(i) for i in b.items]}
    if isinstance(b, GroupedTable):
        return {
            "kind": "grouped",
            "first_column": safe(b.first_column),
            "columns": [safe(c) for c in b.columns],
            "groups": [
                (safe(g), [(safe(label), [" ".join(safe(p) for p in c) for c in cells]) for label, cells in rows])
                for g, rows in b.groups
            ],
        }
    if isinstance(b, Table):
        rows = [(safe(label), [[safe(p) for p in cell] for cell in cells]) for label, cells in b.rows]
        return {
            "kind": "table",
            "first_column": safe(b.first_column),
            "columns": [safe(c) for c in b.columns],
            "rows": rows,
        }
    if isinstance(b, Picture):
        return {
            "kind": "picture",
            "caption": safe(b.caption),
            "legend": b.legend,
            # each drawing's label and its description for screen readers, in the reader's language
            "panels": [
                (
                    # Translators: the label above a drawing of 100 people: who, and how many of the 100 had the result
                    _("{who}: {n} in 100", who=safe(w), n=n),
                    # Translators: a drawing of 100 circles, described for screen readers
                    _("{n} of 100 people filled ({who})", who=safe(w), n=n),
                    n,
                )
                for w, n in b.panels
            ],
        }
    raise TypeError(type(b).__name__)


def render(doc: Document, title: str, paper: str = "a4") -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), keep_trailing_newline=True)
    source = resources.files("trdguide.render").joinpath("templates/handout.html.j2").read_text(encoding="utf-8")
    template = env.from_string(source)
    # four or more options side by side print with a smaller type in the grid
    wide = any(isinstance(b, Table) and len(b.columns) >= 4 for b in doc.blocks)
    # the page's language, and its few words of its own, in the reader's language (the blocks already are)
    words = {"legend": _("Filled circle: a person with this result; open circle: a person without it.")}
    blocks = [_block(b) for b in doc.blocks]
    return template.render(
        title=safe(title), paper=PAPER[paper], wide=wide, blocks=blocks, lang=i18n.language(), words=words
    )
