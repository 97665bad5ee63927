"""View objects: what a query returns and a renderer turns into text. Plain data, no wording.

Every view is a named tuple, with its own docstring: immutable, and about a third of the cost of a
dataclass to define (each command defines them all at start; tests/test_startup.py keeps it so).

Queries (`knowledge.py`) build them from the records; renderers (`render/`) read them. Neither a
renderer nor a view knows the knowledge base, the loader, the cache or the linter.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # annotations only: building views needs neither pydantic nor the record models
    from .models import Change, CrisisLine, FaqEntry, GlossaryTerm, HeadToHead, Intervention, Reference
    from .vocab import Anaesthesia, Category, Place, StatusLabel


class Brief(NamedTuple):
    """An option as a line of a list names it: names, category, status, places and time to effect.

    Queries build it from the checked index (cache.IndexEntry), so listing options needs no full record.
    """

    id: str
    name: str
    short_name: str
    category: Category
    status: StatusLabel
    status_note: str
    where: tuple[Place, ...]
    anaesthesia: Anaesthesia
    time_to_effect: str
    onset: str | None  # the time to effect in a few words, where the record gives them
    last_reviewed: _dt.date


class LeadOutcome(NamedTuple):
    """The lead "Will it work?" result as numbers, so a reader can reuse them without parsing sentences."""

    measure: str
    label: str
    figure: float | None
    range: tuple[float, float] | None
    comparator: str | None
    comparator_kind: str
    comparator_figure: float | None
    difference: int | None  # in whole people out of 100; only where figure and comparator share a study
    population: str
    timeframe: str
    study: str
    refs: list[str]


class Cell(NamedTuple):
    """One option's answer to one question: the short answer (the full detail is worded by the renderer)."""

    item: Intervention
    key: str
    short: str | None  # None where the record has no short answers (the detail is shown instead)
    refs: list[str]
    lead: LeadOutcome | None = None  # "Will it work?" only


class Row(NamedTuple):
    """One question of a comparison grid, with each option's answer."""

    key: str  # one of summaries.SHORT_KEYS; the question's words are in wording.ROW_TEXT
    cells: list[Cell]  # one per option, in the order of the options


class NameNote(NamedTuple):
    """How a typed name was understood, where it was not an exact name of the option."""

    kind: str  # "brand" (a brand name of the option) or "prefix" (a unique beginning of a name)
    typed: str  # what the reader typed (for "prefix"), or the brand name as the record spells it
    item: Intervention


class Comparison(NamedTuple):
    """Options side by side: the grid of short answers, the direct trials, and what surrounds them."""

    options: list[Intervention]
    briefs: list[Brief]  # the same options, as a list line names them
    rows: list[Row]
    head_to_head: list[HeadToHead]
    see_also: list[Brief]
    references: list[Reference]
    reviewed: tuple[_dt.date, _dt.date]
    detail: bool = False
    cited: Sequence[Reference] = ()  # what the grid as shown cites (short answers, trials)
    notes: Sequence[NameNote] = ()  # how names were understood


class ListPage(NamedTuple):
    """A page of `list`: the options shown, how many matched, and which filters were used."""

    items: list[Brief]
    total: int
    start: int = 0
    limit: int = 0  # 0: no limit
    filters_used: Sequence[str] = ()


class QuestionList(NamedTuple):
    """The options someone is considering, for a list of questions to ask their care team."""

    items: list[Intervention]
    notes: list[NameNote]


class ShowView(NamedTuple):
    """Everything about one option, with what the renderers need around it."""

    item: Intervention
    see_also: list[Brief]
    references: list[Reference]  # every reference the record cites, in its own order first
    notes: Sequence[NameNote] = ()
    in_short: Sequence[Row] = ()  # the comparison grid's rows for this one option: its short answers
    # in a language other than English: the record's top-level fields (``outcomes``, ``access``, ...) whose
    # text is still wholly or partly in English, so the renderer marks those parts (docs/i18n.md)
    in_english: frozenset[str] = frozenset()


class FaqView(NamedTuple):
    """Numbered FAQ entries, with the references they cite."""

    entries: list[tuple[int, FaqEntry]]  # (number, entry)
    references: dict[str, Reference]  # the references the entries cite, by id
    listing: bool = False  # the numbered questions only (then `entries` is empty)
    questions: Sequence[tuple[int, str]] = ()  # (number, question), for a listing


class HandoutView(NamedTuple):
    """What a printed page adds after its main part: questions, urgent help, references, review dates."""

    items: list[Intervention]
    references: list[Reference]
    reviewed: tuple[_dt.date, _dt.date]
    crisis: list[CrisisLine]
    ids_in_text: bool = True  # the main part cites references by id ("[berlim-2014-rtms]")
    # in a language other than English: each option's top-level fields still wholly or partly in English (by
    # id; as ShowView.in_english), so the questions to ask can be marked where they are in English
    in_english: Mapping[str, frozenset[str]] | None = None


class ChangeEntry(NamedTuple):
    """One dated change to one option, as `trdguide changes` lists it."""

    option: str  # the option's id
    name: str  # the option's short name
    change: Change


class ChangesView(NamedTuple):
    """The change logs of every option: newest first, and within a date in the guide's order (by id)."""

    entries: list[ChangeEntry]
    since: _dt.date | None
    references: dict[str, Reference]  # the references the entries cite, by id


