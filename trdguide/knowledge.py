"""Queries over a loaded knowledge base: resolve names, filter, search, and build comparison rows.

Everything here returns plain data (models, strings, small dataclasses). Nothing here knows about
terminals, colours or the command line.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Store, norm_name, open_store
from .models import (
    CrisisLine,
    FaqEntry,
    Figure,
    GlossaryTerm,
    HeadToHead,
    Intervention,
    Outcome,
    Reference,
)
from .regions import fold_words, parse_region
from .summaries import comparator_kind, difference, lead_outcome
from .vocab import Anaesthesia, Category, ComparatorKind, Place, StatusLabel

if TYPE_CHECKING:
    from .loader import Bundle


class LookupError_(Exception):
    """Base for user-facing lookup problems (exit code 1)."""


class NotFound(LookupError_):
    def __init__(self, name: str, suggestions: list[str], what: str = "intervention"):
        self.name = name
        self.suggestions = suggestions
        msg = f"No {what} called {name!r}."
        if suggestions:
            msg += " Did you mean: " + ", ".join(suggestions) + "?"
        super().__init__(msg)


class Ambiguous(LookupError_):
    def __init__(self, name: str, candidates: list[Intervention]):
        self.name = name
        self.candidates = candidates
        names = ", ".join(f"{c.id} ({c.short_name})" for c in candidates)
        super().__init__(f"{name!r} could mean more than one option: {names}. Please use one of these names.")


class Family(LookupError_):
    """A word that names a group of options (a drug class, a kind of stimulation): the reader chooses."""

    def __init__(self, name: str, members: list[Intervention]):
        self.name = name
        self.members = members
        names = ", ".join(f"{m.short_name} ({m.id})" for m in members)
        super().__init__(f"{name!r} names a group of options: {names}. Please choose one or more of these names.")


class BadRequest(LookupError_):
    """A request that is well-formed for the parser but makes no sense (e.g. the same name twice)."""


# --- how names are compared -----------------------------------------------------------------------


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(text: str) -> str:
    """A name or search word as compared: case, accents, punctuation, hyphens and plurals do not matter."""
    return " ".join(_singular(w) for w in fold_words(text).split())


def compact(text: str) -> str:
    """A name as letters and digits only ("R.T.M.S" and "rTMS" are both "rtms")."""
    return fold_words(text).replace(" ", "")


CATEGORY_NAMES = {
    Category.current_care: "usual care",
    Category.medication: "medicines",
    Category.rapid_acting: "rapid-acting medicines",
    Category.neuromodulation: "brain stimulation",
    Category.psychotherapy: "talking therapies",
    Category.psychedelic: "psychedelics",
    Category.self_care: "self-care and support",
}


# --- how figures are said in words -----------------------------------------------------------------


def per100(v: float) -> int:
    """A figure rounded to whole people, halves up (4.5 -> 5), as people expect."""
    return int(v + 0.5)


SMALL = 5  # below this (out of 100), figures are given out of 1,000 so that small differences stay visible


def about(fig: Figure, per: int = 100) -> str:
    """'about 29 in 100'; '0 in 100' and 'fewer than 1 in 100' where that is what the figure says.

    With `per=1000`: 'about 11 in 1,000' (for small figures, e.g. 1.1 in 100).
    """
    v = fig.value
    if per == 1000:
        return "0 in 1,000" if v == 0 else f"about {per100(v * 10)} in 1,000"
    if v == 0:
        return "0 in 100"
    return "fewer than 1 in 100" if v < 1 else f"about {per100(v)} in 100"


def scale_for(*figs: Figure | None) -> int:
    """100, or 1000 where every figure in one sentence is small (so 1.1 and 1.6 do not read as 1 and 2)."""
    values = [f.value for f in figs if f is not None]
    return 1000 if values and max(values) < SMALL and any(v > 0 for v in values) else 100


KIND_WORDS = {
    ComparatorKind.sham: "against a sham (fake) treatment",
    ComparatorKind.placebo: "against a placebo (dummy treatment)",
    ComparatorKind.active: "against another real treatment",
    ComparatorKind.usual_care: "against usual care or a control group without the treatment",
    ComparatorKind.other_population: "not a controlled comparison: the same treatment in a different group of people",
    ComparatorKind.none: "no comparison group",
}


def icon_count(fig: Figure) -> int:
    """How many of 100 icons to fill for a figure (rounded, always out of 100)."""
    return max(0, min(100, per100(fig.value)))


def likely_range(fig: Figure) -> str:
    if fig.low is not None and fig.high is not None:
        return f" (likely range {per100(fig.low)} to {per100(fig.high)})"
    return ""


def describe_outcome(o: Outcome, threshold: bool = True) -> str:
    """One outcome as a sentence: figure, comparator, population, time frame, study (and threshold)."""
    label = o.label[0].upper() + o.label[1:]
    parts: list[str] = []
    if o.per_100 is not None:
        per = scale_for(o.per_100, o.comparator.per_100 if o.comparator else None)
        head = f"{label}: {about(o.per_100, per)} people{likely_range(o.per_100) if per == 100 else ''}"
        if o.comparator is not None:
            if o.comparator.per_100 is not None:
                head += f", compared with {about(o.comparator.per_100, per)} with {o.comparator.label}"
            else:
                head += f", compared with {o.comparator.label}"
        parts.append(head)
        if o.result:
            parts.append(o.result)
    else:
        parts.append(f"{label}: {o.result}")
        if o.comparator is not None:
            parts.append(f"Compared with: {o.comparator.label}")
    parts.append(f"Comparison: {KIND_WORDS[comparator_kind(o)]}")
    parts += [f"Who: {o.population}", f"When: {o.timeframe}"]
    if threshold and o.threshold:
        parts.append(f"Measured as: {o.threshold}")
    parts.append(f"Study: {o.study}")
    if o.note:
        parts.append(o.note)
    return " ".join(_sentence(p) for p in parts)


def _sentence(text: str) -> str:
    """The text ending in exactly one full stop (or its own ! or ?)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


