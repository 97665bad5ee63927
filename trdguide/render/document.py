"""A neutral document model shared by the terminal, text and Markdown renderers.

Each command's result is turned into a short list of blocks (headings, paragraphs, bullet lists,
tables). Each output format then lays the same blocks out in its own way, so every format carries the
same content. The framing (disclaimer and crisis pointer) is added here, once per document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .. import wording
from ..folding import fold
from ..i18n import _
from ..views import (
    AboutInfo,
    Brief,
    Cell,
    ChangesView,
    Comparison,
    CrisisHelp,
    FaqView,
    HandoutView,
    IpdasView,
    ListPage,
    NameNote,
    QuestionList,
    SearchHit,
    SearchView,
    ShowView,
    Weighed,
    WeighView,
)
from ..wording import (
    ABOUT_AUDIT,
    ABOUT_AUTHORS,
    ABOUT_EVIDENCE,
    ABOUT_LICENCE,
    ABOUT_NOT,
    ABOUT_SCOPE,
    ABOUT_UPDATES,
    ABOUT_WHAT,
    ANAESTHESIA_WORDS,
    CATEGORY_WORDS,
    GENERAL_QUESTIONS,
    PICTURE_LEGEND,
    PLACE_SHORT,
    ROW_TEXT,
    STATUS_SHORT,
    STATUS_WORDS,
    WHAT_MATTERS,
    about,
    cell_detail,
    describe_outcome,
    icon_count,
    name_note,
)

if TYPE_CHECKING:
    from ..models import Change, CrisisLine, GlossaryTerm, HeadToHead, Intervention, Outcome, Reference


class Title(NamedTuple):
    """The title of a document."""

    text: str


class Heading(NamedTuple):
    """A section heading. `key`: which section it opens ("work", "references", ...), for formats that
    link to sections (the website's contents and anchors); the words are for reading only."""

    text: str
    key: str = ""


class Para(NamedTuple):
    """A paragraph.

    `hint`: it only says which command shows more (a format with links of its own, the website, leaves it
    out). `links`: the option ids the paragraph points to, after the words `lead` ("See also: "), for
    formats that can link them (the text says the same for the others).
    """

    text: str
    style: str = ""  # "", "note" (quiet), "warn" (stands out)
    hint: bool = False
    lead: str = ""
    links: tuple[str, ...] = ()


class Bullets(NamedTuple):
    """A list of short items."""

    items: list[str]
    marker: str = "-"  # "" for items that number themselves ("1. ...")


class Table(NamedTuple):
    """Options or items as columns/rows. `rows` are (row label, cells); a cell is a list of paragraphs."""

    columns: list[str]
    rows: list[tuple[str, list[list[str]]]]
    first_column: str = ""
    kind: str = "grid"  # "grid" (compare: options as columns) or "list" (one item per row)


class Picture(NamedTuple):
    """A figure out of 100 drawn as 100 people (an icon array), with its comparator beside it.

    Drawn only for outcomes that have a figure and a source. `caption` says the same in words, so
    formats that cannot draw (plain text, Markdown) lose nothing.
    """

    caption: str
    panels: list[tuple[str, int]]  # (who, how many of 100)
    legend: bool = True  # False where one legend serves several pictures (said once, before them)
    repeats: bool = False  # the caption says what the block before it says (a format showing both may drop one)


class References(NamedTuple):
    """A list of references, set small (in print, in columns). `ids`: each entry's reference id, where
    known, so formats with links can point the text's "[id]" at its entry."""

    items: list[str]
    ids: tuple[str, ...] = ()


class Checklist(NamedTuple):
    """Items a reader ticks on paper."""

    items: list[str]


class GroupedTable(NamedTuple):
    """One line per item, in groups with a heading row each (for `list`)."""

    columns: list[str]
    groups: list[tuple[str, list[tuple[str, list[list[str]]]]]]  # (group name, rows as in Table)
    first_column: str = ""

    def flat(self) -> Table:
        """The same content as a plain list table (for formats that do not draw groups)."""
        rows = [(label, cells) for _, rows in self.groups for label, cells in rows]
        return Table(self.columns, rows, self.first_column, kind="list")


Block = Title | Heading | Para | Bullets | Table | Picture | Checklist | GroupedTable | References


class Document(NamedTuple):
    """What a command shows, as a sequence of blocks that every renderer lays out in its own way."""

    blocks: list[Block]  # the one mutable part: add() appends to it

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self


def framed(doc: Document, pointer: str = wording.CRISIS_POINTER, notes: Sequence[NameNote] = ()) -> Document:
    """The document with the education disclaimer first and the urgent-help pointer last.

    `notes` (how a name was understood, e.g. "Spravato is a brand name of Esketamine.") come right
    after the disclaimer, so they are among the first lines a reader sees.
    """
    return Document(
        [
            Para(_(wording.DISCLAIMER), "note"),
            *(Para(name_note(n), "note") for n in notes),
            *doc.blocks,
            Para(pointer, "warn"),
        ]
    )


PRINT_URL_MAX = 60  # longer web addresses are shortened on paper (nobody types them); screens show them whole


def reference_line(ref: Reference, urls: bool = True, ids: bool = True) -> str:
    """The reference with its PMID or DOI, and its web address.

    Printed (`urls=False`): the web address only where there is no PMID or DOI, shortened if very long.
    `ids` puts the reference id first, as cited in the text ("[berlim-2014-rtms]").
    """
    loc = ref.locator or ""
    if not urls and ref.url and not (ref.pmid or ref.doi) and len(ref.url) > PRINT_URL_MAX:
        loc = ref.url[: PRINT_URL_MAX - 1] + "…"
    extra = f" {ref.url}" if urls and ref.url and (ref.pmid or ref.doi) else ""
    head = f"[{ref.id}] " if ids else ""
    return f"{head}{ref.citation} {loc}{extra}".strip()


def where_text(item: Intervention) -> str:
    return ", ".join(p.value.replace("-", " ") for p in item.setting.where)


# --- list ------------------------------------------------------------------------------------------


def places_short(item: Brief, room: int = 16) -> str:
    """Where an option is given, in as many place words as fit in `room` characters (at least one)."""
    out = _(PLACE_SHORT[item.where[0]])
    for p in item.where[1:]:
        if len(out) + 2 + len(_(PLACE_SHORT[p])) > room:
            break
        out += ", " + _(PLACE_SHORT[p])
    return out


def list_document(page: ListPage) -> Document:
    """One line per option, grouped by category (in the knowledge base's order), by name within a group."""
    doc = Document([])
    items = page.items
    if not items:
        if page.total:
            doc.add(Para(f"There are {page.total} matching options; this page is past the end. Try --page 1."))
        else:
            used = " or ".join(f"--{f}" for f in page.filters_used)
            advice = f"Try removing or loosening {used}." if used else "Try removing a filter."
            doc.add(Para("No options match these filters. " + advice))
        return doc
    groups: list[tuple[str, list[tuple[str, list[list[str]]]]]] = []
    for cat in CATEGORY_WORDS:
        members = sorted((i for i in items if i.category.value == cat), key=lambda i: i.short_name.lower())
        if members:
            rows = [
                (
                    i.short_name,
                    [
                        [_(STATUS_SHORT[i.status])],
                        [places_short(i)],
                        [i.onset or "-"],
                    ],
                )
                for i in members
            ]
            groups.append((_(CATEGORY_WORDS[cat]), rows))
    doc.add(GroupedTable(["Status", "Where", "Time to effect"], groups, f"Options ({page.total})"))
    if len(items) < page.total:
        last = page.start + len(items)
        doc.add(
            Para(
                f"Showing {page.start + 1} to {last} of {page.total}. "
                "Use --page to see more, or narrow the list with --search or --category.",
                "note",
            )
        )
    doc.add(Para("Details: trdguide show NAME. Side by side: trdguide compare NAME NAME.", "note", hint=True))
    return doc


# --- show ------------------------------------------------------------------------------------------


def picture_for(o: Outcome, who: str, brief: bool = False) -> Picture | None:
    """The icon array for an outcome, or None when it has no figure out of 100 (or no source).

    `brief` captions give the figures, time frame and study only (the grid above has the rest).
    """
    if o.per_100 is None or not o.refs:
        return None
    panels = [(who, icon_count(o.per_100))]
    if o.comparator is not None and o.comparator.per_100 is not None:
        panels.append((o.comparator.label, icon_count(o.comparator.per_100)))
    if brief:
        label = o.label[0].upper() + o.label[1:]
        c = o.comparator
        vs = f", against {about(c.per_100)} with {c.label}" if c is not None and c.per_100 is not None else ""
        caption = f"{who}. {label}: {about(o.per_100)}{vs}. When: {o.timeframe}. Study: {o.study}."
        return Picture(caption, panels)
    return Picture(describe_outcome(o), panels)


def show_document(
    view: ShowView, pictures: bool = True, handout: bool = False, all_changes: bool = False
) -> Document:
    """Everything about one option. For a handout, questions and references come later, once.

    Under the review date: the latest change (`all_changes`: every change, as the website's page has)."""
    item = view.item
    doc = Document([])
    doc.add(Title(full_name(item)))
    doc.add(Para(f"Status: {_(STATUS_WORDS[item.status.label])}. {item.status.note}", "warn"))
    doc.add(*in_short_blocks(view))
    doc.add(Para(item.summary))
    s = item.setting
    doc.add(Heading("How it is thought to work", "mechanism"), Para(item.mechanism.text))
    doc.add(
        Heading("What it is like", "like"),
        Bullets(
            [
                f"Where: {where_text(item)}",
                f"Given by: {s.given_by}",
                f"Anaesthesia: {_(ANAESTHESIA_WORDS[s.anaesthesia])}",
                f"How often and for how long: {s.schedule}",
                f"How soon it might help: {s.time_to_effect}",
                f"Daily life: {s.daily_life}",
            ]
        ),
    )
    doc.add(Heading("Will it work? What studies found", "work"))
    if item.outcomes:
        for o in item.outcomes:
            doc.add(Bullets([describe_outcome(o) + f" [{', '.join(o.refs)}]"]))
            pic = picture_for(o, item.short_name) if pictures else None
            if pic is not None:
                doc.add(pic._replace(repeats=pic.caption == describe_outcome(o)))
    else:
        doc.add(Para("There are no trial figures for this option in the knowledge base."))
    doc.add(
        Heading("Common side effects", "common"),
        Bullets([_cited(x.text, x.refs) for x in item.side_effects.common]),
    )
    doc.add(Heading("Serious risks", "serious"), Bullets([_cited(x.text, x.refs) for x in item.side_effects.serious]))
    doc.add(
        Heading("Who may not be suitable", "unsuitable"),
        Bullets([_cited(x.text, x.refs) for x in item.not_suitable_for]),
    )
    doc.add(
        Heading("How long the benefit lasts", "lasting"),
        Bullets([_cited(x.text, x.refs) for x in item.durability]),
    )
    if item.misconceptions:
        doc.add(
            Heading("Common misunderstandings", "misconceptions"),
            Bullets([_cited(x.text, x.refs) for x in item.misconceptions]),
        )
    doc.add(Heading("Approval (what regulators decided)", "status"))
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
            Heading("Guidelines (what expert bodies recommend)", "guidelines"),
            Bullets([f"{g.body}, {g.year}: {g.position} [{', '.join(g.refs)}]" for g in item.guidelines]),
        )
    doc.add(
        Heading("How strong is the evidence?", "evidence"),
        Para(
            _cited(
                f"{item.evidence.certainty.value.replace('-', ' ').capitalize()}. {item.evidence.why}",
                item.evidence.refs,
            )
        ),
    )
    doc.add(Heading("Cost and access", "cost"), Bullets([_cited(x.text, x.refs) for x in item.access]))
    if not handout:
        doc.add(Heading("Questions to ask your clinician", "questions"), Bullets(list(item.questions_to_ask)))
    related = view.see_also
    if related:
        see = ", ".join(f"{r.short_name} (trdguide show {r.id})" for r in related)
        doc.add(Para("See also: " + see, "note", lead="See also: ", links=tuple(r.id for r in related)))
    if not handout:
        refs = view.references
        doc.add(
            Heading("References", "references"),
            References([reference_line(r) for r in refs], tuple(r.id for r in refs)),
        )
        reviewed = f"Last reviewed: {item.last_reviewed.isoformat()}."
        if item.changes and not all_changes:
            c = item.changes[0]
            reviewed += " " + wording.latest_change(c.date, c.what, len(item.changes))
        doc.add(Para(reviewed, "note"))
        if item.changes and all_changes:
            doc.add(Heading(_(wording.CHANGES_HEADING), "changes"), Bullets([_change(c) for c in item.changes]))
    return doc


