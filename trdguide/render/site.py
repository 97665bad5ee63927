"""A static website from the knowledge base: `trdguide site OUTDIR`.

The pages are the same documents the other formats show (`show_document`, `list_document`,
`faq_document`, ...), laid out by Jinja2 templates with autoescaping, so every data string is escaped
as HTML text. The compare page is built in the browser from a generated data file
(`assets/compare-data.js`, loaded with `<script src>` so it also works from `file://`); its script
builds the page with `textContent`, never `innerHTML`.

No server code, no cookies, no analytics, no web fonts, nothing loaded from elsewhere: every page
carries a content security policy that forbids it. The same input gives the same bytes: keys are
sorted and the only dates are the knowledge base's own review dates.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import stat
import tempfile
from collections.abc import Collection, Mapping, Sequence
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

from .. import i18n, wording
from ..folding import digits, fold_words
from ..framing import safe
from ..i18n import N_, _, ngettext, pgettext
from ..vocab import MAX_MATTERS
from ..wording import ABOUT_NOT, ABOUT_WHAT, CATEGORY_WORDS, ROWS, STATUS_SHORT, STATUS_WORDS, cell_detail
from .document import (
    Block,
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
    about_document,
    changes_document,
    crisis_document,
    faq_document,
    glossary_document,
    head_to_head_blocks,
    head_to_head_line,
    in_short_blocks,
    list_document,
    questions_document,
    show_document,
    shown,
    weighed_label,
)

if TYPE_CHECKING:
    from ..models import Intervention
    from ..views import AboutInfo, ListPage, SiteView, TranslationInfo, Weighed

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'"
)
STATIC_FILES = ("site.css", "site.js", "search.js", "stemmer.js", "weigh.js")

SITE_NAME = "trdguide"
SITE_TAGLINE = N_("Treatment options for treatment-resistant depression")
NAV = (
    ("index.html", N_("Options")),
    ("compare.html", N_("Compare")),
    ("questions.html", N_("Questions to ask")),
    ("weigh.html", N_("What matters to you")),
    # Translators: the link to the page of frequently asked questions (short: it sits in the menu)
    ("faq.html", N_("FAQ")),
    ("glossary.html", N_("Glossary")),
    ("changes.html", N_("What changed")),
    ("about.html", N_("About")),
    ("crisis.html", N_("Urgent help")),
)
SITE_PRIVACY = N_(
    "This website is a set of static pages. It sets no cookies, has no analytics or tracking, loads no "
    "fonts or scripts from elsewhere, and sends nothing anywhere: what you choose on the compare page "
    "stays in your browser and in the page's web address."
)

# Words the compare page's script shows (kept here, with the rest of the site's wording; translated into
# each language's assets/strings.js). {n}, {name}, {option}, {names}, {when}, {oldest}, {newest} are
# filled in by the script.
COMPARE_TEXT = {
    "choose": N_("Choose 2 to 5 options to compare."),
    "too_many": N_("You chose {n} options. Choose at most 5 to compare."),
    "unknown": N_("Not found, so left out:"),
    "family": N_("{name} names a group of options. Choose one or more of them:"),
    "ambiguous": N_("{name} could mean more than one option. Choose one of them:"),
    "brand": N_("{name} is a brand name of {option}."),
    "prefix": N_("{name} was taken to mean {option}."),
    "see_below": N_("Some names were not used: see the note below the comparison."),
    # Translators: before the names of the options compared, as the heading of the comparison
    "comparing": N_("Comparing: "),
    "showing": N_("Showing {names}."),
    "trials": N_("Compared directly in a trial"),
    # Translators: before links to each compared option's own page
    "in_full": N_("In full: "),
    "reviewed": N_("Reviewed {when}."),
    "reviewed_range": N_("Reviewed {oldest} to {newest}."),
    "question": N_("Question"),
    "grid_caption": N_("Short answers to the same questions for each option"),
    "grid_caption_detail": N_("The full answers to the same questions for each option"),
}

_LINKS = re.compile(
    r"(?P<url>https?://[^\s<>\"]*[^\s<>\".,;:)\]])"
    r"|PMID (?P<pmid>[0-9]{1,9})"
    r"|doi:(?P<doi>10\.[^\s<>\"]*[^\s<>\".,;:)\]])"
    r"|\[(?P<rid>[a-z0-9]+(?:-[a-z0-9]+)*)\]"
    r"|\[(?P<rids>[a-z0-9]+(?:-[a-z0-9]+)*(?:, [a-z0-9]+(?:-[a-z0-9]+)*)+)\]"
)
CRISIS_LINK_TEXT = N_("crisis lines by country")

Segments = list[tuple[str, str]]  # (text, href); href "" for plain text


# --- text with working links -----------------------------------------------------------------------


def segments(text: str, names: Mapping[str, str], root: str, refs: Collection[str] = ()) -> Segments:
    """A data string as plain text and links: web addresses, PMIDs, DOIs, and reference ids
    ("[berlim-2014-rtms]") that are in the page's own list of references (`refs`). The words are
    never changed or dropped: links to options come from the document's data (`Para.links`), not
    from its sentences.

    `names` maps option ids to short names; `root` is the path back to the site's top folder ("" or
    "../"). Only http(s) addresses and the page's own anchors are ever made into links.
    """
    text = safe(text)
    out: Segments = []
    pos = 0
    for m in _LINKS.finditer(text):
        link: tuple[str, str] | None = None
        if m.group("url"):
            link = (m.group("url"), m.group("url"))
        elif m.group("pmid"):
            link = (m.group(0), f"https://pubmed.ncbi.nlm.nih.gov/{m.group('pmid')}/")
        elif m.group("doi"):
            link = (m.group(0), f"https://doi.org/{m.group('doi')}")
        elif m.group("rid") and m.group("rid") in refs:
            link = (m.group(0), f"#{ref_anchor(m.group('rid'))}")
        elif m.group("rids") and any(r in refs for r in m.group("rids").split(", ")):
            # "[a, b]": each id that the page lists links to its entry
            if m.start() > pos:
                out.append((text[pos : m.start()], ""))
            out.append(("[", ""))
            for n, rid in enumerate(m.group("rids").split(", ")):
                out += [(", ", "")] if n else []
                out.append((rid, f"#{ref_anchor(rid)}" if rid in refs else ""))
            out.append(("]", ""))
            pos = m.end()
            continue
        if link is None:
            continue
        if m.start() > pos:
            out.append((text[pos : m.start()], ""))
        out.append(link)
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


def bracket_link(sentence: str, href: str) -> Segments:
    """A whole translated sentence whose words in [brackets] are a link to `href` (the translator keeps
    the brackets where the link belongs in their language); without brackets, the sentence stays text."""
    m = re.search(r"\[([^\[\]]+)\]", sentence)
    if m is None:
        return [(sentence, "")]
    out: Segments = [(sentence[: m.start()], ""), (m.group(1), href), (sentence[m.end() :], "")]
    return [(t, h) for t, h in out if t]


def ref_anchor(rid: str) -> str:
    """The id of a reference's entry in a page's list of references."""
    return f"ref-{rid}"


# --- icon arrays -----------------------------------------------------------------------------------


def _circles(indices: Sequence[int]) -> str:
    """SVG path data for circles at the given positions of a 10 by 10 grid (12 units apart)."""
    return "".join(
        f"M{1.4 + (i % 10) * 12:g} {6 + (i // 10) * 12}a4.6 4.6 0 1 0 9.2 0a4.6 4.6 0 1 0-9.2 0" for i in indices
    )


def icon_paths(n: int) -> tuple[str, str]:
    """(filled, open) path data for n of 100 people, filled from the top left, row by row."""
    n = max(0, min(100, n))
    return _circles(range(n)), _circles(range(n, 100))


# --- blocks for the templates ----------------------------------------------------------------------


class _Ctx:
    def __init__(self, names: Mapping[str, str], root: str, refs: Collection[str] = ()):
        self.names = names
        self.root = root
        self.refs = refs  # the reference ids the page lists: "[id]" in its text links to the entry

    def seg(self, text: str) -> Segments:
        return segments(text, self.names, self.root, self.refs)


def listed_refs(blocks: Sequence[Block]) -> frozenset[str]:
    """The reference ids a page's lists of references hold (from the document's data)."""
    return frozenset(rid for b in blocks if isinstance(b, References) for rid in b.ids)


def _option_links(b: Para, ctx: _Ctx) -> Segments:
    """A paragraph that points to options, as its lead words and a link per option."""
    out: Segments = [(safe(b.lead), "")]
    for n, iid in enumerate(b.links):
        out += [(", ", "")] if n else []
        out.append((safe(ctx.names[iid]), f"{ctx.root}options/{iid}.html") if iid in ctx.names else (safe(iid), ""))
    return out


def _block(b: Block, ctx: _Ctx) -> dict[str, Any]:
    if isinstance(b, Title):
        return {"kind": "title", "text": ctx.seg(b.text)}
    if isinstance(b, Heading):
        return {"kind": "heading", "text": ctx.seg(b.text), "key": b.key}
    if isinstance(b, Para):
        text = _option_links(b, ctx) if b.links else ctx.seg(b.text)
        return {"kind": "para", "text": text, "style": b.style}
    if isinstance(b, References):
        # each entry is the target of its id's links; its own "[id]" stays plain text
        ids = list(b.ids) + [""] * (len(b.items) - len(b.ids))
        entries = []
        for i, rid in zip(b.items, ids):
            head = f"[{rid}] " if rid and i.startswith(f"[{rid}] ") else ""
            entries.append([(head, ""), *segments(i[len(head) :], ctx.names, ctx.root)] if head else ctx.seg(i))
        return {
            "kind": "bullets",
            "entries": entries,
            "anchors": [ref_anchor(rid) if rid else "" for rid in ids],
            "refs": True,
        }
    if isinstance(b, Bullets):
        return {"kind": "bullets", "entries": [ctx.seg(i) for i in b.items], "refs": False, "plain": not b.marker}
    if isinstance(b, Checklist):
        return {"kind": "checklist", "entries": [ctx.seg(i) for i in b.items]}
    if isinstance(b, GroupedTable):
        return _block(b.flat(), ctx)
    if isinstance(b, Table):
        return {
            "kind": "table",
            "first_column": ctx.seg(b.first_column),
            "columns": [ctx.seg(c) for c in b.columns],
            "rows": [(ctx.seg(label), [[ctx.seg(p) for p in cell] for cell in cells]) for label, cells in b.rows],
        }
    if isinstance(b, Picture):
        return {
            "kind": "picture",
            # where the paragraph before says the same, the picture is not captioned with it again
            "caption": [] if b.repeats else ctx.seg(b.caption),
            "legend": b.legend,
            "panels": [(safe(w), n, *icon_paths(n)) for w, n in b.panels],
        }
    raise TypeError(type(b).__name__)


def _for_web(doc: Document) -> list[Block]:
    """The document without the paragraphs that only name a command (`Para.hint`): the site has links.
    Nothing else is left out, whatever its words."""
    return [b for b in doc.blocks if not (isinstance(b, Para) and b.hint)]


def sectioned(
    blocks: Sequence[dict[str, Any]], collapse: bool, back: tuple[str, str] | None = None
) -> list[dict[str, Any]]:
    """Blocks for the templates, with each keyed heading and what follows it (up to the next) as one
    section: an anchor named by the key, collapsible (`details`) where `collapse`, with a link back to
    `back` where given. The blocks before the first keyed heading stay as they are."""
    out: list[dict[str, Any]] = []
    for b in blocks:
        if b["kind"] == "heading" and b["key"]:
            out.append({"kind": "section", "id": b["key"], "heading": b["text"], "blocks": [], "collapse": collapse})
            out[-1]["back"] = back
        elif out and out[-1]["kind"] == "section":
            out[-1]["blocks"].append(b)
        else:
            out.append(b)
    return out


def contents(blocks: Sequence[dict[str, Any]], label: str, anchor: str, block: bool = False) -> dict[str, Any]:
    """A list of links to the page's sections (after `sectioned`), itself at `#anchor`; `block`: one
    entry a line (questions), else as many a line as fit (section names)."""
    entries = [(b["heading"], "#" + b["id"]) for b in blocks if b["kind"] == "section"]
    return {"kind": "contents", "label": label, "entries": entries, "id": anchor, "block": block}


# --- the pages -------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Lower case, with anything but letters and digits as single spaces (as the filter script does)."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _compare_href(ids: Sequence[str], root: str = "") -> str:
    return f"{root}compare.html?options={','.join(ids)}"


def _env() -> Environment:
    def load(name: str) -> str:
        return resources.files("trdguide.render").joinpath(f"templates/site/{name}").read_text(encoding="utf-8")

    env = Environment(
        loader=FunctionLoader(load),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # the templates' own words go through the hook too: {{ _("Print this page") }} (Babel extracts them)
    env.globals.update({"_": _, "ngettext": ngettext})
    return env


def _option_rows(
    listing: ListPage, items: Sequence[Intervention], ctx: _Ctx, families: Mapping[str, list[str]]
) -> dict[str, Any]:
    """The `list` table with a link and a search text per option (same groups and order as `list`)."""
    table = next(b for b in list_document(listing).blocks if isinstance(b, GroupedTable))
    by_cat = {
        _(words): sorted((i for i in items if i.category.value == cat), key=lambda i: i.short_name.lower())
        for cat, words in CATEGORY_WORDS.items()
    }
    by_label: dict[str, Intervention] = {}
    for i in items:
        by_label.setdefault(i.short_name, i)
    groups = []
    for name, rows in table.groups:
        members = by_cat.get(name, [])
        out = []
        for n, (label, cells) in enumerate(rows):
            item = members[n] if n < len(members) and members[n].short_name == label else by_label.get(label)
            hay = [label]
            if item is not None:
                hay += [item.name, item.id, *item.aliases, *item.brand_names, *families.get(item.id, [])]
                hay += [item.summary, _(STATUS_WORDS[item.status.label]), name]
            out.append(
                {
                    "label": safe(label),
                    "href": f"options/{item.id}.html" if item is not None else "",
                    "id": item.id if item is not None else "",
                    "search": _norm(" ".join(hay)),
                    "cells": [" ".join(safe(p) for p in c) for c in cells],
                }
            )
        groups.append((safe(name), out))
    return {"columns": [safe(c) for c in table.columns], "groups": groups, "count": sum(len(r) for _n, r in groups)}


def _option_blocks(site: SiteView, item: Intervention, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Everything `show` has, plus links to compare this option with its related ones (before the references)."""
    view = site.shows[item.id]
    blocks = _for_web(show_document(view, pictures=True, all_changes=True))
    ctx = _Ctx(names, "../", listed_refs(blocks))
    pairs = [
        (
            _("{option} and {other}", option=item.short_name, other=r.short_name),
            _compare_href([item.id, r.id], ctx.root),
        )
        for r in view.see_also
    ]
    pairs.append(
        (_("{option} and other options you choose", option=item.short_name), _compare_href([item.id], ctx.root))
    )
    out = [_block(b, ctx) for b in blocks]
    # "In short" (the blocks `in_short_blocks` made): each answer after its question in bold, densely set
    short = in_short_blocks(view)
    at = next((n for n in range(len(blocks)) if short and blocks[n : n + len(short)] == short), None)
    if at is not None:
        rows = [r for r in view.in_short if r.cells[0].short is not None]
        out[at + 1] = {
            "kind": "in_short",
            "entries": [(safe(wording.in_short_lead(r.key)), ctx.seg(r.cells[0].short or "")) for r in rows],
        }
    at = next((n for n, b in enumerate(blocks) if isinstance(b, Heading) and b.key == "references"), len(blocks))
    out[at:at] = [
        _block(Heading(_(wording.WEB_COMPARE_WITH), "compare"), ctx),
        {"kind": "links", "entries": [[(safe(t), h)] for t, h in pairs]},
    ]
    pictures = [b for b in out if b["kind"] == "picture"]
    for b in pictures[1:]:  # the legend is said once a page, under the first picture
        b["legend"] = False
    out = sectioned(out, collapse=True)
    first = next((n for n, b in enumerate(out) if b["kind"] == "section"), len(out))
    out.insert(first, contents(out, _(wording.WEB_CONTENTS), "contents"))
    return out