PLACE_SHORT = {
    Place.home: "home",
    Place.clinic: "clinic",
    Place.hospital: "hospital",
    Place.specialist_centre: "specialist",
    Place.research_study: "research",
    Place.community: "community",
    Place.online: "online",
}

ANAESTHESIA_WORDS = {
    Anaesthesia.none: "no anaesthesia",
    Anaesthesia.general: "general anaesthesia",
    Anaesthesia.surgical: "an operation to implant a device",
}

STATUS_WORDS = {
    StatusLabel.approved: "approved or cleared for a depression use",
    StatusLabel.off_label: "off-label (not approved for depression)",
    StatusLabel.investigational: "investigational (research only)",
    StatusLabel.not_approved: "not approved",
    StatusLabel.approved_other_use: "approved, but not for treatment-resistant depression",
    StatusLabel.no_approval_needed: "no approval needed (not a regulated product)",
    StatusLabel.approved_medicines_combined: "each medicine is approved; taking them together is a prescribing choice",
}
# The same, in a few words, for one-line lists
STATUS_SHORT = {
    StatusLabel.approved: "approved/cleared",
    StatusLabel.off_label: "off-label",
    StatusLabel.investigational: "research only",
    StatusLabel.not_approved: "not approved",
    StatusLabel.approved_other_use: "approved, not TRD",
    StatusLabel.no_approval_needed: "no approval needed",
    StatusLabel.approved_medicines_combined: "each drug approved",
}


# --- comparison ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowSpec:
    key: str
    question: str  # the question in full
    label: str  # the same, short enough for the side of a grid