def _change(c: Change) -> str:
    return _cited(wording.dated_change(c.date, c.what, c.why), c.refs)


def changes_document(view: ChangesView) -> Document:
    """`trdguide changes`: every recorded change, grouped by date, newest first."""
    doc = Document([Title(wording.changes_title(view.since))])
    if not view.entries:
        doc.add(Para(wording.no_changes(view.since)))
    days: dict[str, list[str]] = {}
    for e in view.entries:
        line = _cited(wording.change_line(e.name, e.change.what, e.change.why), e.change.refs)
        days.setdefault(e.change.date.isoformat(), []).append(line)
    for day, lines in days.items():
        doc.add(Heading(day), Bullets(lines))
    doc.add(Para(_(wording.CHANGES_HINT), "note", hint=True))
    return doc


def in_short_blocks(view: ShowView) -> list[Block]:
    """The "In short" section: the option's ten short answers, the comparison grid's rows for this option (the
    detail follows). Nothing where the record has no short answers."""
    lines = [wording.in_short_line(r.key, r.cells[0].short) for r in view.in_short if r.cells[0].short is not None]
    return [Heading(_(wording.IN_SHORT)), Bullets(lines)] if lines else []


def _cited(text: str, refs: Sequence[str]) -> str:
    return f"{text} [{', '.join(refs)}]" if refs else text


