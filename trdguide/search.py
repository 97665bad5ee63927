"""One search over the knowledge base: FAQ answers, the sections of every option, glossary terms.

The index is built once from the validated records (and kept in the cache, cache.py): every FAQ entry,
every section of every option as `show` heads it ("What it is like", "Cost and access", ...) and every
glossary term is a document. Ranking is Okapi BM25 in its form for documents with fields (BM25F: k1 = 1.2,
b = 0.75, the usual values; each field normalised by its own average length, and weighted: a question or
a term counts more than the text under it), with the score of every word in every
document worked out here, at build time. A query is then only: turn the words into tokens by the rules
below, and add up the scores the index holds for them. So any face (the command line, or the website
from the exported index, `export`) gives the same answers without working anything out again.

Tokens: words as `folding.fold_words` gives them (lower case, no accents, no punctuation), without a
few very common words, reduced to their stem by the Snowball English stemmer ("driving" and "drive"
are both "drive"; the same algorithm exists for JavaScript). Where a phrase of a synonym group
(data/synonyms.yaml), an option's name or a family word appears, the group's token ("~pregnancy",
"~esketamine") is added, so "teenager" finds "adolescent" and "spravato" finds text about esketamine.

This module belongs to the loading layer: it knows the models (for type checking) and the folding
rules, nothing of queries, wording or terminals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .folding import fold, fold_words

if TYPE_CHECKING:
    from .models import FaqEntry, GlossaryTerm, Intervention, SynonymGroup

FORMAT = 1
K1 = 1.2
B = 0.75
URGENT_CUTOFF = 0.7  # words of danger: the documents that score this share of the best on them come first

# words too common to tell documents apart (the question words people type: "can I drive after ...")
# fmt: off
STOP_WORDS = frozenset(
    {
        "a", "about", "after", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being", "but",
        "by", "can", "could", "did", "do", "does", "doing", "during", "for", "from", "get", "got", "had", "has",
        "have", "having", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "might",
        "much", "my",
        "of", "on", "or", "our", "out", "over", "own", "should", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "very", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
        "your", "yours",
    }
)
# fmt: on

# the fields of each kind of document, and how much a word in each counts
# (an option's names count most in its first section, so a name alone finds what the option is)
WEIGHTS = {"title": 4.0, "label": 2.0, "names": 0.5, "first names": 1.0, "text": 1.0}

# the sections of an option, in the order `show` gives them: (key, words of its heading)
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "what it is how it is thought to work"),
    ("like", "what it is like daily life how soon it might help"),
    ("work", "will it work what studies found results"),
    ("common", "common side effects"),
    ("serious", "serious risks side effects"),
    ("unsuitable", "who may not be suitable"),
    ("lasting", "how long the benefit lasts"),
    ("misconceptions", "common misunderstandings"),
    ("status", "approval regulators approved"),
    ("guidelines", "guidelines recommend"),
    ("evidence", "how strong is the evidence"),
    ("cost", "cost and access"),
    ("questions", "questions to ask your clinician"),
)


# --- tokens ----------------------------------------------------------------------------------------

_STEMS: dict[str, str] = {}
_STEMMER: list[Any] = []  # the one stemmer, made when first needed


def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem of a folded word, remembered once worked out."""
    out = _STEMS.get(word)
    if out is None:
        if not _STEMMER:
            from snowballstemmer.english_stemmer import EnglishStemmer  # type: ignore[import-untyped]

            _STEMMER.append(EnglishStemmer())
        out = _STEMS[word] = _STEMMER[0].stemWord(word) if not word.isdigit() else word
    return out


class Phrases(NamedTuple):
    """The phrases that add a group token: first stem -> [(the phrase's stems, group tokens)]."""

    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]

    @classmethod
    def build(cls, groups: Iterable[tuple[str, Iterable[str]]]) -> Phrases:
        found: dict[tuple[str, ...], list[str]] = {}
        for token, words in groups:
            for w in words:
                stems = tuple(stem(x) for x in fold_words(w).split())
                if stems and token not in found.setdefault(stems, []):
                    found[stems].append(token)
        table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for stems, tokens in sorted(found.items()):
            table.setdefault(stems[0], []).append((stems, tuple(tokens)))
        for rows in table.values():
            rows.sort(key=lambda r: -len(r[0]))
        return cls(table)