ROWS: tuple[RowSpec, ...] = (
    RowSpec("work", "Will it work?", "Will it work?"),
    RowSpec("soon", "How soon might it help?", "How soon?"),
    RowSpec("like", "What is it like?", "What is it like?"),
    RowSpec("common", "Common side effects", "Common side effects"),
    RowSpec("serious", "Serious risks", "Serious risks"),
    RowSpec("unsuitable", "Who may not be suitable?", "Who may not be suitable?"),
    RowSpec("lasting", "How long does the benefit last?", "How long does it last?"),
    RowSpec("status", "Approval and guideline status", "Approval and guidelines"),
    RowSpec("evidence", "How strong is the evidence?", "Strength of evidence"),
    RowSpec("cost", "Cost and access", "Cost and access"),
)
ROW_KEYS = tuple(r.key for r in ROWS)


@dataclass(frozen=True)
class LeadOutcome:
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


@dataclass
class Cell:
    """One option's answer to one question: the short answer first, the full detail one flag away."""

    short: str | None  # None where the record has no short answers (the detail is shown instead)
    detail: list[str]  # short paragraphs
    refs: list[str]
    lead: LeadOutcome | None = None  # "Will it work?" only

    def shown(self, detail: bool) -> list[str]:
        return self.detail if detail or self.short is None else [self.short]


@dataclass
class Row:
    key: str
    question: str
    label: str
    cells: list[Cell]  # one per option, in the order of the options


@dataclass
class Comparison:
    options: list[Intervention]
    rows: list[Row]
    head_to_head: list[HeadToHead]
    see_also: list[Intervention]
    references: list[Reference]
    reviewed: tuple[_dt.date, _dt.date]
    detail: bool = False
    cited: list[Reference] = field(default_factory=list)  # what the grid as shown cites (short answers, trials)
    notes: list[str] = field(default_factory=list)  # how names were understood ("Spravato is a brand name of ...")


@dataclass
class ListPage:
    """A page of `list`: the records shown, how many matched, and which filters were used."""

    items: list[Intervention]
    total: int
    start: int = 0
    limit: int = 0  # 0: no limit
    filters_used: list[str] = field(default_factory=list)


@dataclass
class QuestionList:
    items: list[Intervention]
    notes: list[str]


def lead_outcome_view(item: Intervention) -> LeadOutcome | None:
    o = lead_outcome(item)
    if o is None:
        return None
    fig = o.per_100
    comp = o.comparator
    kind = comparator_kind(o)
    return LeadOutcome(
        measure=o.measure.value,
        label=o.label,
        figure=fig.value if fig else None,
        range=(fig.low, fig.high) if fig and fig.low is not None and fig.high is not None else None,
        comparator=comp.label if comp else None,
        comparator_kind=kind.value,
        comparator_figure=comp.per_100.value if comp and comp.per_100 else None,
        difference=difference(o),
        population=o.population,
        timeframe=o.timeframe,
        study=o.study,
        refs=list(o.refs),
    )


def compare_cell(item: Intervention, key: str) -> Cell:
    short = getattr(item.short, key) if item.short is not None else None
    detail = cell(item, key)
    refs = list(short.refs) if short is not None else []
    lead = lead_outcome_view(item) if key == "work" else None
    return Cell(short.text if short is not None else None, detail, refs, lead)


def cell(item: Intervention, key: str) -> list[str]:
    """The full text of one comparison cell (plain strings): every result, every statement."""
    if key == "work":
        outs = [describe_outcome(o, threshold=False) for o in item.outcomes]
        return outs or ["No trial figures for this option in the knowledge base."]
    if key == "soon":
        return [item.setting.time_to_effect]
    if key == "like":
        where = ", ".join(p.value.replace("-", " ") for p in item.setting.where)
        return [
            f"Where: {where}. {ANAESTHESIA_WORDS[item.setting.anaesthesia].capitalize()}.",
            item.setting.schedule,
            item.setting.daily_life,
        ]
    if key == "common":
        return [s.text for s in item.side_effects.common]
    if key == "serious":
        return [s.text for s in item.side_effects.serious]
    if key == "unsuitable":
        return [s.text for s in item.not_suitable_for]
    if key == "lasting":
        return [s.text for s in item.durability]
    if key == "status":
        out = [f"Status: {STATUS_WORDS[item.status.label]}. {item.status.note}"]
        for r in item.regulatory:
            year = f", {r.year}" if r.year else ""
            out.append(f"{r.region.value} ({r.body}{year}): {r.status}.")
        for g in item.guidelines:
            out.append(f"Guideline, {g.body} {g.year}: {g.position}")
        return out
    if key == "evidence":
        return [f"{item.evidence.certainty.value.replace('-', ' ').capitalize()}. {item.evidence.why}"]
    if key == "cost":
        return [s.text for s in item.access]
    raise KeyError(key)