# --- compare ---------------------------------------------------------------------------------------


def compare_document(c: Comparison, pictures: bool = False, names: Sequence[str] = ()) -> Document:
    """The decision grid: options and status, short answers, head-to-head trials, caveat, pointers.

    With `c.detail`, the cells hold the full text and the head-to-head trials are given in full.
    """
    doc = Document([])
    doc.add(Title("Comparing: " + " · ".join(_named(o) for o in c.options)))
    rows = [(_(ROW_TEXT[r.key].label), [shown(cell, c.detail) for cell in r.cells]) for r in c.rows]
    # each column is headed by the option and its status in words
    columns = [f"{o.short_name} ({_(STATUS_SHORT[o.status.label])})" for o in c.options]
    doc.add(Table(columns, rows, "", kind="grid"))
    if c.head_to_head:
        if c.detail:
            for h in c.head_to_head:
                doc.add(*head_to_head_blocks(h))
        else:
            doc.add(Heading("Compared directly in a trial"), Bullets([head_to_head_line(h) for h in c.head_to_head]))
    if pictures:
        doc.add(Para(_(wording.COMPARISON_CAVEAT), "note"), *compare_pictures(c))
        more = []
    else:
        more = [_(wording.COMPARISON_CAVEAT)]
    more += [] if c.detail else ["Full text: add --detail."]
    more.append("In full: " + ", ".join(f"trdguide show {o.id}" for o in c.options) + ".")
    if c.detail and c.see_also:
        more.append("See also: " + ", ".join(f"{s.short_name} ({s.id})" for s in c.see_also) + ".")
    oldest, newest = c.reviewed
    when = newest.isoformat() if oldest == newest else f"{oldest.isoformat()} to {newest.isoformat()}"
    more.append(f"Reviewed {when}.")
    doc.add(Para(" ".join(more), "note"))
    return doc