def tokens(text: str, phrases: Phrases) -> list[str]:
    """The tokens of a text: stems of its words (without stop words), then group tokens of its phrases."""
    words = fold_words(text).split()
    stems = [stem(w) for w in words]
    out = [s for w, s in zip(words, stems) if w not in STOP_WORDS]
    covered = 0  # a phrase inside a longer one that matched ("tms" in "deep tms") adds nothing
    for i, s in enumerate(stems):
        if i < covered:
            continue
        for phrase, groups in phrases.table.get(s, ()):  # longest first
            if tuple(stems[i : i + len(phrase)]) == phrase:
                out.extend(groups)
                covered = i + len(phrase)
                break
    return out


# --- documents and the index ------------------------------------------------------------------------


class Doc(NamedTuple):
    """One thing a search can find, and what opens it in full.

    kind: "faq" (target: its number), "section" (target: the option's id; section: a key of SECTIONS)
    or "glossary" (target: the term). `pieces` are the sentences a result may quote.
    """

    kind: str
    target: str
    title: str
    section: str
    pieces: list[str]


class Index(NamedTuple):
    """The documents, and for each token the documents that hold it with its precomputed BM25 score."""

    docs: list[Doc]
    postings: dict[str, list[Any]]  # flat: document number, score, document number, score, ...
    phrases: Phrases
    words: list[str]  # every word of the knowledge base and its synonyms, folded, for "did you mean"
    families: list[str] = []  # the options' family words, folded (a query may name a group of options)
    synonyms: list[list[str]] = []  # the words of each synonym group, folded
    known: frozenset[str] = frozenset()  # every word whose stem the index holds (the cache keeps them)
    urgent: list[str] = []  # the group tokens of words of danger (a search with one shows help first)

    def to_json(self) -> dict[str, Any]:
        """The index as plain JSON data (the cache's line, and the website's file: see `export`)."""
        return {
            "format": FORMAT,
            "k1": K1,
            "b": B,
            "docs": [list(d) for d in self.docs],
            "postings": self.postings,
            "phrases": [[list(p), list(g)] for rows in self.phrases.table.values() for p, g in rows],
            "stems": {w: _STEMS[w] for w in sorted(_STEMS) if w in self.known},
            "families": self.families,
            "synonyms": self.synonyms,
            "urgent": self.urgent,
        }

    @classmethod
    def from_json(cls, data: Any) -> Index:
        """An index from `to_json` data, checked (ValueError where it is not well formed)."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("search index format")
        docs = []
        for row in data["docs"]:
            if not (isinstance(row, list) and len(row) == 5 and all(isinstance(x, str) for x in row[:4])):
                raise ValueError("search index document")
            if not (isinstance(row[4], list) and all(isinstance(x, str) for x in row[4])):
                raise ValueError("search index document")
            docs.append(Doc(*row))
        postings = data["postings"]
        if not isinstance(postings, dict):
            raise ValueError("search index postings")
        for flat in postings.values():
            if not (type(flat) is list and flat and len(flat) % 2 == 0):
                raise ValueError("search index postings")
            numbers = flat[::2]
            if not (
                all(type(d) is int for d in numbers)
                and min(numbers) >= 0
                and max(numbers) < len(docs)
                and all(type(x) is float for x in flat[1::2])
            ):
                raise ValueError("search index postings")
        table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for p, g in data["phrases"]:
            if not (p and all(isinstance(x, str) for x in [*p, *g])):
                raise ValueError("search index phrases")
            table.setdefault(p[0], []).append((tuple(p), tuple(g)))
        stems, families, synonyms, urgent = data["stems"], data["families"], data["synonyms"], data["urgent"]
        if not (isinstance(stems, dict) and all(type(v) is str for v in stems.values())):
            raise ValueError("search index stems")
        for strings in (families, urgent, *synonyms):
            if not (isinstance(strings, list) and all(isinstance(w, str) for w in strings)):
                raise ValueError("search index words")
        # the stems the index was built with (the cache key covers the stemmer): no stemming for known words
        _STEMS.update(stems)
        return cls(docs, postings, Phrases(table), _words(stems), families, synonyms, frozenset(stems), urgent)


def _name_groups(items: Sequence[Intervention]) -> list[tuple[str, list[str]]]:
    """One group per option (its names), one per family word (the word itself)."""
    groups: list[tuple[str, list[str]]] = [("~" + i.id, i.names) for i in items]
    families = sorted({f for i in items for f in i.families})
    groups += [("~" + "-".join(fold_words(f).split()), [f]) for f in families]
    return groups


def _section_texts(item: Intervention) -> list[tuple[str, list[str]]]:
    """(section key, its sentences) for every section of an option that has any."""
    s = item.setting
    out = [
        ("summary", [item.summary, item.mechanism.text]),
        ("like", [s.given_by, s.schedule, s.time_to_effect, s.daily_life]),
        (
            "work",
            [
                " ".join(x for x in (o.label, o.result or "", o.population, o.timeframe, o.study, o.note or "") if x)
                for o in item.outcomes
            ],
        ),
        ("common", [x.text for x in item.side_effects.common]),
        ("serious", [x.text for x in item.side_effects.serious]),
        ("unsuitable", [x.text for x in item.not_suitable_for]),
        ("lasting", [x.text for x in item.durability]),
        ("misconceptions", [x.text for x in item.misconceptions]),
        ("status", [item.status.note, *(f"{r.body}: {r.status}. {r.indication}" for r in item.regulatory)]),
        ("guidelines", [f"{g.body}: {g.position}" for g in item.guidelines]),
        ("evidence", [item.evidence.why]),
        ("cost", [x.text for x in item.access]),
        ("questions", list(item.questions_to_ask)),
    ]
    return [(k, [p for p in pieces if p]) for k, pieces in out if any(pieces)]


def build(
    items: Sequence[Intervention],
    faq: Sequence[FaqEntry],
    glossary: Sequence[GlossaryTerm],
    synonyms: Sequence[SynonymGroup],
) -> Index:
    """The index of a knowledge base (its options sorted by id, FAQ and glossary in the data's order)."""
    groups = [*(("~" + g.id, g.words) for g in synonyms), *_name_groups(items)]
    phrases = Phrases.build(groups)
    phrase_words = {w for _, ws in groups for x in ws for w in fold_words(x).split()}
    for w in STOP_WORDS:
        stem(w)
    labels = dict(SECTIONS)
    docs: list[Doc] = []
    fields: list[dict[str, str]] = []
    for n, f in enumerate(faq, start=1):
        docs.append(Doc("faq", str(n), f.question, "", [f.answer]))
        fields.append({"title": f.question, "text": f.answer})
    for item in sorted(items, key=lambda i: i.id):
        names = " ".join([item.name, *item.names, *item.families])
        for key, pieces in _section_texts(item):
            docs.append(Doc("section", item.id, item.short_name, key, pieces))
            names_field = "first names" if key == "summary" else "names"
            fields.append({"label": labels[key], names_field: names, "text": " ".join(pieces)})
    for g in glossary:
        docs.append(Doc("glossary", g.term, g.term, "", [g.definition]))
        fields.append({"title": " ".join([g.term, *g.aliases]), "text": g.definition})

    # BM25F (Robertson and Zaragoza): each field's term counts are normalised by that field's length
    # against its average length, weighted, added up, and only then saturated with k1
    field_tokens = [{name: tokens(text, phrases) for name, text in f.items()} for f in fields]
    words: set[str] = {w for f in fields for text in f.values() for w in fold_words(text).split()}
    totals: dict[str, list[int]] = {}
    for ft in field_tokens:
        for name, toks in ft.items():
            totals.setdefault(name, []).append(len(toks))
    avg = {name: (sum(ls) / len(ls)) or 1.0 for name, ls in totals.items()}
    counts: list[dict[str, float]] = []
    for ft in field_tokens:
        tf: dict[str, float] = {}
        for name, toks in ft.items():
            norm = WEIGHTS[name] / (1 - B + B * len(toks) / avg[name])
            for t in toks:
                tf[t] = tf.get(t, 0.0) + norm
        counts.append(tf)
    n_docs = len(docs)
    holders: dict[str, list[int]] = {}
    for d, tf in enumerate(counts):
        for t in tf:
            holders.setdefault(t, []).append(d)
    # every word whose stem the index holds: of the texts, of the synonyms and names, and the stop words
    known = frozenset(w for w in _STEMS if w in words or w in STOP_WORDS or w in phrase_words)
    postings: dict[str, list[Any]] = {}
    for t in sorted(holders):
        ds = holders[t]
        idf = math.log(1 + (n_docs - len(ds) + 0.5) / (len(ds) + 0.5))
        postings[t] = [x for d in ds for x in (d, round(idf * counts[d][t] * (K1 + 1) / (counts[d][t] + K1), 4))]
    return Index(
        docs,
        postings,
        phrases,
        _words(known),
        sorted({fold(f) for i in items for f in i.families}),
        [[fold(w) for w in g.words] for g in synonyms],
        known,
        ["~" + g.id for g in synonyms if g.urgent],
    )


def _words(words: Iterable[str]) -> list[str]:
    """The words a typo may be corrected to: every word of the knowledge base but stop words and numbers."""
    return sorted(w for w in words if w not in STOP_WORDS and not w.isdigit())


# --- queries ---------------------------------------------------------------------------------------


class Hit(NamedTuple):
    """A document a query found, its score, and the sentences of it that hold the query's words."""

    doc: Doc
    score: float
    pieces: list[str]


class Found(NamedTuple):
    """What a query found: the hits, best first, and how words not in the knowledge base were read."""

    hits: list[Hit]
    corrections: list[tuple[str, str]]  # (word typed, word of the knowledge base it was taken to be)
    unknown: list[str]  # words typed that match nothing, even corrected
    tokens: list[str] = []  # the query's tokens (for `quote`)
    urgent: bool = False  # the query holds a word of danger (a synonym group marked urgent)


def _correct(word: str, index: Index) -> str | None:
    """The knowledge base's word closest to a word that matches nothing (a typo), if one is close."""
    from difflib import get_close_matches

    close = get_close_matches(word, index.words, n=1, cutoff=0.8)
    return close[0] if close else None


def query_tokens(query: str, index: Index) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """The tokens of a query (each once), with the corrections made and the words that match nothing."""
    corrections: list[tuple[str, str]] = []
    unknown: list[str] = []
    words: list[str] = []
    for w in fold_words(query).split():
        if w not in STOP_WORDS and stem(w) not in index.postings and not tokens(w, index.phrases)[1:]:
            better = _correct(w, index)
            if better is not None and stem(better) in index.postings:
                corrections.append((w, better))
                w = better
            else:
                unknown.append(w)
        words.append(w)
    seen: list[str] = []
    for t in tokens(" ".join(words), index.phrases):
        if t not in seen:
            seen.append(t)
    return seen, corrections, unknown


def search(index: Index, query: str, cutoff: float = 0.3) -> Found:
    """Every document holding a token of the query, best first (ties: the index's order), without those
    that score less than `cutoff` times the best one."""
    toks, corrections, unknown = query_tokens(query, index)
    urgent = any(t in index.urgent for t in toks)
    scores: dict[int, float] = {}
    for t in toks:
        flat = index.postings.get(t, [])
        for d, s in zip(flat[::2], flat[1::2]):
            scores[d] = scores.get(d, 0.0) + s
    if not scores:
        return Found([], corrections, unknown, toks, urgent)
    best = max(scores.values())
    ranked = sorted((d for d, s in scores.items() if s >= cutoff * best), key=lambda d: (-scores[d], d))
    if urgent:  # words of danger: what the guide says about them first (where to get help), then the rest
        danger: dict[int, float] = {}
        for t in toks:
            if t in index.urgent:
                flat = index.postings.get(t, [])
                for d, s in zip(flat[::2], flat[1::2]):
                    danger[d] = danger.get(d, 0.0) + s
        if danger:
            top = max(danger.values())
            first = sorted((d for d, s in danger.items() if s >= URGENT_CUTOFF * top), key=lambda d: (-danger[d], d))
            ranked = first + [d for d in ranked if d not in first]
    hits = [Hit(index.docs[d], round(scores[d], 4), []) for d in ranked]
    return Found(hits, corrections, unknown, toks, urgent)


def quote(index: Index, hit: Hit, toks: Sequence[str]) -> Hit:
    """The hit with the sentences of it that hold most of the query's rarer tokens (at most two)."""
    # how much each token tells documents apart (rare tokens most), to choose the sentences to quote
    weights = {t: math.log(1 + 2 * len(index.docs) / len(index.postings[t])) for t in toks if t in index.postings}
    return hit._replace(pieces=_pieces(hit.doc, weights, index.phrases))


# a statement this long or shorter is quoted whole; a longer one by its matching sentences
WHOLE = 320
# a sentence that starts with one of these leans on the one before it, so the two are quoted together
LEANS_BACK = frozenset(
    ["this", "that", "these", "those", "it", "its", "they", "their", "but", "so", "also", "however", "such", "both"]
)


def _pieces(doc: Doc, weights: dict[str, float], phrases: Phrases) -> list[str]:
    """What to quote of a document: its statement, or passage of a long one, that holds most of the query's
    rarer tokens, and a second where it also matches and the two stay short (in the document's order)."""
    units: list[str] = []
    for piece in doc.pieces:
        text = " ".join(piece.split())
        if len(text) <= WHOLE:
            units.append(text)
            continue
        passages: list[str] = []
        for sentence in _sentences(text):
            first = fold_words(sentence).split()[:1]
            if passages and first and first[0] in LEANS_BACK:
                passages[-1] += " " + sentence
            else:
                passages.append(sentence)
        units += passages
    if doc.kind == "section":  # the option's own name says nothing about which of its sentences to quote
        weights = {t: w for t, w in weights.items() if t != "~" + doc.target}
    scored = sorted(
        ((sum(weights.get(t, 0.0) for t in set(tokens(u, phrases))), n) for n, u in enumerate(units)),
        key=lambda x: (-x[0], x[1]),
    )
    if not scored or scored[0][0] <= 0:
        return units[:1]
    chosen = [scored[0][1]]
    for score, n in scored[1:2]:
        if score > 0 and len(units[chosen[0]]) + len(units[n]) <= WHOLE:
            chosen.append(n)
    return [units[n] for n in sorted(chosen)]


def _sentences(text: str) -> list[str]:
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text) if s]


def export(index: Index) -> dict[str, Any]:
    """The index for the website's search: the same documents, tokens and scores as the command line's.

    A face that searches it splits a query into words as `folding.fold_words` does, drops `stop_words`,
    stems each word with the Snowball English stemmer, adds the group token of every phrase in `phrases`
    (sequences of stems) that the query holds, and adds up the scores in `postings` (flat lists of
    document number, score) for each distinct token; it keeps the documents that score at least
    `cutoff` times the best, best first, ties in document order. Where the query holds a token of `urgent`
    (words of danger), the documents that score at least `urgent_cutoff` times the best on those tokens alone
    come first, in that order, and the face shows where to get help before any result. The stem of every
    word the index knows is in `stems`; only a word that is not there needs the Snowball English stemmer.
    """
    out = index.to_json()
    out["stop_words"] = sorted(STOP_WORDS)
    out["cutoff"] = 0.3
    out["urgent_cutoff"] = URGENT_CUTOFF
    out["sections"] = [k for k, _ in SECTIONS]
    return out