class KnowledgeBase:
    """Queries over a Store. Records are validated when first used (see cache.py)."""

    def __init__(self, store: Store | Bundle):
        self.store = store if isinstance(store, Store) else Store.from_bundle(store)
        self._names = self.store.names()
        self._folded_names: dict[str, str] | None = None
        self._compact_names: dict[str, str] | None = None
        self._families: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, data_dir: Path | None = None) -> KnowledgeBase:
        return cls(open_store(data_dir))

    @property
    def references(self) -> Mapping[str, Reference]:
        return self.store.references

    @property
    def sources(self) -> list[str]:
        return self.store.sources

    def get(self, iid: str) -> Intervention:
        return self.store.get(iid)

    def __len__(self) -> int:
        return len(self.store.index)

    # names -------------------------------------------------------------------------------------
    def all_names(self) -> list[str]:
        return sorted(self._names)

    def resolve(self, name: str) -> Intervention:
        return self.resolve_with_note(name)[0]

    def resolve_with_note(self, name: str) -> tuple[Intervention, str | None]:
        """The option a name means, and a note to show where it was not an exact name.

        Case, accents, punctuation, hyphens and plurals do not matter. A brand name resolves (the note
        says whose brand it is); a family word (a drug class, a kind of stimulation) lists its members
        and asks the reader to choose; a unique prefix of four or more letters resolves (the note says
        what it was taken to mean); anything else near a name is offered as "did you mean".
        """
        key = fold(name)
        if not key:
            raise BadRequest("An intervention name cannot be empty. Try `trdguide list` to see the names.")
        names = self._folded()
        if key not in names:  # "R.T.M.S", "electro-convulsive": the letters alone
            key = self._compact().get(compact(name), key)
        if key in names:
            item = self.get(names[key])
            brand = next((b for b in item.brand_names if fold(b) == key), None)
            note = f"{brand} is a brand name of {item.short_name}." if brand else None
            return item, note
        members = self.families().get(key)
        if members:
            raise Family(name[:80], [self.get(i) for i in members])
        if len(key.replace(" ", "")) >= 4:
            hits = sorted({iid for n, iid in names.items() if n.startswith(key)})
            if len(hits) == 1:
                item = self.get(hits[0])
                return item, f"{name.strip()!r} was taken to mean {item.short_name} ({item.id})."
            if len(hits) > 1:
                raise Ambiguous(name[:80], [self.get(h) for h in hits[:10]])
        close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
        suggestions: list[str] = []
        for c in close:
            if names[c] not in suggestions:
                suggestions.append(names[c])
        if not suggestions:
            suggestions = sorted({iid for n, iid in names.items() if key in n})[:5]
        raise NotFound(name[:80], suggestions[:3])

    def _folded(self) -> dict[str, str]:
        """Folded name -> id, for every id, short name, alias and brand name."""
        if self._folded_names is None:
            out: dict[str, str] = {}
            for e in self.store.index.values():
                for n in e.names:
                    out.setdefault(fold(n), e.id)
            for n, iid in self._names.items():
                out.setdefault(fold(n), iid)
            self._folded_names = out
        return self._folded_names

    def _compact(self) -> dict[str, str]:
        """Every name without spaces or punctuation -> its folded form (a second chance for a name)."""
        if self._compact_names is None:
            out: dict[str, str] = {}
            for e in self.store.index.values():
                for n in e.names:
                    out.setdefault(compact(n), fold(n))
            self._compact_names = out
        return self._compact_names

    def families(self) -> dict[str, list[str]]:
        """Folded family word -> the ids of its members (families named in records, and the categories)."""
        if self._families is None:
            out: dict[str, list[str]] = {}
            for iid in self.store.index:
                item = self.get(iid)
                words = [*item.families, item.category.value, CATEGORY_NAMES[item.category]]
                for w in words:
                    members = out.setdefault(fold(w), [])
                    if iid not in members:
                        members.append(iid)
            names = self._folded()
            # a name always means its option; a family of one is that option
            self._families = {k: v for k, v in out.items() if k not in names and len(v) > 1}
        return self._families

    def see_also(self, items: Sequence[Intervention]) -> list[Intervention]:
        chosen = {i.id for i in items}
        out: list[Intervention] = []
        for i in items:
            for rel in i.related:
                if rel not in chosen and rel in self.store.index and rel not in [o.id for o in out]:
                    out.append(self.get(rel))
        return out

    # list and search ---------------------------------------------------------------------------
    def filter(
        self,
        category: Category | None = None,
        status: StatusLabel | None = None,
        setting: Place | None = None,
        no_anaesthesia: bool = False,
        search: str | None = None,
    ) -> list[str]:
        """Ids of the records that pass every filter given (filters combine)."""
        out = []
        needle = fold(search) if search else ""
        for e in self.store.index.values():
            if category is not None and e.category != category.value:
                continue
            if status is not None and e.status != status.value:
                continue
            if setting is not None and setting.value not in e.where:
                continue
            if no_anaesthesia and e.anaesthesia != Anaesthesia.none.value:
                continue
            if needle and needle not in fold(" ".join([e.hay, *e.names])):
                continue
            out.append(e.id)
        return out

    def list_page(
        self,
        category: Category | None = None,
        status: StatusLabel | None = None,
        setting: Place | None = None,
        no_anaesthesia: bool = False,
        search: str | None = None,
        limit: int = 0,
        page: int = 1,
    ) -> ListPage:
        """One page of the records that pass every filter given (limit 0: all of them)."""
        ids = self.filter(category, status, setting, no_anaesthesia, search)
        start = (page - 1) * limit if limit else 0
        shown = ids[start : start + limit] if limit else ids
        used = [
            name
            for name, value in (
                ("category", category),
                ("status", status),
                ("setting", setting),
                ("no-anaesthesia", no_anaesthesia),
                ("search", search),
            )
            if value
        ]
        return ListPage([self.get(i) for i in shown], len(ids), start, limit, used)

    def questions(self, names: Sequence[str]) -> QuestionList:
        """The options someone is considering (1 to 5, each once), for a list of questions to ask."""
        if not 1 <= len(names) <= 5:
            raise BadRequest(f"questions takes 1 to 5 names; you gave {len(names)}.")
        items: list[Intervention] = []
        notes: list[str] = []
        for n in names:
            item, note = self.resolve_with_note(n)
            if item in items:
                raise BadRequest(f"{n!r} names {item.short_name} again. Name each option once.")
            items.append(item)
            notes += [note] if note else []
        return QuestionList(items, notes)

    # compare -----------------------------------------------------------------------------------
    def compare(self, names: Sequence[str], rows: Iterable[str] | None = None, detail: bool = False) -> Comparison:
        if not 2 <= len(names) <= 5:
            raise BadRequest(f"Compare takes 2 to 5 names; you gave {len(names)}.")
        resolved = [self.resolve_with_note(n) for n in names]
        items = [item for item, _ in resolved]
        notes = [note for _, note in resolved if note]
        seen: dict[str, str] = {}
        for n, i in zip(names, items):
            if i.id in seen:
                raise BadRequest(
                    f"{n!r} and {seen[i.id]!r} are the same option ({i.short_name}). Name each option once."
                )
            seen[i.id] = n
        wanted = list(rows) if rows is not None else None
        if wanted is not None and not wanted:
            raise BadRequest(f"Name at least one row to show. Rows are: {', '.join(ROW_KEYS)}.")
        keys = wanted or list(ROW_KEYS)
        for k in keys:
            if k not in ROW_KEYS:
                raise BadRequest(f"Unknown row {k!r}. Rows are: {', '.join(ROW_KEYS)}.")
        specs = [r for r in ROWS if r.key in keys]
        table = [Row(s.key, s.question, s.label, [compare_cell(i, s.key) for i in items]) for s in specs]
        trials = self.head_to_head_for([i.id for i in items])
        references = self.references_for(items)
        if detail:
            cited = references
        else:
            ids: set[str] = set()
            for row in table:
                for c in row.cells:
                    ids.update(c.refs if c.short is not None else [])
                    ids.update(c.lead.refs if c.lead is not None else [])
            for h in trials:
                ids.update(h.short.refs if h.short is not None else h.outcomes[0].refs)
            cited = [r for r in references if r.id in ids] + [
                self.references[r] for r in sorted(ids - {x.id for x in references}) if r in self.references
            ]
        return Comparison(
            options=items,
            rows=table,
            head_to_head=trials,
            see_also=self.see_also(items),
            references=references,
            reviewed=self.review_range(items),
            detail=detail,
            cited=cited,
            notes=notes,
        )

    def head_to_head_for(self, ids: Sequence[str]) -> list[HeadToHead]:
        wanted = set(ids)
        return [h for h in self.store.head_to_head if len(wanted & set(h.interventions)) >= 2]

    def references_for(self, items: Sequence[Intervention]) -> list[Reference]:
        ids: list[str] = []
        for i in items:
            for r in [*i.references, *sorted(i.all_ref_ids() - set(i.references))]:
                if r not in ids:
                    ids.append(r)
        return [self.references[r] for r in ids if r in self.references]

    def review_range(self, items: Sequence[Intervention] | None = None) -> tuple[_dt.date, _dt.date]:
        if items is None:
            dates = [_dt.date.fromisoformat(e.last_reviewed) for e in self.store.index.values()]
        else:
            dates = [i.last_reviewed for i in items]
        if not dates:
            today = _dt.date.today()
            return today, today
        return min(dates), max(dates)

    # faq, glossary, crisis ---------------------------------------------------------------------
    def faq(self, query: str | None = None) -> list[tuple[int, FaqEntry]]:
        numbered = list(enumerate(self.store.faq, start=1))
        if query is None or not query.strip():
            return numbered
        q = query.strip()
        if q.isdigit():
            n = int(q)
            if 1 <= n <= len(numbered):
                return [numbered[n - 1]]
            raise NotFound(q, [], what=f"FAQ question number (there are {len(numbered)})")
        words = fold(q).split()
        hits = [(n, f) for n, f in numbered if all(w in fold(f.question + " " + f.answer) for w in words)]
        if not hits:  # a name, brand, alias or family word: the answers about those options
            ids = self._ids_named(q)
            if ids:
                names = {fold(n) for iid in ids for n in self.get(iid).names}
                hits = [
                    (n, f)
                    for n, f in numbered
                    if set(f.related) & ids or any(name in fold(f.question + " " + f.answer) for name in names)
                ]
        if not hits:
            raise NotFound(q[:80], [], what="FAQ question matching")
        return hits

    def _ids_named(self, text: str) -> set[str]:
        """The options a name, brand, alias, unique prefix or family word means (empty when none)."""
        try:
            return {self.resolve(text).id}
        except Family as fam:
            return {m.id for m in fam.members}
        except LookupError_:
            return set()

    def glossary(self, term: str | None = None) -> list[GlossaryTerm]:
        terms = sorted(self.store.glossary, key=lambda g: g.term.lower())
        if term is None or not term.strip():
            return terms
        key = norm_name(term)
        exact = [g for g in terms if key in {norm_name(g.term), *(norm_name(a) for a in g.aliases)}]
        if exact:
            return exact
        partial = [g for g in terms if key in norm_name(g.term) or any(key in norm_name(a) for a in g.aliases)]
        if partial:
            return partial
        names = [g.term for g in terms] + [a for g in terms for a in g.aliases]
        close = difflib.get_close_matches(term, names, n=3, cutoff=0.6)
        raise NotFound(term[:80], close, what="glossary term")

    def crisis(self, region: str | None = None) -> list[CrisisLine]:
        """Every crisis line, or one region's (by code or name, in any case) with the lines for everywhere."""
        lines = list(self.store.crisis)
        if region is None:
            return lines
        code = parse_region(region) or region.strip().upper()
        hits = [c for c in lines if c.region == code]
        if not hits:
            codes = sorted({c.region for c in lines})
            raise NotFound(region[:40], codes, what="region")
        return hits + [c for c in lines if c.region == "INTL" and code != "INTL"]

    def crisis_numbers(self) -> list[tuple[str, list[str]]]:
        """Each crisis number once, with the regions it serves ("988": US, CA), in the data's order."""
        groups: dict[str, tuple[str, list[str]]] = {}
        for c in self.store.crisis:
            if c.number:
                key = "".join(ch for ch in c.number if ch.isdigit())
                groups.setdefault(key, (c.number, []))[1].append(c.region)
        return list(groups.values())

    def crisis_line(self, region: str | None) -> CrisisLine | None:
        """The crisis line of one region (a code), or None where the region is unknown or has none."""
        return next((c for c in self.store.crisis if region is not None and c.region == region), None)