def _says(name: str, short: str) -> bool:
    """Whether `name` already contains `short` as whole words ('Zuranolone' says 'Zuranolone')."""
    return f" {fold(short)} " in f" {fold(name)} "


def full_name(item: Intervention) -> str:
    """'Repetitive transcranial magnetic stimulation (rTMS)'; one name where the two say the same
    ('Zuranolone', never 'Zuranolone (Zuranolone)'); 'IV ketamine: Intravenous ketamine (off-label)'."""
    if _says(item.name, item.short_name):
        return item.name
    if "(" in item.name:
        return f"{item.short_name}: {item.name}"
    return f"{item.name} ({item.short_name})"


def _named(item: Intervention) -> str:
    """'rTMS (repetitive transcranial magnetic stimulation)', or one name where the two are the same."""
    if _says(item.name, item.short_name) or "(" in item.name:
        return item.short_name
    return f"{item.short_name} ({item.name[0].lower() + item.name[1:]})"


def shown(cell: Cell, detail: bool) -> list[str]:
    """A grid cell: the short answer, or the full detail (with --detail, or where there is no short answer)."""
    return cell_detail(cell.item, cell.key) if detail or cell.short is None else [cell.short]


def compare_pictures(c: Comparison) -> list[Block]:
    """The lead result of each option drawn as 100 people: every figure the grid's first row shows."""
    out: list[Block] = []
    pics = [(o, picture_for(o.outcomes[0], o.short_name, brief=True) if o.outcomes else None) for o in c.options]
    if any(p for _, p in pics):
        out.append(Heading("Will it work? Each option's first result, drawn as 100 people"))
        out.append(Para(_(PICTURE_LEGEND), "note"))
    for opt, pic in pics:
        if pic is None:
            out.append(Para(f"{opt.short_name}: no figure out of 100 to draw.", "note"))
        else:
            out.append(pic._replace(legend=False))
    return out