class SiteView(NamedTuple):
    """The whole knowledge base, as the website shows it."""

    items: list[Intervention]  # sorted by id
    listing: ListPage  # every option, as `list` shows them
    shows: dict[str, ShowView]
    head_to_head: list[HeadToHead]
    faq: FaqView
    glossary: list[GlossaryTerm]
    crisis: list[CrisisLine]
    crisis_numbers: list[tuple[str, list[str]]]
    about: AboutInfo
    reviewed: tuple[_dt.date, _dt.date]
    changes: ChangesView
    names: dict[str, object] | None = None  # KnowledgeBase.name_table(): how names resolve, for the script
    weighed: list[Weighed] | None = None  # weighing.weigh_table(): every option against every avoid key
    search: dict[str, object] | None = None  # KnowledgeBase.search_export(): the search index, for the script


class AboutInfo(NamedTuple):
    """What `about` reports: the version, the knowledge bases in use, their size and review dates."""

    version: str
    sources: list[str]
    interventions: int
    references: int
    oldest_review: _dt.date
    newest_review: _dt.date
    bundled: Sequence[bool] = ()  # for each source: is it the bundled knowledge base?
    replaced: Sequence[tuple[str, str, str]] = ()  # records of a user's folder that replace bundled ones
    translation: TranslationInfo | None = None  # in a language other than English: how its text was made


class TranslationInfo(NamedTuple):
    """How the knowledge base's text in one language was made and checked (the overlays' provenance)."""

    language: str  # "es"
    methods: Sequence[str]  # each distinct `method` of the overlay files, in plain words
    clinician_review: Sequence[str]  # each distinct `clinician_review` other than "none"; empty: none at all
    latest: _dt.date | None  # the newest `translated` date
    translated: int  # fields of the release scope that are translated and current
    in_scope: int  # fields of the release scope


class Conflict(NamedTuple):
    """One thing a reader would rather avoid that an option involves, and where its record says so."""

    key: str  # an avoid key (weighing.AVOID_KEYS)
    reason: str | None  # the record's own words; None where the renderer words a coded value
    field: str  # the field of the record that states it ("setting.anaesthesia", "setting.daily_life")
    value: str = ""  # the coded value behind a reason worded by the renderer ("general", "surgical")


class Weighed(NamedTuple):
    """One option set beside what a reader said: its conflicts, and the short answers they asked for."""

    brief: Brief
    conflicts: list[Conflict]
    not_known: list[str]  # avoid keys the record does not answer either way
    matters: list[Cell]  # the rows the reader said matter most, in the order they chose them


class WeighView(NamedTuple):
    """`trdguide weigh`: every option, in groups by how many of the reader's avoid items it involves.

    There is no score and no order of merit: within a group, options keep the guide's usual order.
    """

    avoid: list[str]
    matters: list[str]  # matter keys (weighing.MATTER_ROWS), as chosen
    groups: list[tuple[str, list[Weighed]]]  # ("none" | "one" | "more", options); empty groups are kept
    sure: Sequence[bool | None] = (None, None, None, None)  # the four SURE answers, where given


class IpdasRow(NamedTuple):
    """One IPDAS criterion: what the guide does and how that was checked (the words are in wording.py)."""

    code: str  # "Q1" (qualifying), "C1" (certification), "B9" (quality), "D1" (2006 checklist)
    how: str  # "program" (computed now from the knowledge base), "built-in" (the program's own text or
    # commands), "people" (needs people), "not-applicable"
    met: bool | None  # for "program": whether the knowledge base meets it; None otherwise
    facts: dict[str, object]  # the figures the sentence names ({"options": 31, "missing": "..."})


class IpdasView(NamedTuple):
    """`trdguide about --ipdas`: the IPDAS criteria, each with what the guide does and how it was checked."""

    rows: list[IpdasRow]
    sources: list[str]  # where the knowledge base was loaded from


class CrisisHelp(NamedTuple):
    """What `crisis --region X` shows. Where X names a covered region: its lines (and the lines for everywhere).
    Where it does not: the lines for everywhere, what was asked, the covered regions, and any close spellings.
    """

    lines: list[CrisisLine]
    asked: str | None = None  # what the reader typed, where it names no covered region
    regions: Sequence[tuple[str, str]] = ()  # the covered regions: (code, name), in the data's order
    suggestions: Sequence[str] = ()  # codes of covered regions spelled close to what was typed, best first


class SearchHit(NamedTuple):
    """One thing a search found (search.py's document), with the sentences of it to quote."""

    kind: str  # "faq" (target: its number), "section" (target: the option's id) or "glossary" (the term)
    target: str
    title: str  # the FAQ question, the option's short name, or the term
    section: str  # for "section": a key of search.SECTIONS (its heading is in wording.SECTION_LABELS)
    pieces: list[str]  # the sentences that hold the query's words (for "faq": the whole answer)
    score: float


class SearchView(NamedTuple):
    """What `search WORDS` and `faq WORDS` found, best first, and how the words were understood."""

    query: str
    hits: list[SearchHit]
    faq_first: bool  # `faq WORDS`: FAQ answers first, then parts of options, then glossary terms
    corrections: Sequence[tuple[str, str]] = ()  # (word typed, the knowledge base's word it was read as)
    choice: Sequence[Brief] = ()  # the words name a group of options (or begin several names): choose one
    named: Brief | None = None  # the words are the name of one option (or a brand name of it)
    suggestions: Sequence[str] = ()  # where nothing matched: close words of the knowledge base
    urgent: bool = False  # the words speak of danger ("suicidal"): where to get help comes first