def _faq_blocks(site: SiteView, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The FAQ: the list of questions first, then each answer under an anchor named by its id, with a
    link back to the list."""
    blocks = _for_web(faq_document(site.faq))
    ctx = _Ctx(names, "", listed_refs(blocks))
    out = sectioned(
        [_block(b, ctx) for b in blocks], collapse=False, back=(_(wording.WEB_BACK_TO_QUESTIONS), "#questions")
    )
    first = next((n for n, b in enumerate(out) if b["kind"] == "section"), len(out))
    out.insert(first, contents(out, _(wording.WEB_QUESTIONS), "questions", block=True))
    return out


_PHONE = re.compile(r"(?<![\w/.:-])\+?\d[\d -]*\d(?![\w/:-])")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SMS = re.compile(r"\b[Tt]ext (?:(?P<word>[A-Z][A-Z0-9]+) to )?(?P<number>\+?\d[\d -]*\d)\b")


def phone_links(text: str, sms: bool = False) -> Segments:
    """A crisis line's words with every phone number as a `tel:` link, or (`sms`) every "text WORD to
    NUMBER" / "text NUMBER" as an `sms:` link (with WORD as the message). A text service in another
    language ("Envíe un mensaje de texto al 988") has its numbers as `sms:` links without a message: the
    words, which say what to send, stay as they are."""
    text = safe(text)
    out: Segments = []
    pos = 0
    english = sms and _SMS.search(text) is not None
    for m in (_SMS if english else _PHONE).finditer(text):
        number = m.group("number") if english else m.group(0)
        if len(digits(number)) < 3 or _DATE.fullmatch(number.strip()):
            continue
        if sms:
            body = f"?body={m.group('word')}" if english and m.group("word") else ""
            link = f"sms:{digits(number)}{body}"
        else:
            link = f"tel:{'+' if number.startswith('+') else ''}{digits(number)}"
        if m.start() > pos:
            out.append((text[pos : m.start()], ""))
        out.append((m.group(0), link))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


def _crisis_blocks(site: SiteView, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The crisis page: one section per region (the script moves the reader's own first), every phone
    number a `tel:` link, a region's text service an `sms:` link."""
    ctx = _Ctx(names, "")
    by_region = {c.region.lower(): c for c in site.crisis}
    out: list[dict[str, Any]] = []
    for b in crisis_document(site.crisis).blocks:
        if isinstance(b, Bullets) and out and out[-1]["kind"] == "heading" and out[-1]["key"] in by_region:
            line = by_region[out[-1]["key"]]
            entries = [
                [p for t, h in ctx.seg(i) for p in ([(t, h)] if h else phone_links(t, sms=i == line.text_service))]
                for i in b.items
            ]
            out.append({"kind": "bullets", "entries": entries, "refs": False, "plain": False})
        else:
            out.append(_block(b, ctx))
    sections = sectioned(out, collapse=False)
    for sec in sections:
        if sec["kind"] == "section" and sec["id"] in by_region:
            sec["region"] = by_region[sec["id"]].region
    return sections


def _compare_data(site: SiteView, items: Sequence[Intervention]) -> str:
    options: dict[str, Any] = {}
    for i in items:
        cells = {}
        for r in ROWS:
            short = getattr(i.short, r.key).text if i.short is not None else None
            cells[r.key] = {
                "short": safe(short) if short is not None else None,
                "detail": [safe(p) for p in cell_detail(i, r.key)],
            }
        options[i.id] = {
            # Translators: an option's name and its regulatory status in short, heading its column of the grid
            "head": safe(_("{option} ({status})", option=i.short_name, status=_(STATUS_SHORT[i.status.label]))),
            "name": safe(i.short_name),
            "page": f"options/{i.id}.html",
            "reviewed": i.last_reviewed.isoformat(),
            "cells": cells,
        }
    trials = []
    ids = {i.id for i in items}
    for h in (h for h in site.head_to_head if len(ids & set(h.interventions)) >= 2):
        blocks = head_to_head_blocks(h)
        detail: list[str] = []
        for b in blocks[1:]:
            if isinstance(b, Para):
                detail.append(safe(b.text))
            elif isinstance(b, Bullets):
                detail += [safe(x) for x in b.items]
        trials.append(
            {
                "id": h.id,
                "options": list(h.interventions),
                "line": safe(head_to_head_line(h)),
                "title": safe(blocks[0].text if isinstance(blocks[0], Heading) else h.title),
                "detail": detail,
            }
        )
    data = {
        "options": options,
        "order": [i.id for i in items],
        "rows": [{"key": r.key, "label": _(r.label), "question": _(r.question)} for r in ROWS],
        "trials": trials,
        "caveat": _(wording.COMPARISON_CAVEAT),
    }
    body = json.dumps(data, sort_keys=True, ensure_ascii=True, indent=None, separators=(",", ":"))
    return f"{ASSET_MARK}window.TRDGUIDE_COMPARE = {body};\n"


def _names_data(site: SiteView) -> str:
    """The knowledge layer's name table (`KnowledgeBase.name_table`) as a script: the compare page and
    the home page's filter look typed names up in it, exactly as the command line resolves them."""
    body = json.dumps(site.names or {}, sort_keys=True, ensure_ascii=True, indent=None, separators=(",", ":"))
    return f"{ASSET_MARK}window.TRDGUIDE_NAMES = {body};\n"


def glossary_anchor(term: str) -> str:
    """The id of a term's entry on the glossary page ("Racemic ketamine": "term-racemic-ketamine")."""
    return "term-" + "-".join(fold_words(term).split())


def _glossary_blocks(site: SiteView) -> list[Block]:
    """The glossary as `glossary` shows it, each term's heading keyed by its anchor (search links to it)."""
    terms = iter(site.glossary)
    doc = glossary_document(site.glossary)
    return [Heading(b.text, glossary_anchor(next(terms).term)) if isinstance(b, Heading) else b for b in doc.blocks]


def _search_data(site: SiteView) -> str:
    """The command line's search index (`KnowledgeBase.search_export`) as a script, for the search box on
    every page: the same tokens and scores, and for each document the words and address of its link
    (relative to the site's top folder) instead of its sentences."""
    data: dict[str, Any] = dict(site.search or {})
    faq_ids: list[str] = data.get("faq_ids", [])
    short = {i.id: i.short_name for i in site.items}
    docs = []
    for kind, target, title, section, _pieces in data.get("docs", []):
        if kind == "faq":
            docs.append([safe(wording.web_search_faq(title)), f"faq.html#{faq_ids[int(target) - 1]}"])
        elif kind == "section":
            label = wording.web_search_option(short.get(target, title), _(wording.SECTION_LABELS[section]))
            docs.append([safe(label), f"options/{target}.html" + ("" if section == "summary" else f"#{section}")])
        else:
            docs.append([safe(wording.web_search_glossary(title)), f"glossary.html#{glossary_anchor(target)}"])
    keys = ("postings", "phrases", "stems", "stop_words", "cutoff", "urgent_cutoff", "urgent")
    out = {k: data[k] for k in keys if k in data}
    out["docs"] = docs
    body = json.dumps(out, sort_keys=True, ensure_ascii=True, indent=None, separators=(",", ":"))
    return f"{ASSET_MARK}window.TRDGUIDE_SEARCH = {body};\n"


def _family_words(site: SiteView) -> dict[str, list[str]]:
    """Option id -> the family words that name it (from the name table)."""
    out: dict[str, list[str]] = {}
    families = (site.names or {}).get("families", {})
    assert isinstance(families, dict)
    for word, ids in families.items():
        for iid in ids:
            out.setdefault(iid, []).append(word)
    return out


# --- what matters to you (weigh.html) ------------------------------------------------------------------

# Translators: the most things a reader may choose on the page "What matters to you", as a word
MAX_MATTERS_WORD = N_("three")


def _weigh_answers(w: Weighed) -> dict[str, dict[str, str] | None | str]:
    """One option against every avoid key, from the query's export: its conflict (reason in words, the field
    that states it, the line the command line prints), None, or "not-known"."""
    out: dict[str, dict[str, str] | None | str] = {k: None for k in wording.AVOID_WORDS}
    for k in w.not_known:
        out[k] = "not-known"
    for c in w.conflicts:
        out[c.key] = {
            "reason": safe(wording.conflict_reason(c.key, c.reason, c.value)),
            "field": c.field,
            "line": safe(wording.conflict_line(c.key, c.reason, c.value)),
        }
    return out


def _weigh_data(site: SiteView) -> str:
    """`weighing.weigh_table` as a script for weigh.html: each option's conflict per avoid key and its short
    answer per matter row, in the guide's order. The page's script only keeps the keys ticked and groups.
    Its sentences are in the language's assets/strings.js (`_script_text`)."""
    options: dict[str, Any] = {}
    for w in site.weighed or []:
        options[w.brief.id] = {
            "label": safe(weighed_label(w)),
            "page": f"options/{w.brief.id}.html",
            "avoid": _weigh_answers(w),
            "matters": {
                m: safe(wording.matter_line(m, " ".join(shown(cell, False))))
                for m, cell in zip(wording.MATTER_WORDS, w.matters)
            },
        }
    data = {
        "order": [w.brief.id for w in site.weighed or []],
        "options": options,
        "avoid": {k: _(words) for k, (_ask, words) in wording.AVOID_WORDS.items()},
        "groups": [[g, _(words)] for g, words in wording.WEIGH_GROUPS.items()],
        "most": MAX_MATTERS,
    }
    body = json.dumps(data, sort_keys=True, ensure_ascii=True, indent=None, separators=(",", ":"))
    return f"{ASSET_MARK}window.TRDGUIDE_WEIGH = {body};\n"


def _weigh_page(site: SiteView) -> dict[str, Any]:
    """What weigh.html needs: the boxes, and every option against every avoid key as a table (the page
    without JavaScript: nothing hidden)."""
    rows = []
    for w in site.weighed or []:
        cells = []
        for answer in _weigh_answers(w).values():
            if answer is None:
                cells.append(_(wording.WEB_WEIGH_CELL_NO))
            elif isinstance(answer, str):
                cells.append(_(wording.WEB_WEIGH_CELL_NOT_KNOWN))
            else:
                cells.append(wording.web_weigh_cell_yes(answer["reason"]))
        rows.append({"id": w.brief.id, "label": safe(w.brief.short_name), "cells": cells})
    return {
        "framing": _(wording.WEIGH_FRAMING),
        "order": _(wording.WEIGH_ORDER),
        "private": _(wording.WEB_WEIGH_PRIVATE),
        "avoid_legend": _(wording.WEB_WEIGH_AVOID),
        "avoid": [(k, _(ask)) for k, (ask, _words) in wording.AVOID_WORDS.items()],
        "matters_legend": _(wording.WEB_WEIGH_MATTERS, most=_(MAX_MATTERS_WORD)),
        "matters": [(k, _(v)) for k, v in wording.MATTER_WORDS.items()],
        "you_said": _(wording.WEB_WEIGH_YOU_SAID),
        "all_heading": _(wording.WEB_WEIGH_ALL),
        "all_note": _(wording.WEB_WEIGH_ALL_NOTE),
        "columns": [_(words) for _ask, words in wording.AVOID_WORDS.values()],
        "rows": rows,
        "questions": [_(q) for q in wording.WEIGH_QUESTIONS],
        "sure_title": _(wording.SURE_TITLE),
        "sure": [wording.sure_line(q, None) for q in wording.SURE_QUESTIONS],
        "sure_note": _(wording.SURE_NOTE),
    }


def _about_sources(info: AboutInfo) -> list[str]:
    """Where the knowledge base came from, without the builder's local paths (a public page shows it)."""
    bundled = info.bundled or [False] * len(info.sources)
    return [
        _(wording.BUNDLED_SOURCE) if b else _("the folder {name}", name=repr(Path(s).name))
        for s, b in zip(info.sources, bundled)
    ]


# --- the words the scripts show (assets/strings.js, one per language) -----------------------------------


def _script_text(count: int) -> dict[str, Any]:
    """Every sentence the site's scripts show, in the language in use: the scripts read them from the
    language's assets/strings.js and never carry words of their own. `count`: the options the home page
    lists (the filter's "Showing {shown} of {n} options." follows the plural rule of that number)."""
    return {
        "compare": {k: _(v) for k, v in COMPARE_TEXT.items()},
        "filter": {
            # Translators: the home page's filter found nothing; {query} is what was typed, in quotation marks
            "none": _("No options match {query}."),
            # Translators: {shown} (filled in by the page's script) of {n} options are listed
            "some": ngettext(
                "Showing {shown} of {n} option.", "Showing {shown} of {n} options.", count, shown="{shown}"
            ),
        },
        "search": {k: _(v) for k, v in wording.WEB_SEARCH_TEXT.items()},
        "weigh": {
            "avoid_list": _(wording.AVOID_LIST),
            "nothing_named": _(wording.NOTHING_NAMED),
            "matters_list": _(wording.MATTERS_LIST),
            "nothing_chosen": _(wording.NOTHING_CHOSEN),
            "matter_words": {k: _(v).lower() for k, v in wording.MATTER_WORDS.items()},
            "nothing_said": _(wording.WEIGH_NOTHING_SAID),
            "group_empty": _(wording.WEIGH_GROUP_EMPTY),
            "not_known": _(wording.WEIGH_NOT_KNOWN),
            "full": _(wording.WEB_WEIGH_MATTERS_FULL, most=_(MAX_MATTERS_WORD)),
            # Translators: a group of options on the page "What matters to you", with how many it holds
            "group": _("{group} ({n})"),
        },
    }


def _strings_data(count: int) -> str:
    body = json.dumps(_script_text(count), sort_keys=True, ensure_ascii=True, indent=None, separators=(",", ":"))
    return f"{ASSET_MARK}window.TRDGUIDE_TEXT = {body};\n"


# --- languages ------------------------------------------------------------------------------------------


def _own_name() -> str:
    """The language in use, named in itself ("English", "Español"): the label of the switch to it."""
    # Translators: the name of YOUR language in itself ("Español"), not the word for English: it labels the
    # link from every English page to the same page in your language
    return pgettext("the language's own name", "English")


def _reviewed_words(oldest: _dt.date, newest: _dt.date) -> str:
    if oldest == newest:
        return _("Knowledge base reviewed {date}.", date=oldest.isoformat())
    return _("Knowledge base reviewed {oldest} to {newest}.", oldest=oldest.isoformat(), newest=newest.isoformat())


def translation_note(info: TranslationInfo | None) -> list[str]:
    """The footer's sentences on how the pages' text was translated and checked (nothing for English).
    Honest about review: where no clinician who speaks the language reviewed it, it says so."""
    if info is None:
        return []
    out: list[str] = []
    if info.methods:
        out.append(_("How this translation was made: {methods}", methods=" ".join(safe(m) for m in info.methods)))
    if info.latest is not None:
        out.append(_("Translated or brought up to date on {date}.", date=info.latest.isoformat()))
    if info.clinician_review:
        out.append(_("Reviewed by: {reviewers}.", reviewers="; ".join(safe(r) for r in info.clinician_review)))
    else:
        out.append(_("No clinician who speaks this language has reviewed this translation."))
    if info.in_scope and info.translated < info.in_scope:
        out.append(
            ngettext(
                "{translated} of {n} part of this guide meant to be translated is translated; "
                "the rest is shown in English and marked as such.",
                "{translated} of {n} parts of this guide meant to be translated are translated; "
                "the rest is shown in English and marked as such.",
                info.in_scope,
                translated=info.translated,
            )
        )
    return out


def site_files(site: SiteView, translations: Mapping[str, SiteView] | None = None) -> dict[str, bytes]:
    """Every file of the site, by relative path (with `/`), as bytes: the English pages at the top, and the
    same pages in each language of `translations` (its knowledge base loaded in that language) in a folder
    named by the language's code (`es/`), each built while the hook speaks that language. Every page links
    to the same page in the other languages (hreflang links and a language switch). The scripts, styles
    and stemmer are shared (`assets/`); each language has its own data and words (`es/assets/`)."""
    views = {i18n.SOURCE: site, **dict(sorted((translations or {}).items()))}
    own: dict[str, str] = {}
    for code in views:
        with i18n.speaking(code):
            own[code] = _own_name()
    files: dict[str, bytes] = {}
    for code, view in views.items():
        prefix = "" if code == i18n.SOURCE else f"{code}/"
        with i18n.speaking(code):
            for rel, data in _language_files(view, code, own).items():
                files[prefix + rel] = data
    for name in STATIC_FILES:
        static = resources.files("trdguide.render").joinpath(f"static/{name}").read_bytes()
        files[f"assets/{name}"] = ASSET_MARK.encode() + static
    return dict(sorted(files.items()))


def _language_files(site: SiteView, lang: str, own: Mapping[str, str]) -> dict[str, bytes]:
    """The pages and data of one language (paths relative to its folder), in the language in use."""
    env = _env()
    items = site.items
    version = site.about.version
    names = {i.id: i.short_name for i in items}
    # a web page cannot know where its reader is: the main crisis number of every covered country
    numbers = site.crisis_numbers
    depth = "" if lang == i18n.SOURCE else "../"  # from the language's folder to the site's top
    common = {
        "csp": CSP,
        "lang": lang,
        "site_name": SITE_NAME,
        "tagline": _(SITE_TAGLINE),
        "nav": [(href, _(label)) for href, label in NAV],
        "footer": " ".join(
            [
                _("{site} {version}.", site=SITE_NAME, version=version),
                _reviewed_words(*site.reviewed),
                _("Education, not medical advice. No cookies, no tracking."),
            ]
        ),
        "translation": translation_note(site.about.translation),
        "generator": GENERATOR,
        "search_text": {k: _(v) for k, v in wording.WEB_SEARCH_TEXT.items()},
    }

    def page(template: str, path: str, title: str, **extra: Any) -> bytes:
        root = "../" * path.count("/")
        top = root + depth
        ctx = _Ctx(names, root)
        alternates = [
            (code, root + path if code == lang else top + ("" if code == i18n.SOURCE else f"{code}/") + path)
            for code in own
        ]
        text = env.get_template(template).render(
            **common,
            root=root,
            top=top,
            path=path,
            title=safe(title),
            alternates=alternates,
            switch=[(code, own[code], href) for code, href in alternates if code != lang],
            disclaimer=ctx.seg(_(wording.DISCLAIMER)),
            crisis=[*phone_links(wording.crisis_pointer_web(numbers)), (_(CRISIS_LINK_TEXT), f"{root}crisis.html")],
            **extra,
        )
        return text.encode("utf-8")

    def doc_page(path: str, title: str, doc: Document | list[Block], **extra: Any) -> bytes:
        root = "../" * path.count("/")
        blocks = doc.blocks if isinstance(doc, Document) else doc
        ctx = _Ctx(names, root, listed_refs(blocks))
        return page("page.html.j2", path, title, blocks=[_block(b, ctx) for b in blocks], **extra)

    files: dict[str, bytes] = {}
    table = _option_rows(site.listing, items, _Ctx(names, ""), _family_words(site))
    files["index.html"] = page(
        "index.html.j2",
        "index.html",
        _(SITE_TAGLINE),
        what=_(ABOUT_WHAT),
        what_not=_(ABOUT_NOT),
        # Translators: the words in [brackets] become a link to the compare page; keep the brackets
        intro=bracket_link(
            _(
                "Each option has its own page with the studies, risks, references and review date. To see "
                "options side by side, [compare 2 to 5 of them]."
            ),
            "compare.html",
        ),
        table=table,
    )
    for item in items:
        path = f"options/{item.id}.html"
        blocks = _option_blocks(site, item, names)
        files[path] = page("page.html.j2", path, item.name, blocks=blocks, print_button=False)
    by_cat = [
        (_(words), sorted((i for i in items if i.category.value == cat), key=lambda i: i.short_name.lower()))
        for cat, words in CATEGORY_WORDS.items()
    ]
    files["compare.html"] = page(
        "compare.html.j2",
        "compare.html",
        _("Compare options"),
        groups=[
            (name, [(i.id, safe(i.short_name), safe(i.name)) for i in members]) for name, members in by_cat if members
        ],
        all_options=sorted(((i.id, safe(i.short_name)) for i in items), key=lambda x: x[1].lower()),
    )
    files["assets/compare-data.js"] = _compare_data(site, items).encode("utf-8")
    files["assets/names.js"] = _names_data(site).encode("utf-8")
    files["assets/strings.js"] = _strings_data(table["count"]).encode("utf-8")
    files["faq.html"] = page(
        "page.html.j2", "faq.html", _("Frequently asked questions"), blocks=_faq_blocks(site, names)
    )
    files["glossary.html"] = doc_page("glossary.html", _("Glossary"), _glossary_blocks(site))
    files["assets/search-data.js"] = _search_data(site).encode("utf-8")
    files["crisis.html"] = page(
        "crisis.html.j2",
        "crisis.html",
        _("Urgent help"),
        blocks=_crisis_blocks(site, names),
        region_first=_(wording.WEB_REGION_FIRST),
        all_regions=_(wording.WEB_ALL_REGIONS),
    )
    files["changes.html"] = doc_page("changes.html", _("What changed"), _for_web(changes_document(site.changes)))
    info = site.about._replace(sources=_about_sources(site.about), bundled=())
    about = about_document(info).add(Heading(_("This website")), Para(_(SITE_PRIVACY)))
    files["about.html"] = doc_page("about.html", _("About trdguide"), about)
    files["questions.html"] = doc_page(
        "questions.html",
        _("Questions to bring to your appointment"),
        questions_document([]),
        print_button=True,
    )
    files["weigh.html"] = page("weigh.html.j2", "weigh.html", _(wording.WEIGH_TITLE), weigh=_weigh_page(site))
    files["assets/weigh-data.js"] = _weigh_data(site).encode("utf-8")
    return files


MANIFEST = ".trdguide-site-files"  # the files the last build wrote, one relative path per line
MANIFEST_MAX = 256 * 1024  # a larger "manifest" is not one trdguide wrote: it is not read
# every file the site writes carries this mark near its start; a file without it is not trdguide's
GENERATOR = "trdguide"
HTML_MARK = f'<meta name="generator" content="{GENERATOR}">'
ASSET_MARK = f"/* generator: {GENERATOR} */\n"
_MARKS = (HTML_MARK.encode(), ASSET_MARK.encode())
_MARK_WITHIN = 4096
# the only names the site ever writes (and so the only ones a rebuild may remove)
# (in the top folder, or in a language's folder: es/)
OWN_NAME = re.compile(
    r"(?:[a-z]{2,3}/)?(?:[a-z][a-z0-9-]*\.html|options/[a-z0-9][a-z0-9-]*\.html|assets/[a-z0-9][a-z0-9-]*\.(?:js|css))"
)


class SiteRefused(Exception):
    """The build would write through a link, over something not a file, or over files trdguide did not
    write. `problem`: link, not-a-file or not-ours; `paths`: relative to OUTDIR. Nothing was written."""

    def __init__(self, problem: str, paths: list[str]):
        self.problem = problem
        self.paths = paths
        super().__init__(problem, paths)


def carries_mark(path: Path) -> bool:
    """Whether a plain file (not a link) starts with trdguide's generator mark."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as f:
        head = f.read(_MARK_WITHIN)
    return any(m in head for m in _MARKS)


def _kind(path: Path) -> str:
    """What is at `path`, without following a link: "" (nothing), "dir", "file", "link" or "other"."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return ""
    if stat.S_ISLNK(st.st_mode):
        return "link"
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    return "file" if stat.S_ISREG(st.st_mode) else "other"


def _in_the_way(outdir: Path, rel: str) -> tuple[str, str] | None:
    """What stops the site writing `rel` (a problem and the path that causes it), or None."""
    parts = PurePosixPath(rel).parts
    for n in range(1, len(parts)):
        sub = "/".join(parts[:n])
        kind = _kind(outdir / sub)
        if kind == "link":
            return "link", sub
        if kind not in ("", "dir"):
            return "not-a-file", sub
    kind = _kind(outdir / rel)
    if kind == "link":
        return "link", rel
    if kind not in ("", "file"):
        return "not-a-file", rel
    return None


def _write(outdir: Path, rel: str, data: bytes) -> Path:
    """Write one file by replacing it (a new file, then a rename): never through a link."""
    target = outdir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    found = _in_the_way(outdir, rel)
    if found is not None:  # a link planted while the site was being written
        raise SiteRefused(found[0], [found[1]])
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".trdguide-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def build_site(
    site: SiteView, outdir: Path, force: bool = False, translations: Mapping[str, SiteView] | None = None
) -> tuple[list[Path], list[Path]]:
    """Write the site into `outdir` (created if needed); returns the files written and the files removed.
    `translations`: the site in other languages, each in its folder (`site_files`); the same rules hold there.

    The site's files are its own: nothing is written through a symbolic link or outside `outdir`, and a
    file of the same name that trdguide did not write (no generator mark) is replaced only with `force`.
    Before anything is written, every such problem is collected and raised as `SiteRefused`.

    The files written are listed in `outdir/.trdguide-site-files`. A later build removes files an
    earlier build listed that are no longer part of the site (an option taken out of the knowledge
    base), but only names the site writes whose content still carries the generator mark: a CNAME, a
    robots.txt or the host's own pages are never touched, whatever the list says.
    """
    files = site_files(site, translations)
    outdir.mkdir(parents=True, exist_ok=True)
    problems: dict[str, list[str]] = {}
    for rel in [*files, MANIFEST]:
        if rel != MANIFEST and not OWN_NAME.fullmatch(rel):  # an id the schema let through, or a bug
            raise ValueError(f"not a site file name: {rel!r}")
        found = _in_the_way(outdir, rel)
        mine = rel == MANIFEST or force or _kind(outdir / rel) != "file" or carries_mark(outdir / rel)
        if found is None and not mine:
            found = ("not-ours", rel)
        if found is not None and found[1] not in problems.get(found[0], []):
            problems.setdefault(found[0], []).append(found[1])
    for problem in ("link", "not-a-file", "not-ours"):
        if problems.get(problem):
            raise SiteRefused(problem, problems[problem])
    earlier = _earlier_files(outdir)
    written = [_write(outdir, rel, data) for rel, data in files.items()]
    removed = []
    for rel in sorted(earlier - files.keys()):
        target = outdir / rel
        if not OWN_NAME.fullmatch(rel) or _in_the_way(outdir, rel) is not None or not carries_mark(target):
            continue
        target.unlink()
        removed.append(target)
        parent = target.parent
        while parent != outdir:  # folders the removal left empty (options/ when no option is left)
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
    _write(outdir, MANIFEST, "".join(f"{rel}\n" for rel in files).encode("utf-8"))
    return written, removed


def _earlier_files(outdir: Path) -> set[str]:
    """The files an earlier build listed (read only from a plain file of sane size): names the site writes."""
    path = outdir / MANIFEST
    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MANIFEST_MAX:
            return set()
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if OWN_NAME.fullmatch(line)}