def head_to_head_line(h: HeadToHead) -> str:
    """One or two lines: who, what, the direction and size of the result."""
    if h.short is not None:
        return h.short.text
    o = h.outcomes[0]
    return _cited(f"{h.title}. {describe_outcome(o, threshold=False)}", o.refs)


def head_to_head_blocks(h: HeadToHead) -> list[Block]:
    items: list[str] = [describe_outcome(o) + f" [{', '.join(o.refs)}]" for o in h.outcomes]
    items += [_cited("Caution: " + c.text, c.refs) for c in h.caveats]
    return [Heading(f"Compared directly: {h.title}"), Para(h.summary), Bullets(items)]


# --- faq, glossary, crisis, about ------------------------------------------------------------------


def faq_index_document(questions: Sequence[tuple[int, str]]) -> Document:
    """The numbered questions only, and how to open one."""
    doc = Document([Title("Frequently asked questions")])
    doc.add(Bullets([f"{n}. {q}" for n, q in questions], marker=""))
    doc.add(
        Para(
            "To read an answer: trdguide faq NUMBER (for example trdguide faq 1), or trdguide faq WORDS. "
            "Every answer: trdguide faq --all.",
            "note",
            hint=True,
        )
    )
    return doc


def faq_document(view: FaqView) -> Document:
    if view.listing:
        return faq_index_document(view.questions)
    entries = view.entries
    doc = Document([Title("Frequently asked questions")])
    for n, f in entries:
        doc.add(Heading(f"{n}. {f.question}", f.id), Para(f.answer))
        if f.refs:
            doc.add(Bullets([reference_line(view.references[r]) for r in f.refs if r in view.references]))
        if f.related:
            see = ", ".join(f"trdguide show {r}" for r in f.related)
            doc.add(Para("See: " + see, "note", lead="See: ", links=tuple(f.related)))
        doc.add(Para(wording.faq_on_the_web(f.id), "note", hint=True))
    return doc


def search_command(hit: SearchHit) -> str:
    """The command that shows a search result in full."""
    if hit.kind == "faq":
        return f"trdguide faq {hit.target}"
    if hit.kind == "glossary":
        term = hit.target
        return f'trdguide glossary "{term}"' if " " in term or "'" in term else f"trdguide glossary {term}"
    return f"trdguide show {hit.target}"


