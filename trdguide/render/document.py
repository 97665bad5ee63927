"""A neutral document model shared by the terminal, text and Markdown renderers.

Each command's result is turned into a short list of blocks (headings, paragraphs, bullet lists,
tables). Each output format then lays the same blocks out in its own way, so every format carries the
same content. The framing (disclaimer and crisis pointer) is added here, once per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import framing
from ..knowledge import (
    ABOUT_AUTHORS,
    ABOUT_EVIDENCE,
    ABOUT_NOT,
    ABOUT_UPDATES,
    ABOUT_WHAT,
    ANAESTHESIA_WORDS,
    STATUS_WORDS,
    AboutInfo,
    Comparison,
    KnowledgeBase,
    describe_outcome,
    icon_count,
)
from ..models import CrisisLine, FaqEntry, GlossaryTerm, HeadToHead, Intervention, Outcome, Reference


@dataclass
class Title:
    text: str


@dataclass
class Heading:
    text: str


@dataclass
class Para:
    text: str
    style: str = ""  # "", "note" (quiet), "warn" (stands out)


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    """Options or items as columns/rows. `rows` are (row label, cells); a cell is a list of paragraphs."""

    columns: list[str]
    rows: list[tuple[str, list[list[str]]]]
    first_column: str = ""
    kind: str = "grid"  # "grid" (compare: options as columns) or "list" (one item per row)


@dataclass
class Picture:
    """A figure out of 100 drawn as 100 people (an icon array), with its comparator beside it.

    Drawn only for outcomes that have a figure and a source. `caption` says the same in words, so
    formats that cannot draw (plain text, Markdown) lose nothing.
    """

    caption: str
    panels: list[tuple[str, int]]  # (who, how many of 100)


@dataclass
class Checklist:
    """Items a reader ticks on paper."""

    items: list[str]


Block = Title | Heading | Para | Bullets | Table | Picture | Checklist


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


def framed(doc: Document) -> Document:
    """The document with the education disclaimer first and the urgent-help pointer last."""
    return Document([Para(framing.DISCLAIMER, "note"), *doc.blocks, Para(framing.CRISIS_POINTER, "warn")])


def reference_line(ref: Reference) -> str:
    loc = ref.locator or ""
    extra = f" {ref.url}" if ref.url and (ref.pmid or ref.doi) else ""
    return f"[{ref.id}] {ref.citation} {loc}{extra}".strip()


def where_text(item: Intervention) -> str:
    return ", ".join(p.value.replace("-", " ") for p in item.setting.where)


# --- list ------------------------------------------------------------------------------------------


@dataclass
class Page:
    total: int
    start: int = 0
    limit: int = 0  # 0: no limit


def list_document(items: Sequence[Intervention], hint: str | None, page: Page | None = None) -> Document:
    doc = Document()
    page = page or Page(total=len(items))
    if not items:
        if page.total:
            doc.add(Para(f"There are {page.total} matching options; this page is past the end. Try --page 1."))
        else:
            doc.add(Para("No options match these filters. " + (hint or "Try removing a filter.")))
        return doc
    rows = [
        (
            f"{i.short_name} ({i.id})",
            [
                [i.category.value.replace("-", " ")],
                [i.status.label.value, i.status.note],
                [where_text(i) + "; " + ANAESTHESIA_WORDS[i.setting.anaesthesia]],
                [i.setting.time_to_effect],
            ],
        )
        for i in items
    ]
    doc.add(
        Title(f"Treatment options ({page.total})"),
        Table(["Category", "Status", "Where", "Usual time to effect"], rows, "Option", kind="list"),
    )
    if len(items) < page.total:
        last = page.start + len(items)
        doc.add(
            Para(
                f"Showing {page.start + 1} to {last} of {page.total}. "
                "Use --page to see more, or narrow the list with --search or --category.",
                "note",
            )
        )
    doc.add(Para("For details: trdguide show NAME. To compare: trdguide compare NAME NAME.", "note"))
    return doc


# --- show ------------------------------------------------------------------------------------------


def picture_for(o: Outcome, who: str) -> Picture | None:
    """The icon array for an outcome, or None when it has no figure out of 100 (or no source)."""
    if o.per_100 is None or not o.refs:
        return None
    panels = [(who, icon_count(o.per_100))]
    if o.comparator is not None and o.comparator.per_100 is not None:
        panels.append((o.comparator.label, icon_count(o.comparator.per_100)))
    return Picture(describe_outcome(o), panels)


def show_document(item: Intervention, kb: KnowledgeBase, pictures: bool = True, handout: bool = False) -> Document:
    """Everything about one option. For a handout, questions and references come later, once."""
    doc = Document()
    doc.add(Title(f"{item.name} ({item.short_name})"))
    doc.add(Para(f"Status: {STATUS_WORDS[item.status.label]}. {item.status.note}", "warn"))
    doc.add(Para(item.summary))
    s = item.setting
    doc.add(Heading("How it is thought to work"), Para(item.mechanism.text))
    doc.add(
        Heading("What it is like"),
        Bullets(
            [
                f"Where: {where_text(item)}",
                f"Given by: {s.given_by}",
                f"Anaesthesia: {ANAESTHESIA_WORDS[s.anaesthesia]}",
                f"How often and for how long: {s.schedule}",
                f"How soon it might help: {s.time_to_effect}",
                f"Daily life: {s.daily_life}",
            ]
        ),
    )
    doc.add(Heading("Will it work? What studies found"))
    if item.outcomes:
        for o in item.outcomes:
            doc.add(Bullets([describe_outcome(o) + f" [{', '.join(o.refs)}]"]))
            pic = picture_for(o, item.short_name) if pictures else None
            if pic is not None:
                doc.add(pic)
    else:
        doc.add(Para("There are no trial figures for this option in the knowledge base."))
    doc.add(Heading("Common side effects"), Bullets([_cited(x.text, x.refs) for x in item.side_effects.common]))
    doc.add(Heading("Serious risks"), Bullets([_cited(x.text, x.refs) for x in item.side_effects.serious]))
    doc.add(Heading("Who may not be suitable"), Bullets([_cited(x.text, x.refs) for x in item.not_suitable_for]))
    doc.add(Heading("How long the benefit lasts"), Bullets([_cited(x.text, x.refs) for x in item.durability]))
    if item.misconceptions:
        doc.add(Heading("Common misunderstandings"), Bullets([_cited(x.text, x.refs) for x in item.misconceptions]))
    doc.add(Heading("Approval (what regulators decided)"))
    if item.regulatory:
        doc.add(
            Bullets(
                [
                    f"{r.region.value}, {r.body}{', ' + str(r.year) if r.year else ''}: {r.status}. "
                    f"{r.indication} [{', '.join(r.refs)}]"
                    for r in item.regulatory
                ]
            )
        )
    else:
        doc.add(Para("Not a product that regulators approve (for example a therapy or self-care)."))
    if item.guidelines:
        doc.add(
            Heading("Guidelines (what expert bodies recommend)"),
            Bullets([f"{g.body}, {g.year}: {g.position} [{', '.join(g.refs)}]" for g in item.guidelines]),
        )
    doc.add(
        Heading("How strong is the evidence?"),
        Para(
            _cited(
                f"{item.evidence.certainty.value.replace('-', ' ').capitalize()}. {item.evidence.why}",
                item.evidence.refs,
            )
        ),
    )
    doc.add(Heading("Cost and access"), Bullets([_cited(x.text, x.refs) for x in item.access]))
    if not handout:
        doc.add(Heading("Questions to ask your clinician"), Bullets(list(item.questions_to_ask)))
    related = kb.see_also([item])
    if related:
        doc.add(Para("See also: " + ", ".join(f"{r.short_name} (trdguide show {r.id})" for r in related), "note"))
    if not handout:
        doc.add(Heading("References"), Bullets([reference_line(r) for r in kb.references_for([item])]))
        doc.add(Para(f"Last reviewed: {item.last_reviewed.isoformat()}.", "note"))
    return doc


def _cited(text: str, refs: Sequence[str]) -> str:
    return f"{text} [{', '.join(refs)}]" if refs else text


# --- compare ---------------------------------------------------------------------------------------


def compare_document(c: Comparison, pictures: bool = False) -> Document:
    doc = Document()
    doc.add(Title("Comparing: " + " · ".join(o.short_name for o in c.options)))
    doc.add(Bullets([f"{o.short_name}: {o.name}. {STATUS_WORDS[o.status.label].capitalize()}." for o in c.options]))
    rows = [(r.question, r.cells) for r in c.rows]
    doc.add(Table([o.short_name for o in c.options], rows, "Question", kind="grid"))
    doc.add(Para(framing.COMPARISON_CAVEAT, "note"))
    if pictures:
        pics = [(o, picture_for(o.outcomes[0], o.short_name) if o.outcomes else None) for o in c.options]
        if any(p for _, p in pics):
            doc.add(Heading("Will it work? The first result for each option, drawn as 100 people"))
        for opt, pic in pics:
            if pic is not None:
                doc.add(pic)
            else:
                doc.add(Para(f"{opt.short_name}: no figure out of 100 to draw.", "note"))
    for h in c.head_to_head:
        doc.add(*head_to_head_blocks(h))
    if c.see_also:
        doc.add(Para("See also: " + ", ".join(f"{s.short_name} ({s.id})" for s in c.see_also), "note"))
    doc.add(Para("Details and references: " + " · ".join(f"trdguide show {o.id}" for o in c.options), "note"))
    oldest, newest = c.reviewed
    when = newest.isoformat() if oldest == newest else f"{oldest.isoformat()} to {newest.isoformat()}"
    doc.add(Para(f"Last reviewed: {when}.", "note"))
    return doc


def head_to_head_blocks(h: HeadToHead) -> list[Block]:
    items: list[str] = [describe_outcome(o) + f" [{', '.join(o.refs)}]" for o in h.outcomes]
    items += [_cited("Caution: " + c.text, c.refs) for c in h.caveats]
    return [Heading(f"Compared directly: {h.title}"), Para(h.summary), Bullets(items)]


# --- faq, glossary, crisis, about ------------------------------------------------------------------


def faq_document(entries: Sequence[tuple[int, FaqEntry]], kb: KnowledgeBase) -> Document:
    doc = Document([Title("Frequently asked questions")])
    for n, f in entries:
        doc.add(Heading(f"{n}. {f.question}"), Para(f.answer))
        if f.refs:
            doc.add(Bullets([reference_line(kb.references[r]) for r in f.refs if r in kb.references]))
        if f.related:
            doc.add(Para("See: " + ", ".join(f"trdguide show {r}" for r in f.related), "note"))
    return doc


def glossary_document(terms: Sequence[GlossaryTerm]) -> Document:
    doc = Document([Title("Glossary")])
    for g in terms:
        also = f" (also: {', '.join(g.aliases)})" if g.aliases else ""
        text = g.definition + (f" [{', '.join(g.refs)}]" if g.refs else "")
        doc.add(Heading(g.term + also), Para(text))
    return doc


def crisis_document(lines: Sequence[CrisisLine]) -> Document:
    doc = Document([Title("Urgent help")])
    doc.add(
        Para(
            "If you might act on thoughts of suicide, or you are in danger now, contact "
            "emergency services or a crisis line straight away. You deserve support, and "
            "talking to someone can help.",
            "warn",
        )
    )
    for c in lines:
        doc.add(
            Heading(f"{c.region_name}: {c.service}"),
            Bullets([c.contact, f"Hours: {c.hours}", c.url, f"Checked {c.checked.isoformat()}"]),
        )
    doc.add(Para(framing.HOPE_LINE))
    return doc


def about_document(info: AboutInfo) -> Document:
    return Document(
        [
            Title(f"trdguide {info.version}"),
            Heading("What it is"),
            Para(ABOUT_WHAT),
            Heading("What it is not"),
            Para(ABOUT_NOT),
            Heading("How evidence was chosen"),
            Para(ABOUT_EVIDENCE),
            Heading("Updates"),
            Para(ABOUT_UPDATES),
            Heading("Who wrote it and funding"),
            Para(ABOUT_AUTHORS),
            Heading("This knowledge base"),
            Bullets(
                [
                    f"Loaded from: {', '.join(info.sources)}",
                    f"{info.interventions} options, {info.references} references",
                    f"Oldest review: {info.oldest_review.isoformat()}; newest review: {info.newest_review.isoformat()}",
                ]
            ),
        ]
    )


# --- questions and handouts ------------------------------------------------------------------------

GENERAL_QUESTIONS = [
    "What are the likely benefits for someone like me, and how sure are we?",
    "What side effects or risks should I watch for, and what can be done about them?",
    "How soon would we know whether it is working, and what happens if it is not?",
    "How would it fit with the treatment I have now?",
    "What would it cost me, and is it covered?",
    "What happens if I decide to wait, or choose something else?",
]
WHAT_MATTERS = [
    "The chance that it helps (benefits)",
    "How quickly it might help (speed)",
    "Side effects I most want to avoid: ____________________",
    "The time it takes: visits, sessions, recovery (time commitment)",
    "Cost and insurance cover",
    "Travel and getting to appointments",
    "Something else: ____________________",
]


def questions_document(items: Sequence[Intervention]) -> Document:
    doc = Document([Title("Questions to bring to your appointment")])
    doc.add(Para("Tick the questions you want to ask, and add your own. Bring this page with you.", "note"))
    for item in items:
        doc.add(Heading(f"About {item.short_name} ({item.name})"), Checklist(list(item.questions_to_ask)))
    doc.add(Heading("Questions about any option"), Checklist(GENERAL_QUESTIONS))
    doc.add(Heading("What matters most to me"))
    doc.add(Para("Tick what matters most to you, so you and your clinician can weigh the options together."))
    doc.add(Checklist(WHAT_MATTERS))
    return doc


def handout_document(main: Document, items: Sequence[Intervention], kb: KnowledgeBase) -> Document:
    """A printable page: the main content, the questions list, references, review dates, crisis lines."""
    doc = Document(list(main.blocks))
    q = questions_document(items)
    doc.add(*[Heading(b.text) if isinstance(b, Title) else b for b in q.blocks])
    doc.add(Heading("References"), Bullets([reference_line(r) for r in kb.references_for(items)]))
    oldest, newest = kb.review_range(items)
    doc.add(
        Para(
            f"Knowledge base reviewed {oldest.isoformat()}"
            + (f" to {newest.isoformat()}" if newest != oldest else "")
            + ".",
            "note",
        )
    )
    crisis = crisis_document(kb.crisis())
    doc.add(*[Heading(b.text) if isinstance(b, Title) else b for b in crisis.blocks])
    return doc
