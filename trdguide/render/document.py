"""A neutral document model shared by the terminal, text and Markdown renderers.

Each command's result is turned into a short list of blocks (headings, paragraphs, bullet lists,
tables). Each output format then lays the same blocks out in its own way, so every format carries the
same content. The framing (disclaimer and crisis pointer) is added here, once per document.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .. import wording
from ..folding import fold
from ..i18n import N_, _, date_text, ngettext
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
    from ..models import Change, CrisisLine, GlossaryTerm, HeadToHead, Intervention, Outcome, Reference, Regulatory
    from ..views import TranslationInfo


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
            Para(_(pointer), "warn"),
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


# where an option is given, as `show` lists it ("clinic, hospital")
PLACE_WORDS = {
    "home": N_("home"),
    "clinic": N_("clinic"),
    "hospital": N_("hospital"),
    "specialist-centre": N_("specialist centre"),
    "research-study": N_("research study"),
    "community": N_("community"),
    "online": N_("online"),
}

# how strong the evidence is, as the first words of `show`'s "How strong is the evidence?"
CERTAINTY_WORDS = {
    "high": N_("High"),
    "moderate": N_("Moderate"),
    "low": N_("Low"),
    "very-low": N_("Very low"),
}


def where_text(item: Intervention) -> str:
    return ", ".join(_(PLACE_WORDS.get(p.value, p.value.replace("-", " "))) for p in item.setting.where)


def or_list(items: Sequence[str]) -> str:
    """Alternatives joined as the language joins them: "a or b or c"."""
    out = items[0] if items else ""
    for item in items[1:]:
        # Translators: two alternatives ("--status or --where"); applied again for a third
        out = _("{first} or {second}", first=out, second=item)
    return out


# --- list ------------------------------------------------------------------------------------------


def places_short(item: Brief, room: int = 16) -> str:
    """Where an option is given, in as many place words as fit in `room` characters (at least one)."""
    out = _(PLACE_SHORT[item.where[0]])
    for p in item.where[1:]:
        word = _(PLACE_SHORT[p])
        if len(out) + 2 + len(word) > room:
            break
        out += ", " + word
    return out


def list_document(page: ListPage) -> Document:
    """One line per option, grouped by category (in the knowledge base's order), by name within a group."""
    doc = Document([])
    items = page.items
    if not items:
        if page.total:
            doc.add(
                Para(
                    ngettext(
                        "There is {n} matching option; this page is past the end. Try --page 1.",
                        "There are {n} matching options; this page is past the end. Try --page 1.",
                        page.total,
                    )
                )
            )
        elif page.filters_used:
            used = or_list([f"--{f}" for f in page.filters_used])
            # Translators: {filters} are command-line options as typed ("--status or --where"); keep them as they are
            doc.add(Para(_("No options match these filters. Try removing or loosening {filters}.", filters=used)))
        else:
            doc.add(Para(_("No options match these filters. Try removing a filter.")))
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
    # Translators: the column headings of `list` (one line per option); keep them short
    columns = [_("Status"), _("Where"), _("Time to effect")]
    doc.add(GroupedTable(columns, groups, _("Options ({total})", total=page.total)))
    if len(items) < page.total:
        last = page.start + len(items)
        doc.add(
            Para(
                # Translators: keep the options --page, --search and --category as they are
                _(
                    "Showing {first} to {last} of {total}. "
                    "Use --page to see more, or narrow the list with --search or --category.",
                    first=page.start + 1,
                    last=last,
                    total=page.total,
                ),
                "note",
            )
        )
    # Translators: keep the commands as they are; NAME (a placeholder the reader replaces) may be translated
    doc.add(Para(_("Details: trdguide show NAME. Side by side: trdguide compare NAME NAME."), "note", hint=True))
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
        if c is not None and c.per_100 is not None:
            # Translators: a picture's caption. {who}: the option; {label}: what was measured; {figure} and
            # {comparator_figure}: "about 29 in 100"; {comparator}: what it was compared with ("sham rTMS")
            caption = _(
                "{who}. {label}: {figure}, against {comparator_figure} with {comparator}. "
                "When: {when}. Study: {study}.",
                who=who,
                label=label,
                figure=about(o.per_100),
                comparator_figure=about(c.per_100),
                comparator=c.label,
                when=o.timeframe,
                study=o.study,
            )
        else:
            caption = _(
                "{who}. {label}: {figure}. When: {when}. Study: {study}.",
                who=who,
                label=label,
                figure=about(o.per_100),
                when=o.timeframe,
                study=o.study,
            )
        return Picture(caption, panels)
    return Picture(describe_outcome(o), panels)


def show_document(
    view: ShowView, pictures: bool = True, handout: bool = False, all_changes: bool = False
) -> Document:
    """Everything about one option. For a handout, questions and references come later, once.

    Under the review date: the latest change (`all_changes`: every change, as the website's page has).
    In another language, a part whose text is still in English (`view.in_english`) says so under its heading."""
    item = view.item

    def english(*fields: str) -> list[Block]:
        return in_english_marker(view, *fields)

    doc = Document([])
    doc.add(Title(full_name(item)))
    status = _(STATUS_WORDS[item.status.label])
    # Translators: {status} is the option's status in words ("off-label (not approved for depression)"); {note}
    # the record's own sentences about it
    doc.add(Para(_("Status: {status}. {note}", status=status, note=item.status.note), "warn"))
    short = in_short_blocks(view)
    doc.add(*short[:1], *(english("short") if short else []), *short[1:])
    doc.add(Para(item.summary))
    doc.add(*english("name", "short_name", "status", "summary"))
    s = item.setting
    doc.add(Heading(_("How it is thought to work"), "mechanism"), *english("mechanism"), Para(item.mechanism.text))
    doc.add(
        Heading(_("What it is like"), "like"),
        *english("setting"),
        Bullets(
            [
                _("Where: {places}", places=where_text(item)),
                _("Given by: {who}", who=s.given_by),
                _("Anaesthesia: {anaesthesia}", anaesthesia=_(ANAESTHESIA_WORDS[s.anaesthesia])),
                _("How often and for how long: {schedule}", schedule=s.schedule),
                _("How soon it might help: {time}", time=s.time_to_effect),
                _("Daily life: {daily_life}", daily_life=s.daily_life),
            ]
        ),
    )
    doc.add(Heading(_("Will it work? What studies found"), "work"), *english("outcomes"))
    if item.outcomes:
        for o in item.outcomes:
            doc.add(Bullets([describe_outcome(o) + f" [{', '.join(o.refs)}]"]))
            pic = picture_for(o, item.short_name) if pictures else None
            if pic is not None:
                doc.add(pic._replace(repeats=pic.caption == describe_outcome(o)))
    else:
        doc.add(Para(_("There are no trial figures for this option in the knowledge base.")))
    doc.add(
        Heading(_("Common side effects"), "common"),
        *english("side_effects"),
        Bullets([_cited(x.text, x.refs) for x in item.side_effects.common]),
    )
    doc.add(
        Heading(_("Serious risks"), "serious"),
        *english("side_effects"),
        Bullets([_cited(x.text, x.refs) for x in item.side_effects.serious]),
    )
    doc.add(
        Heading(_("Who may not be suitable"), "unsuitable"),
        *english("not_suitable_for"),
        Bullets([_cited(x.text, x.refs) for x in item.not_suitable_for]),
    )
    doc.add(
        Heading(_("How long the benefit lasts"), "lasting"),
        *english("durability"),
        Bullets([_cited(x.text, x.refs) for x in item.durability]),
    )
    if item.misconceptions:
        doc.add(
            Heading(_("Common misunderstandings"), "misconceptions"),
            *english("misconceptions"),
            Bullets([_cited(x.text, x.refs) for x in item.misconceptions]),
        )
    doc.add(Heading(_("Approval (what regulators decided)"), "status"))
    if item.regulatory:
        doc.add(*english("regulatory"), Bullets([_cited(_regulatory_line(r), r.refs) for r in item.regulatory]))
    else:
        doc.add(Para(_("Not a product that regulators approve (for example a therapy or self-care).")))
    if item.guidelines:
        doc.add(
            Heading(_("Guidelines (what expert bodies recommend)"), "guidelines"),
            *english("guidelines"),
            Bullets(
                [
                    # Translators: {body}: an expert body ("NICE"); {position}: what it recommends, in its words
                    _cited(_("{body}, {year}: {position}", body=g.body, year=g.year, position=g.position), g.refs)
                    for g in item.guidelines
                ]
            ),
        )
    ev = item.evidence
    certainty = _(CERTAINTY_WORDS.get(ev.certainty.value, ev.certainty.value.replace("-", " ").capitalize()))
    doc.add(
        Heading(_("How strong is the evidence?"), "evidence"),
        *english("evidence"),
        # Translators: {certainty}: "High", "Moderate", "Low" or "Very low"; {why}: the record's reasons
        Para(_cited(_("{certainty}. {why}", certainty=certainty, why=ev.why), ev.refs)),
    )
    doc.add(
        Heading(_("Cost and access"), "cost"),
        *english("access"),
        Bullets([_cited(x.text, x.refs) for x in item.access]),
    )
    if not handout:
        doc.add(
            Heading(_("Questions to ask your clinician"), "questions"),
            *english("questions_to_ask"),
            Bullets(list(item.questions_to_ask)),
        )
    related = view.see_also
    if related:
        see = ", ".join(f"{r.short_name} (trdguide show {r.id})" for r in related)
        # Translators: {options} is a list of options with the command that shows each; keep it at the end
        lead = _("See also: {options}", options="")
        doc.add(Para(_("See also: {options}", options=see), "note", lead=lead, links=tuple(r.id for r in related)))
    if not handout:
        refs = view.references
        doc.add(
            Heading(_("References"), "references"),
            References([reference_line(r) for r in refs], tuple(r.id for r in refs)),
        )
        reviewed = _("Last reviewed: {date}.", date=date_text(item.last_reviewed))
        if item.changes and not all_changes:
            c = item.changes[0]
            reviewed += " " + wording.latest_change(c.date, c.what, len(item.changes))
        doc.add(Para(reviewed, "note"))
        if item.changes and not all_changes:
            doc.add(*english("changes"))
        if item.changes and all_changes:
            doc.add(
                Heading(_(wording.CHANGES_HEADING), "changes"),
                *english("changes"),
                Bullets([_change(c) for c in item.changes]),
            )
    return doc


IN_ENGLISH = N_("This part is still in English.")


def in_english_marker(view: ShowView, *fields: str) -> list[Block]:
    """The short note under a part of `show` whose text is not yet in the reader's language (nothing in English,
    where `view.in_english` is always empty): one paragraph when any of `fields` is still in English."""
    if not view.in_english.intersection(fields):
        return []
    # Translators: under a section of an option's page whose text has not been translated yet
    return [Para(_(IN_ENGLISH), "note")]


def _regulatory_line(r: Regulatory) -> str:
    """One regulator's decision: where, who, when, what it decided and for what."""
    if r.year:
        # Translators: {region}: a region code ("US"); {body}: the regulator ("FDA"); {status} and {indication}
        # are the record's own words
        return _(
            "{region}, {body}, {year}: {status}. {indication}",
            region=r.region.value,
            body=r.body,
            year=r.year,
            status=r.status,
            indication=r.indication,
        )
    return _(
        "{region}, {body}: {status}. {indication}",
        region=r.region.value,
        body=r.body,
        status=r.status,
        indication=r.indication,
    )


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
        days.setdefault(date_text(e.change.date), []).append(line)
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
    # Translators: the title of `compare`; {options} are the options' names, separated by " · "
    doc.add(Title(_("Comparing: {options}", options=" · ".join(_named(o) for o in c.options))))
    rows = [(_(ROW_TEXT[r.key].label), [shown(cell, c.detail) for cell in r.cells]) for r in c.rows]
    # each column is headed by the option and its status in words
    # Translators: a column heading of the grid: the option's short name and its status in a few words
    columns = [_("{option} ({status})", option=o.short_name, status=_(STATUS_SHORT[o.status.label])) for o in c.options]
    doc.add(Table(columns, rows, "", kind="grid"))
    if c.head_to_head:
        if c.detail:
            for h in c.head_to_head:
                doc.add(*head_to_head_blocks(h))
        else:
            heading = _("Compared directly in a trial")
            doc.add(Heading(heading), Bullets([head_to_head_line(h) for h in c.head_to_head]))
    if pictures:
        doc.add(Para(_(wording.COMPARISON_CAVEAT), "note"), *compare_pictures(c))
        more = []
    else:
        more = [_(wording.COMPARISON_CAVEAT)]
    # Translators: keep the option --detail as it is
    more += [] if c.detail else [_("Full text: add --detail.")]
    # Translators: {commands} are commands ("trdguide show tms, trdguide show ketamine"); keep them as they are
    more.append(_("In full: {commands}.", commands=", ".join(f"trdguide show {o.id}" for o in c.options)))
    if c.detail and c.see_also:
        see = ", ".join(f"{s.short_name} ({s.id})" for s in c.see_also)
        more.append(_("See also: {options}.", options=see))
    more.append(reviewed_sentence(*c.reviewed))
    doc.add(Para(" ".join(more), "note"))
    return doc


def reviewed_sentence(oldest: _dt.date, newest: _dt.date) -> str:
    """When the options shown were last reviewed: one date, or the oldest and newest."""
    if oldest == newest:
        return _("Reviewed {date}.", date=date_text(newest))
    return _("Reviewed {oldest} to {newest}.", oldest=date_text(oldest), newest=date_text(newest))


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
    if any(p for _o, p in pics):
        out.append(Heading(_("Will it work? Each option's first result, drawn as 100 people")))
        out.append(Para(_(PICTURE_LEGEND), "note"))
    for opt, pic in pics:
        if pic is None:
            out.append(Para(_("{option}: no figure out of 100 to draw.", option=opt.short_name), "note"))
        else:
            out.append(pic._replace(legend=False))
    return out


def head_to_head_line(h: HeadToHead) -> str:
    """One or two lines: who, what, the direction and size of the result."""
    if h.short is not None:
        return h.short.text
    o = h.outcomes[0]
    # Translators: {trial}: which options a trial compared; {result}: what it found, in a sentence
    return _cited(_("{trial}. {result}", trial=h.title, result=describe_outcome(o, threshold=False)), o.refs)


def head_to_head_blocks(h: HeadToHead) -> list[Block]:
    items: list[str] = [describe_outcome(o) + f" [{', '.join(o.refs)}]" for o in h.outcomes]
    # Translators: a limitation of a trial that compared two options directly; {text} is the record's sentence
    items += [_cited(_("Caution: {text}", text=c.text), c.refs) for c in h.caveats]
    return [Heading(_("Compared directly: {trial}", trial=h.title)), Para(h.summary), Bullets(items)]


# --- faq, glossary, crisis, about ------------------------------------------------------------------


def faq_index_document(questions: Sequence[tuple[int, str]]) -> Document:
    """The numbered questions only, and how to open one."""
    doc = Document([Title(_("Frequently asked questions"))])
    doc.add(Bullets([f"{n}. {q}" for n, q in questions], marker=""))
    doc.add(
        Para(
            # Translators: keep the commands as they are; NUMBER and WORDS (placeholders the reader replaces)
            # may be translated
            _(
                "To read an answer: trdguide faq NUMBER (for example trdguide faq 1), or trdguide faq WORDS. "
                "Every answer: trdguide faq --all."
            ),
            "note",
            hint=True,
        )
    )
    return doc


def faq_document(view: FaqView) -> Document:
    if view.listing:
        return faq_index_document(view.questions)
    entries = view.entries
    doc = Document([Title(_("Frequently asked questions"))])
    for n, f in entries:
        doc.add(Heading(f"{n}. {f.question}", f.id), Para(f.answer))
        if f.refs:
            doc.add(Bullets([reference_line(view.references[r]) for r in f.refs if r in view.references]))
        if f.related:
            see = ", ".join(f"trdguide show {r}" for r in f.related)
            # Translators: {commands} are commands that show an option ("trdguide show ect"); keep it at the end
            lead = _("See: {commands}", commands="")
            doc.add(Para(_("See: {commands}", commands=see), "note", lead=lead, links=tuple(f.related)))
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
    section = _(wording.SECTION_LABELS.get(hit.section, hit.section))
    return wording.search_option_line(hit.title, section, text, command)


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
    doc = Document([Title(_("Glossary"))])
    for g in terms:
        # Translators: a glossary term and the other words for it ("remission (also: full recovery)")
        head = _("{term} (also: {aliases})", term=g.term, aliases=", ".join(g.aliases)) if g.aliases else g.term
        text = g.definition + (f" [{', '.join(g.refs)}]" if g.refs else "")
        doc.add(Heading(head), Para(text))
    return doc


def crisis_document(lines: Sequence[CrisisLine]) -> Document:
    doc = Document([Title(_("Urgent help"))])
    doc.add(
        Para(
            _(
                "If you might act on thoughts of suicide, or you are in danger now, contact "
                "emergency services or a crisis line straight away. You deserve support, and "
                "talking to someone can help."
            ),
            "warn",
        )
    )
    for c in lines:
        doc.add(
            # Translators: a crisis line's heading: the region ("United States") and the service ("988 Lifeline")
            Heading(_("{region}: {service}", region=c.region_name, service=c.service), c.region.lower()),
            Bullets(
                [
                    *([_("Emergency (danger now): call {number}", number=c.emergency)] if c.emergency else []),
                    c.contact,
                    *([c.text_service] if c.text_service else []),
                    _("Hours: {hours}", hours=c.hours),
                    c.url,
                    # Translators: when the guide last checked a crisis line's details against its own website
                    _("Checked {date}", date=date_text(c.checked)),
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
    doc = Document(
        [
            Title(f"trdguide {info.version}"),
            Heading(_("What it is")),
            Para(_(ABOUT_WHAT)),
            Heading(_("What it is not")),
            Para(_(ABOUT_NOT)),
            Heading(_("Who it covers")),
            Para(_(ABOUT_SCOPE)),
            Heading(_("How evidence was chosen")),
            Para(_(ABOUT_EVIDENCE)),
            Heading(_("Updates")),
            Para(_(ABOUT_UPDATES)),
            Heading(_("Checking the content")),
            Para(_(ABOUT_AUDIT)),
            Heading(_("Who wrote it and funding")),
            Para(_(ABOUT_AUTHORS)),
            Heading(_("Licence")),
            Para(_(ABOUT_LICENCE)),
            Heading(_("This knowledge base")),
            Bullets(
                [
                    # Translators: {sources}: where the knowledge base was read from (folders, or "the bundled one")
                    _("Loaded from: {sources}", sources=", ".join(source_names(info))),
                    _knowledge_base_size(info.interventions, info.references),
                    _(
                        "Oldest review: {oldest}; newest review: {newest}",
                        oldest=date_text(info.oldest_review),
                        newest=date_text(info.newest_review),
                    ),
                    *(wording.replaced_record(kind, key, file) for kind, key, file in info.replaced),
                ]
            ),
        ]
    )
    if info.translation is not None:
        doc.add(*translation_blocks(info.translation))
    return doc


def _knowledge_base_size(options: int, references: int) -> str:
    # Translators: how much the knowledge base holds; {references} is a number (the sentence counts options)
    return ngettext(
        "{n} option, {references} references", "{n} options, {references} references", options, references=references
    )


def translation_blocks(t: TranslationInfo) -> list[Block]:
    """`about` in a language other than English: how the knowledge base's text in it was made, when, how much of
    it is translated, and whether a clinician who speaks the language reviewed it (saying so plainly if not)."""
    lines = [_("How it was made: {method}", method=m) for m in t.methods]
    if t.latest is not None:
        lines.append(_("Written or last brought up to date: {date}.", date=date_text(t.latest)))
    if t.in_scope:
        lines.append(
            # Translators: {translated} of {n} parts of the core text (short answers, names, summaries, questions,
            # the FAQ, the glossary, crisis lines) are translated and match the current English
            ngettext(
                "{translated} of {n} part of the core text is translated and up to date ({percent}%).",
                "{translated} of {n} parts of the core text are translated and up to date ({percent}%).",
                t.in_scope,
                translated=t.translated,
                percent=t.translated * 100 // t.in_scope,
            )
        )
    if t.clinician_review:
        lines += [
            _("Reviewed by a clinician who speaks this language: {review}.", review=r) for r in t.clinician_review
        ]
    else:
        lines.append(_("No clinician who speaks this language has reviewed this translation yet."))
    lines.append(_("Where a part is still in English, the guide says so under its heading."))
    return [Heading(_("About this translation")), Bullets(lines)]


# --- questions and handouts ------------------------------------------------------------------------


def questions_document(items: Sequence[Intervention] | QuestionList) -> Document:
    items = items.items if isinstance(items, QuestionList) else items
    doc = Document([Title(_("Questions to bring to your appointment"))])
    doc.add(Para(_("Tick the questions you want to ask, and add your own. Bring this page with you."), "note"))
    for item in items:
        # Translators: heading of the questions about one option; {option} is its full name
        doc.add(Heading(_("About {option}", option=full_name(item))), Checklist(list(item.questions_to_ask)))
    doc.add(Heading(_("Questions about any option")), Checklist([_(q) for q in GENERAL_QUESTIONS]))
    doc.add(Heading(_("What matters most to me")))
    doc.add(Para(_("Tick what matters most to you, so you and your clinician can weigh the options together.")))
    doc.add(Checklist([_(m) for m in WHAT_MATTERS]))
    return doc


def handout_document(main: Document, handout: HandoutView) -> Document:
    """A printable page: the main content, the questions list, urgent help, references, review dates."""
    items = handout.items
    doc = Document(list(main.blocks))
    q = questions_document(items)
    doc.add(*[Heading(b.text) if isinstance(b, Title) else b for b in q.blocks])
    doc.add(Heading(_("Urgent help")), Bullets([crisis_line_short(c) for c in handout.crisis]))
    cited = handout.references
    # Translators: keep the command as it is; NAME (a placeholder the reader replaces) may be translated
    where = _("Long web addresses are shortened here; every reference in full: trdguide show NAME.")
    doc.add(
        Heading(_("References")),
        Para(f"{reviewed_sentence(*handout.reviewed)} {where}", "note"),
        # a compare handout's grid shows no reference ids, so its list needs none; a `show` handout cites by id
        References([reference_line(r, urls=False, ids=handout.ids_in_text) for r in cited]),
    )
    return doc


def crisis_line_short(c: CrisisLine) -> str:
    """One line a region: the crisis line and, where known, the emergency number."""
    stop = "" if c.service.endswith(("?", "!", ".")) else "."  # "1737, Need to talk?" takes no full stop
    # Translators: one region's crisis line on a handout: "{region}: {service}. {contact}." ({stop} is the full
    # stop after the service's name, empty where the name ends in ? or !); {emergency} is the emergency number
    if c.emergency:
        return _(
            "{region}: {service}{stop} {contact}. In danger now: {emergency}.",
            region=c.region_name,
            service=c.service,
            stop=stop,
            contact=c.contact,
            emergency=c.emergency,
        )
    return _(
        "{region}: {service}{stop} {contact}.", region=c.region_name, service=c.service, stop=stop, contact=c.contact
    )


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
    conflicts = [c for _group, ws in view.groups for w in ws for c in w.conflicts]
    reasons = sum(len(wording.conflict_reason(c.key, c.reason, c.value)) + 40 for c in conflicts) <= PRINTOUT_REASONS
    said = [wording.avoid_list(view.avoid), wording.matters_list(view.matters)]
    doc.add(Heading(_("What you said")), Bullets(said))
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
    doc.add(Heading(_("Questions to ask")), Checklist([_(q) for q in wording.WEIGH_QUESTIONS]))
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
            # Translators: a group of IPDAS criteria and how many of them there are ("Content (6)")
            groups.append((_("{group} ({count})", group=_(title), count=len(rows)), rows))
    columns = [_("How it was checked"), _("What the guide does")]
    doc.add(GroupedTable(columns, groups, _("Criterion")))
    doc.add(Heading(_("Sources")), References(list(wording.IPDAS_SOURCES)))
    return doc