def search_line(hit: SearchHit) -> str:
    """One search result on one line: where it is, the sentences that match, and the command for all of it."""
    text = " ".join(hit.pieces)
    command = search_command(hit)
    if hit.kind == "faq":
        return wording.search_faq_line(hit.target, hit.title, text, command)
    if hit.kind == "glossary":
        return wording.search_glossary_line(hit.title, text, command)
    return wording.search_option_line(hit.title, _(wording.SECTION_LABELS.get(hit.section, hit.section)), text, command)


def search_document(view: SearchView) -> Document:
    """`search WORDS` (best first, every kind together) and `faq WORDS` (FAQ answers whole and first)."""
    doc = Document([Title(wording.search_title(view.query))])
    if view.urgent:
        doc.add(Para(_(wording.SEARCH_URGENT), "warn"))
    for typed, read_as in view.corrections:
        doc.add(Para(wording.search_corrected(typed, read_as), "note"))
    if view.named is not None:
        doc.add(Para(wording.search_named(view.named.short_name, f"trdguide show {view.named.id}")))
    if view.choice:
        doc.add(
            Para(wording.search_choice(view.query)),
            Bullets([f"{b.short_name}: trdguide show {b.id}" for b in view.choice]),
        )
    if not view.hits:
        doc.add(Para(wording.search_nothing(view.query), "warn"))
        if view.suggestions:
            doc.add(Para(wording.search_close(", ".join(view.suggestions))))
        doc.add(Para(_(wording.SEARCH_WHERE_NEXT), "note"))
        return doc
    if not view.faq_first:
        doc.add(Heading(_(wording.SEARCH_RESULTS)), Bullets([search_line(h) for h in view.hits]))
        return doc
    faq = [h for h in view.hits if h.kind == "faq"]
    if faq:
        doc.add(Heading(_(wording.SEARCH_FAQ)))
        for h in faq:
            doc.add(Heading(f"{h.target}. {h.title}"), Para(" ".join(h.pieces)))
            doc.add(Para(wording.search_open(search_command(h)), "note"))
    options = [search_line(h) for h in view.hits if h.kind == "section"]
    if options:
        doc.add(Heading(_(wording.SEARCH_OPTIONS)), Bullets(options))
    terms = [search_line(h) for h in view.hits if h.kind == "glossary"]
    if terms:
        doc.add(Heading(_(wording.SEARCH_GLOSSARY)), Bullets(terms))
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
            Heading(f"{c.region_name}: {c.service}", c.region.lower()),
            Bullets(
                [
                    *([f"Emergency (danger now): call {c.emergency}"] if c.emergency else []),
                    c.contact,
                    *([c.text_service] if c.text_service else []),
                    f"Hours: {c.hours}",
                    c.url,
                    f"Checked {c.checked.isoformat()}",
                    *(
                        f"{wording.other_service_line(o.name, o.contact, o.who, o.hours)} {o.url}"
                        for o in c.other_services
                    ),
                ]
            ),
        )
    doc.add(Para(_(wording.HOPE_LINE)))
    return doc


def crisis_help_document(help: CrisisHelp) -> Document:
    """`crisis --region X`: the region's lines; where X names no covered region, never an error: what the
    guide covers, a close spelling if there is one, the local emergency number and the directory of helplines."""
    if help.asked is None:
        return crisis_document(help.lines)
    doc = crisis_document(help.lines)
    names = dict(help.regions)
    extra: list[Block] = [Para(wording.region_not_covered(help.asked, help.regions))]
    if help.suggestions:
        close = [names[code] for code in help.suggestions]
        extra.append(Para(wording.region_did_you_mean(close, help.suggestions[0])))
    extra.append(Para(_(wording.LOCAL_EMERGENCY), "warn"))
    return Document([*doc.blocks[:2], *extra, *doc.blocks[2:]])


def source_names(info: AboutInfo) -> list[str]:
    """Where the knowledge base came from: the bundled one by name, a user's folder by its path."""
    bundled = info.bundled or [False] * len(info.sources)
    return [_(wording.BUNDLED_SOURCE) if b else s for s, b in zip(info.sources, bundled)]


