"""Queries over a loaded knowledge base: resolve names, filter, search, and build comparison rows.

Everything here returns plain data (models, strings, small dataclasses). Nothing here knows about
terminals, colours or the command line.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import CrisisEntry, Store, open_store
from .folding import compact, digits, fold
from .regions import close_regions, parse_region
from .summaries import SHORT_KEYS, comparator_kind, difference, lead_outcome
from .views import (
    AboutInfo,
    Brief,
    Cell,
    ChangeEntry,
    ChangesView,
    Comparison,
    CrisisHelp,
    FaqView,
    HandoutView,
    LeadOutcome,
    ListPage,
    NameNote,
    QuestionList,
    Row,
    SearchHit,
    SearchView,
    ShowView,
    SiteView,
    TranslationInfo,
    Weighed,
)
from .vocab import Anaesthesia, Category, Place, StatusLabel

if TYPE_CHECKING:
    from .loader import Bundle
    from .models import (
        CrisisLine,
        FaqEntry,
        GlossaryTerm,
        HeadToHead,
        Intervention,
        Reference,
    )
    from .search import Index


class LookupError_(Exception):
    """Base for user-facing lookup problems. They carry data; `wording.problem` says them in words."""

    kind = ""


class NotFound(LookupError_):
    """Nothing by that name. `what`: intervention, faq-number, faq-words, glossary-term or region."""

    def __init__(self, name: str, suggestions: list[str], what: str = "intervention", count: int = 0):
        self.name = name
        self.suggestions = suggestions
        self.what = what
        self.count = count  # faq-number: how many questions there are
        super().__init__(what, name)

    kind = "not-found"


class Ambiguous(LookupError_):
    """A beginning of a name that more than one option shares."""

    kind = "ambiguous"

    def __init__(self, name: str, candidates: list[Intervention]):
        self.name = name
        self.candidates = candidates
        super().__init__(name)


class Family(LookupError_):
    """A word that names a group of options (a drug class, a kind of stimulation): the reader chooses."""

    kind = "family"

    def __init__(self, name: str, members: list[Intervention]):
        self.name = name
        self.members = members
        super().__init__(name)


class BadRequest(LookupError_):
    """A request that is well-formed for the parser but makes no sense (a usage error, exit 2).

    `problem`: empty-name, count (command, low, high, given), same-option (first, second, item),
    repeated (name, item), no-rows, unknown-row (row).
    """

    kind = "bad-request"

    def __init__(self, problem: str, **fields: object):
        self.problem = problem
        self.fields = fields
        super().__init__(problem)


# --- how names are compared -----------------------------------------------------------------------


CATEGORY_NAMES = {
    Category.current_care: "usual care",
    Category.medication: "medicines",
    Category.rapid_acting: "rapid-acting medicines",
    Category.neuromodulation: "brain stimulation",
    Category.psychotherapy: "talking therapies",
    Category.psychedelic: "psychedelics",
    Category.self_care: "self-care and support",
}


NAME_SHOWN = 80  # a name that is not found is said back to the reader in at most this many characters


# --- comparison ------------------------------------------------------------------------------------


ROW_KEYS = SHORT_KEYS


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
    refs = list(short.refs) if short is not None else []
    lead = lead_outcome_view(item) if key == "work" else None
    return Cell(item, key, short.text if short is not None else None, refs, lead)


class KnowledgeBase:
    """Queries over a Store. Records are validated when first used (see cache.py)."""

    def __init__(self, store: Store | Bundle):
        self.store = store if isinstance(store, Store) else Store.from_bundle(store)
        self._names = self.store.names()
        self._folded_names: dict[str, str] | None = None
        self._compact_names: dict[str, str] | None = None
        self._families: dict[str, list[str]] | None = None

    @property
    def lang(self) -> str:
        """The language of the records' text (the overlays in data/i18n/LANG/ applied; docs/i18n.md)."""
        return self.store.lang

    @classmethod
    def load(cls, data_dir: Path | None = None, lang: str = "en") -> KnowledgeBase:
        """The knowledge base at `data_dir` (None: the bundled one), its text in `lang`: the translations of
        `i18n/LANG/` laid over the English, field by field, where they are current (overlays.py)."""
        return cls(open_store(data_dir, lang))

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

    def resolve_with_note(self, name: str) -> tuple[Intervention, NameNote | None]:
        """The option a name means, and a note to show where it was not an exact name.

        Case, accents, punctuation, hyphens and plurals do not matter. A brand name resolves (the note
        says whose brand it is); a family word (a drug class, a kind of stimulation) lists its members
        and asks the reader to choose; a unique prefix of four or more letters resolves (the note says
        what it was taken to mean); anything else near a name is offered as "did you mean".
        """
        key = fold(name)
        if not key:
            raise BadRequest("empty-name")
        names = self._folded()
        if key not in names:  # "R.T.M.S", "electro-convulsive": the letters alone
            key = self._compact().get(compact(name), key)
        if key in names and key in {fold(n) for n in self.get(names[key]).names}:  # the record has the name
            item = self.get(names[key])
            brand = next((b for b in item.brand_names if fold(b) == key), None)
            return item, NameNote("brand", brand, item) if brand else None
        members = self.families().get(key)
        if members:
            raise Family(name[:NAME_SHOWN], [self.get(i) for i in members])
        if len(key.replace(" ", "")) >= 4:
            hits = sorted({iid for n, iid in names.items() if n.startswith(key)})
            if len(hits) == 1:
                item = self.get(hits[0])
                return item, NameNote("prefix", name.strip(), item)
            if len(hits) > 1:
                raise Ambiguous(name[:NAME_SHOWN], [self.get(h) for h in hits[:10]])
        from difflib import get_close_matches  # only when a name is not found

        close = get_close_matches(key, list(names), n=5, cutoff=0.6)
        suggestions: list[str] = []
        for c in close:
            if names[c] not in suggestions:
                suggestions.append(names[c])
        if not suggestions:
            suggestions = sorted({iid for n, iid in names.items() if key in n})[:5]
        raise NotFound(name[:NAME_SHOWN], suggestions[:3])

    def _folded(self) -> dict[str, str]:
        """Folded name -> id, for every id, short name, alias and brand name."""
        if self._folded_names is None:
            out: dict[str, str] = {}
            for n, iid in self._names.items():  # the checked index's names, first definition wins
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

    def name_table(self) -> dict[str, object]:
        """Everything `resolve_with_note` knows, as one table of plain data (the website's script looks
        names up in it, so both faces choose the same option for the same words). Keys are folded
        (`folding.fold`); a name typed is folded the same way, then looked up in this order:

        - `names`: folded name -> id (ids, short names, aliases, brand names);
        - `compact`: the name's letters and digits only -> its folded form ("r.t.m.s" -> "rtms");
        - `families`: folded family word -> member ids (the reader chooses);
        - `prefixes`: every beginning of a name of 4 or more letters -> the ids it begins (one: that
          option; more: the reader chooses);
        - `brands`: folded brand name -> the brand as written (for the note "a brand name of ...").
        Anything else is not found.
        """
        names: dict[str, str] = {}
        brands: dict[str, str] = {}
        for key, iid in self._folded().items():
            item = self.get(iid)
            if key in {fold(n) for n in item.names}:  # as resolve_with_note: the record has the name
                names[key] = iid
                brand = next((b for b in item.brand_names if fold(b) == key), None)
                if brand:
                    brands[key] = brand
        prefixes: dict[str, list[str]] = {}
        for key, iid in self._folded().items():
            for end in range(1, len(key) + 1):
                start = key[:end]
                if start.endswith(" ") or len(start.replace(" ", "")) < 4:
                    continue
                hits = prefixes.setdefault(start, [])
                if iid not in hits:
                    hits.append(iid)
        return {
            "names": dict(sorted(names.items())),
            "compact": dict(sorted(self._compact().items())),
            "families": {k: sorted(v) for k, v in sorted(self.families().items())},
            "prefixes": {k: sorted(v) for k, v in sorted(prefixes.items())},
            "brands": dict(sorted(brands.items())),
            "shown": NAME_SHOWN,
        }

    def show(self, name: str) -> ShowView:
        """Everything about one option (by any name), with its related options and references."""
        item, note = self.resolve_with_note(name)
        return self.show_view(item, [note] if note else [])

    def show_view(self, item: Intervention, notes: list[NameNote] | None = None) -> ShowView:
        in_short = [Row(k, [compare_cell(item, k)]) for k in ROW_KEYS]  # the grid's rows, for one option
        in_english = frozenset(self.store.in_english.get(item.id, ()))
        return ShowView(item, self.see_also([item]), self.references_for([item]), notes or [], in_short, in_english)

    def faq_view(self, query: str | None = None, listing: bool = False) -> FaqView:
        """The entries a query finds (all, for none) with their references; `listing`: the numbered
        questions of all entries only, read from the checked index (no answer is validated)."""
        if listing:
            questions = [(n, q.question) for n, q in enumerate(self.store.faq_index, start=1)]
            return FaqView([], {}, listing=True, questions=questions)
        entries = self.faq(query)
        refs = {r: self.references[r] for _, f in entries for r in f.refs if r in self.references}
        return FaqView(entries, refs)

    def handout(self, items: Sequence[Intervention], refs: Sequence[Reference] | None = None) -> HandoutView:
        """What a printed page adds: `refs` are those the main part cites (default: all of the options')."""
        cited = list(refs) if refs is not None else self.references_for(items)
        in_english = None
        if self.lang != "en":  # the options' parts still in English, as show marks them
            in_english = {i.id: frozenset(self.store.in_english.get(i.id, ())) for i in items}
        return HandoutView(
            list(items), cited, self.review_range(items), self.crisis(), ids_in_text=refs is None, in_english=in_english
        )

    def site(self, version: str) -> SiteView:
        """The whole knowledge base, as the website shows it."""
        items = sorted((self.get(i) for i in self.store.index), key=lambda i: i.id)
        return SiteView(
            items=items,
            listing=self.list_page(),
            shows={i.id: self.show_view(i) for i in items},
            head_to_head=list(self.store.head_to_head),
            faq=self.faq_view(),
            glossary=self.glossary(),
            crisis=self.crisis(),
            crisis_numbers=self.crisis_numbers(),
            about=about_info(self, version),
            reviewed=self.review_range(),
            changes=self.changes(),
            names=self.name_table(),
            weighed=self._weigh_table(),
            search=self.search_export(),
        )

    def _weigh_table(self) -> list[Weighed]:
        """`weighing.weigh_table` (a query of its own module, which builds on this one)."""
        from .weighing import weigh_table

        return weigh_table(self)

    def changes(self, since: _dt.date | None = None) -> ChangesView:
        """What changed at each review, across the guide (`since`: on or after that date), newest first."""
        entries = [
            ChangeEntry(item.id, item.short_name, c)
            for item in (self.get(i) for i in sorted(self.store.index))
            for c in item.changes
            if since is None or c.date >= since
        ]
        entries.sort(key=lambda e: e.change.date, reverse=True)  # stable: within a date, by id
        refs = {r: self.references[r] for e in entries for r in e.change.refs if r in self.references}
        return ChangesView(entries, since, refs)

    def see_also(self, items: Sequence[Intervention]) -> list[Brief]:
        chosen = {i.id for i in items}
        out: list[Brief] = []
        for i in items:
            for rel in i.related:
                if rel not in chosen and rel in self.store.index and rel not in [o.id for o in out]:
                    out.append(self.brief(rel))
        return out

    def brief(self, iid: str) -> Brief:
        """An option as a list line names it, from the checked index (no full record is read)."""
        e = self.store.index[iid]
        return Brief(
            id=e.id,
            name=e.name,
            short_name=e.short_name,
            category=Category(e.category),
            status=StatusLabel(e.status),
            status_note=e.status_note,
            where=tuple(Place(p) for p in e.where),
            anaesthesia=Anaesthesia(e.anaesthesia),
            time_to_effect=e.time_to_effect,
            onset=e.onset,
            last_reviewed=_dt.date.fromisoformat(e.last_reviewed),
        )

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
        found = self.search_ids(search) if needle else set()
        for e in self.store.index.values():
            if category is not None and e.category != category.value:
                continue
            if status is not None and e.status != status.value:
                continue
            if setting is not None and setting.value not in e.where:
                continue
            if no_anaesthesia and e.anaesthesia != Anaesthesia.none.value:
                continue
            if needle and e.id not in found and needle not in fold(" ".join([e.hay, *e.names])):
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
        return ListPage([self.brief(i) for i in shown], len(ids), start, limit, used)

    def questions(self, names: Sequence[str]) -> QuestionList:
        """The options someone is considering (1 to 5, each once), for a list of questions to ask."""
        if not 1 <= len(names) <= 5:
            raise BadRequest("count", command="questions", low=1, high=5, given=len(names))
        items: list[Intervention] = []
        notes: list[NameNote] = []
        for n in names:
            item, note = self.resolve_with_note(n)
            if item in items:
                raise BadRequest("repeated", name=n, item=item)
            items.append(item)
            notes += [note] if note else []
        return QuestionList(items, notes)

    # compare -----------------------------------------------------------------------------------
    def compare(self, names: Sequence[str], rows: Iterable[str] | None = None, detail: bool = False) -> Comparison:
        if len(names) == 1:  # one option: a usage error that points to `show`, which opens with its short answers
            raise BadRequest("one-option", item=self.resolve_with_note(names[0])[0])
        if not 2 <= len(names) <= 5:
            raise BadRequest("count", command="compare", low=2, high=5, given=len(names))
        resolved = [self.resolve_with_note(n) for n in names]
        items = [item for item, _ in resolved]
        notes = [note for _, note in resolved if note]
        seen: dict[str, str] = {}
        for n, i in zip(names, items):
            if i.id in seen:
                raise BadRequest("same-option", first=seen[i.id], second=n, item=i)
            seen[i.id] = n
        wanted = list(rows) if rows is not None else None
        if wanted is not None and not wanted:
            raise BadRequest("no-rows")
        keys = wanted or list(ROW_KEYS)
        for k in keys:
            if k not in ROW_KEYS:
                raise BadRequest("unknown-row", row=k)
        table = [Row(k, [compare_cell(i, k) for i in items]) for k in ROW_KEYS if k in keys]
        trials = self.head_to_head_for([i.id for i in items])
        references = self.references_for(items)
        if detail:
            cited = references
        else:
            ids: set[str] = set()
            for row in table:
                for c in row.cells:
                    ids.update(c.refs)
                    ids.update(c.lead.refs if c.lead is not None else [])
            for h in trials:
                ids.update(h.short.refs if h.short is not None else h.outcomes[0].refs)
            cited = [r for r in references if r.id in ids] + [
                self.references[r] for r in sorted(ids - {x.id for x in references}) if r in self.references
            ]
        return Comparison(
            options=items,
            briefs=[self.brief(i.id) for i in items],
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
            raise NotFound(q, [], what="faq-number", count=len(numbered))
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
            raise NotFound(q[:80], [], what="faq-words")
        return hits

    def _ids_named(self, text: str) -> set[str]:
        """The options a name, brand, alias, unique prefix or family word means (empty when none)."""
        try:
            return {self.resolve(text).id}
        except Family as fam:
            return {m.id for m in fam.members}
        except LookupError_:
            return set()

    # one search over everything (search.py) ---------------------------------------------------------
    def search(self, query: str, faq_first: bool = False, limit: int = 10) -> SearchView:
        """The FAQ answers, parts of options and glossary terms that match the words, best first.

        `faq_first` (`faq WORDS`): the matching FAQ answers (at most 3), then parts of options (at most 5),
        then glossary terms (at most 3); otherwise the `limit` best of all kinds. Words that name one
        option, or a group of them, are noted too (a group is offered as a choice, never opened).
        """
        from . import search

        q = " ".join(query.split())
        if not fold(q):
            raise BadRequest("empty-search")
        index = self.store.search_index()
        found = search.search(index, q)
        chosen = found.hits
        if faq_first:
            most = {"faq": 3, "section": 5, "glossary": 3}
            kinds = ("faq", "section", "glossary")
            chosen = [h for k in kinds for h in [x for x in chosen if x.doc.kind == k][: most[k]]]
        else:
            chosen = chosen[:limit]
        hits = []
        for h in chosen:
            # a matching FAQ answer is shown whole by `faq WORDS`; anything else by its matching sentences
            pieces = h.doc.pieces if faq_first and h.doc.kind == "faq" else search.quote(index, h, found.tokens).pieces
            hits.append(SearchHit(h.doc.kind, h.doc.target, h.doc.title, h.doc.section, pieces, h.score))
        named, choice = self._named_in(q, index)
        suggestions: list[str] = []
        if not hits:
            from difflib import get_close_matches

            for w in found.unknown:
                for c in get_close_matches(w, index.words, n=3, cutoff=0.6):
                    if c not in suggestions:
                        suggestions.append(c)
        return SearchView(q, hits, faq_first, found.corrections, choice, named, suggestions[:5], found.urgent)

    def _named_in(self, text: str, index: Index) -> tuple[Brief | None, list[Brief]]:
        """(the option the words name, the options a group word or a shared beginning names)."""
        key = fold(text)
        groups = [CATEGORY_NAMES[c] for c in Category] + [c.value for c in Category] + index.families
        family_words = {fold(w) for w in groups}
        via_synonym = any(w in family_words for g in index.synonyms if key in g for w in g)
        if key not in self._folded() and not via_synonym and not any(w.startswith(key) for w in family_words):
            return None, []  # names no option and no group (known without reading any record)
        try:
            item, note = self.resolve_with_note(text)
            if note is None or note.kind != "prefix":  # a beginning of one name is not taken as that name
                return self.brief(item.id), []
        except Family as fam:
            return None, [self.brief(m.id) for m in fam.members]
        except Ambiguous as amb:
            return None, [self.brief(c.id) for c in amb.candidates]
        except LookupError_:
            pass
        if len(key) < 4:
            return None, []
        families = self.families()
        # "augmentation": a word of a synonym group (data/synonyms.yaml) that holds a family word
        words = {w for g in index.synonyms if key in g for w in g}
        # "magnetic": the beginning of family words ("magnetic stimulation") names their members
        ids = sorted(
            {i for word, members in families.items() if word.startswith(key) or word in words for i in members}
        )
        return None, [self.brief(i) for i in ids] if len(ids) > 1 else []

    def search_ids(self, query: str | None) -> set[str]:
        """The options that the search (search.py) finds a part of for the words, or that the words name."""
        if not query or not fold(query):
            return set()
        from . import search

        found = search.search(self.store.search_index(), " ".join(query.split()))
        return {h.doc.target for h in found.hits if h.doc.kind == "section"} | self._ids_named(query)

    def search_export(self) -> dict[str, object]:
        """The search index as the website's search reads it (a static JSON file): see search.export."""
        from . import search

        out = search.export(self.store.search_index())
        # an FAQ document's target is its number (as `faq N` takes it); `faq_ids[N - 1]` is its entry's id,
        # the website's anchor for it
        out["faq_ids"] = [f.id for f in self.store.faq]
        return out

    def glossary(self, term: str | None = None) -> list[GlossaryTerm]:
        terms = sorted(self.store.glossary, key=lambda g: g.term.lower())
        if term is None or not term.strip():
            return terms
        key = fold(term)  # as names are compared: case, accents, punctuation, hyphens and plurals do not matter
        if not key:  # punctuation only: no term has that name
            raise NotFound(term[:80], [], what="glossary-term")
        folded = [(g, [fold(n) for n in (g.term, *g.aliases)]) for g in terms]  # each name folded once
        exact = [g for g, names in folded if key in names]
        if not exact:  # "510k", "add on": the letters alone, as for option names
            letters = compact(term)
            exact = [g for g in terms if letters in {compact(n) for n in (g.term, *g.aliases)}]
        if exact:
            return exact
        partial = [g for g, names in folded if any(key in n for n in names)]
        if partial:
            return partial
        names = [g.term for g in terms] + [a for g in terms for a in g.aliases]
        from difflib import get_close_matches

        close = get_close_matches(term, names, n=3, cutoff=0.6)
        raise NotFound(term[:80], close, what="glossary-term")

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

    def crisis_help(self, region: str | None = None) -> CrisisHelp:
        """`crisis --region X` for any X: the region's lines, or, where X names no covered region (a country
        the guide does not cover, a typo, a code), the lines for everywhere with the covered regions and any
        close spellings. Never an error: a reader in crisis always gets a number."""
        lines = list(self.store.crisis)
        regions = [(c.region, c.region_name) for c in lines if c.region != "INTL"]
        try:
            return CrisisHelp(self.crisis(region), None, regions)
        except NotFound:
            assert region is not None
            covered = {code for code, _ in regions}
            close = [code for code in close_regions(region) if code in covered]
            return CrisisHelp([c for c in lines if c.region == "INTL"], region, regions, close)

    def crisis_directory(self) -> str | None:
        """The web address of the directory of helplines for everywhere else (INTL), without its scheme."""
        line = next((c for c in self.store.crisis if c.region == "INTL"), None)
        return line.url.split("://", 1)[-1].rstrip("/") if line else None

    def crisis_numbers(self) -> list[tuple[str, list[str]]]:
        """Each crisis number once, with the regions it serves ("988": US, CA), in the data's order."""
        groups: dict[str, tuple[str, list[str]]] = {}
        for c in self.store.crisis_index:
            if c.number:
                key = digits(c.number)
                groups.setdefault(key, (c.number, []))[1].append(c.region)
        return list(groups.values())

    def crisis_contact(self, region: str | None) -> CrisisEntry | None:
        """The crisis number, emergency number and text service of one region (a code), or None where
        the region is unknown or has no crisis line. From the checked index: no crisis line is validated."""
        return next((c for c in self.store.crisis_index if region is not None and c.region == region), None)


# --- about -----------------------------------------------------------------------------------------


def _is_bundled(source: str) -> bool:
    from .paths import bundled_data_dir

    try:
        return Path(source).resolve() == bundled_data_dir().resolve()
    except OSError:
        return False


def about_info(kb: KnowledgeBase, version: str) -> AboutInfo:
    oldest, newest = kb.review_range()
    return AboutInfo(
        version=version,
        sources=list(kb.sources),
        bundled=[_is_bundled(s) for s in kb.sources],
        interventions=len(kb),
        references=len(kb.references),
        oldest_review=oldest,
        newest_review=newest,
        replaced=[(kind, key, file) for kind, key, file, _ in kb.store.replaced],
        translation=translation_info(kb),
    )


def translation_info(kb: KnowledgeBase) -> TranslationInfo | None:
    """How the text in the knowledge base's language was made and checked; None in English."""
    row = kb.store.translation
    if kb.lang == "en":
        return None
    if row is None:  # a language with no overlay file at all: nothing translated
        return TranslationInfo(kb.lang, [], [], None, 0, 0)
    latest = _dt.date.fromisoformat(row.latest) if row.latest else None
    return TranslationInfo(row.language, row.methods, row.clinician_review, latest, row.translated, row.in_scope)