# --- about -----------------------------------------------------------------------------------------

ABOUT_WHAT = (
    "trdguide is an offline guide that helps people understand and compare treatment options for "
    "depression that has not improved enough with treatment (treatment-resistant depression). It is "
    "for patients, families, students and writers preparing for a conversation with a clinician."
)
ABOUT_NOT = (
    "It is not medical advice, not a diagnosis, and not a recommendation of any treatment. It cannot "
    "know your history. Decisions belong to you and your care team."
)
ABOUT_EVIDENCE = (
    "Figures come from randomised trials, meta-analyses, regulator records, product labels and "
    "guidelines, each cited with a PMID, DOI or official web address. Where sources disagree, both are "
    "shown. Facts that could not be confirmed in a primary source were left out."
)
ABOUT_SCOPE = (
    "Adults (18 and over) with depression that has not improved enough after treatment: major "
    "depression, not depression in bipolar disorder, which is treated differently. Children and "
    "teenagers are not covered. Where an option has an approved use outside this scope, its approval "
    "section says so (for example, an rTMS device was cleared by the US FDA in 2024 as an add-on for ages "
    "15 to 21: trdguide show rtms)."
)
ABOUT_AUDIT = (
    "Last content audit: 2026-12-03. Reviewers who had not written the content checked 40 claims drawn at "
    "random (figures, approvals and guideline positions) against the cited sources: 37 were confirmed as "
    "written, 1 was misleading (two small figures rounded to 1 and 2 in 100; they are now given out of "
    "1,000) and 2 needed a wording fix; all three were corrected. The sample, method and verdicts are in "
    "docs/content-audit.md in the source repository."
)
ABOUT_UPDATES = (
    "Each record shows the date it was last reviewed. Records are meant to be reviewed at least once a "
    "year, and sooner when a regulator or a major guideline changes its position."
)
ABOUT_AUTHORS = (
    "Written by the trdguide contributors. No funding, and no money or support from any maker of a "
    "treatment described here."
)


@dataclass
class AboutInfo:
    version: str
    scope: str
    sources: list[str]
    interventions: int
    references: int
    oldest_review: _dt.date
    newest_review: _dt.date
    last_audit: str


def about_info(kb: KnowledgeBase, version: str) -> AboutInfo:
    oldest, newest = kb.review_range()
    return AboutInfo(
        version=version,
        scope=ABOUT_SCOPE,
        sources=list(kb.sources),
        interventions=len(kb),
        references=len(kb.references),
        oldest_review=oldest,
        newest_review=newest,
        last_audit=ABOUT_AUDIT,
    )