def about_document(info: AboutInfo) -> Document:
    return Document(
        [
            Title(f"trdguide {info.version}"),
            Heading("What it is"),
            Para(_(ABOUT_WHAT)),
            Heading("What it is not"),
            Para(_(ABOUT_NOT)),
            Heading("Who it covers"),
            Para(_(ABOUT_SCOPE)),
            Heading("How evidence was chosen"),
            Para(_(ABOUT_EVIDENCE)),
            Heading("Updates"),
            Para(_(ABOUT_UPDATES)),
            Heading("Checking the content"),
            Para(_(ABOUT_AUDIT)),
            Heading("Who wrote it and funding"),
            Para(_(ABOUT_AUTHORS)),
            Heading("Licence"),
            Para(_(ABOUT_LICENCE)),
            Heading("This knowledge base"),
            Bullets(
                [
                    "Loaded from: " + ", ".join(source_names(info)),
                    f"{info.interventions} options, {info.references} references",
                    f"Oldest review: {info.oldest_review.isoformat()}; newest review: {info.newest_review.isoformat()}",
                    *(wording.replaced_record(kind, key, file) for kind, key, file in info.replaced),
                ]
            ),
        ]
    )


# --- questions and handouts ------------------------------------------------------------------------


def questions_document(items: Sequence[Intervention] | QuestionList) -> Document:
    items = items.items if isinstance(items, QuestionList) else items
    doc = Document([Title("Questions to bring to your appointment")])
    doc.add(Para("Tick the questions you want to ask, and add your own. Bring this page with you.", "note"))
    for item in items:
        doc.add(Heading(f"About {full_name(item)}"), Checklist(list(item.questions_to_ask)))
    doc.add(Heading("Questions about any option"), Checklist([_(q) for q in GENERAL_QUESTIONS]))
    doc.add(Heading("What matters most to me"))
    doc.add(Para("Tick what matters most to you, so you and your clinician can weigh the options together."))
    doc.add(Checklist([_(m) for m in WHAT_MATTERS]))
    return doc


def handout_document(main: Document, handout: HandoutView) -> Document:
    """A printable page: the main content, the questions list, urgent help, references, review dates."""
    items = handout.items
    doc = Document(list(main.blocks))
    q = questions_document(items)
    doc.add(*[Heading(b.text) if isinstance(b, Title) else b for b in q.blocks])
    doc.add(Heading("Urgent help"), Bullets([crisis_line_short(c) for c in handout.crisis]))
    cited = handout.references
    oldest, newest = handout.reviewed
    reviewed = oldest.isoformat() + (f" to {newest.isoformat()}" if newest != oldest else "")
    doc.add(
        Heading("References"),
        Para(
            f"Reviewed {reviewed}. Long web addresses are shortened here; every reference in full: trdguide show NAME.",
            "note",
        ),
        # a compare handout's grid shows no reference ids, so its list needs none; a `show` handout cites by id
        References([reference_line(r, urls=False, ids=handout.ids_in_text) for r in cited]),
    )
    return doc


def crisis_line_short(c: CrisisLine) -> str:
    """One line a region: the crisis line and, where known, the emergency number."""
    emergency = f" In danger now: {c.emergency}." if c.emergency else ""
    stop = "" if c.service.endswith(("?", "!", ".")) else "."  # "1737, Need to talk?" takes no full stop
    return f"{c.region_name}: {c.service}{stop} {c.contact}.{emergency}"


# --- weigh: what matters to you --------------------------------------------------------------------


def _weighed_name(w: Weighed) -> str:
    b = w.brief
    return b.name if _says(b.name, b.short_name) else f"{b.short_name}: {b.name}"


def weighed_label(w: Weighed) -> str:
    """An option as `weigh` names it (its full name, with the short one where the full one does not say it)."""
    return _weighed_name(w)


# a printout gives each conflict's reason while they take at most this many characters (reason plus 40 for the
# option's name and the conflict's words): measured to stay on one A4 or Letter page in Chromium
PRINTOUT_REASONS = 1000


def weigh_document(view: WeighView, printout: bool = False) -> Document:
    """Every option in its group, with its conflicts in words and the short answers the reader chose.

    `printout`: the one-page version for an appointment (names and conflicts, then questions and the SURE
    test); the short answers are left to the screen.
    """
    doc = Document([Title(_(wording.WEIGH_TITLE)), Para(_(wording.WEIGH_FRAMING))])
    conflicts = [c for _, ws in view.groups for w in ws for c in w.conflicts]
    reasons = sum(len(wording.conflict_reason(c.key, c.reason, c.value)) + 40 for c in conflicts) <= PRINTOUT_REASONS
    doc.add(Heading("What you said"), Bullets([wording.avoid_list(view.avoid), wording.matters_list(view.matters)]))
    if not view.avoid:
        doc.add(Para(_(wording.WEIGH_NOTHING_SAID), "note"))
    doc.add(Para(_(wording.WEIGH_ORDER), "note"))
    if printout and not reasons:
        doc.add(Para(_(wording.WEIGH_PRINT_SHORT), "note"))
    for group, options in view.groups:
        doc.add(Heading(wording.weigh_group_heading(group, len(options))))
        if not options:
            doc.add(Para(_(wording.WEIGH_GROUP_EMPTY)))
            continue
        if printout:  # names only where there is no conflict, so that the page stays one page
            if group == "none":
                doc.add(Para("; ".join(w.brief.short_name for w in options) + "."))
                continue
            if not reasons:  # many conflicts: each in a word or two (the reasons are on screen: trdguide weigh)
                short = [wording.conflict_keys(w.brief.short_name, [c.key for c in w.conflicts]) for w in options]
                doc.add(Para("; ".join(short) + "."))
                continue
            lines = []
            for w in options:
                why = " ".join(wording.conflict_line(c.key, c.reason, c.value) for c in w.conflicts)
                lines.append(f"{w.brief.short_name}. {why}")
            doc.add(Bullets(lines))
            continue
        for w in options:
            lines = [wording.conflict_line(c.key, c.reason, c.value) for c in w.conflicts]
            lines += [wording.matter_line(m, " ".join(shown(cell, False))) for m, cell in zip(view.matters, w.matters)]
            if w.not_known:
                things = "; ".join(_(wording.AVOID_WORDS[k][1]) for k in w.not_known)
                lines.append(_(wording.WEIGH_NOT_KNOWN, things=things))
            doc.add(Para(_weighed_name(w)))
            if lines:
                doc.add(Bullets(lines))
    doc.add(Heading("Questions to ask"), Checklist([_(q) for q in wording.WEIGH_QUESTIONS]))
    doc.add(
        Heading(_(wording.SURE_TITLE)),
        Bullets([wording.sure_line(q, a) for q, a in zip(wording.SURE_QUESTIONS, view.sure)], marker=""),
        Para(_(wording.SURE_NOTE), "note"),
    )
    if not printout:
        doc.add(Para(_(wording.WEIGH_HINT), "note"))
    return doc


# --- about --ipdas ---------------------------------------------------------------------------------


def ipdas_document(view: IpdasView) -> Document:
    """The IPDAS criteria in their groups: each with what the guide does and how that was checked."""
    doc = Document([Title(_(wording.IPDAS_TITLE)), Para(_(wording.IPDAS_INTRO))])
    groups: list[tuple[str, list[tuple[str, list[list[str]]]]]] = []
    for letter, title in wording.IPDAS_GROUPS.items():
        rows = []
        for r in view.rows:
            if r.code[0] == letter:
                criterion, does = wording.ipdas_row(r.code, r.facts)
                rows.append((criterion, [[wording.ipdas_how(r.how, r.met)], [does]]))
        if rows:
            groups.append((f"{_(title)} ({len(rows)})", rows))
    doc.add(GroupedTable(["How it was checked", "What the guide does"], groups, "Criterion"))
    doc.add(Heading("Sources"), References(list(wording.IPDAS_SOURCES)))
    return doc
