"""One search over everything (trdguide/search.py): `search WORDS`, `faq WORDS` and `list --search`.

Everyday questions, typed as people type them, find the right part of the guide first; the cache makes a
search faster, never different; the exported index gives the website the same answers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import dump, record, write_kb
from typer.testing import CliRunner

from trdguide import cache, search
from trdguide.cli import app
from trdguide.folding import fold_words
from trdguide.knowledge import KnowledgeBase
from trdguide.loader import DataError, load

runner = CliRunner()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(load(None))  # the bundled knowledge base, straight from the YAML


def first(kb: KnowledgeBase, query: str) -> str:
    hits = kb.search(query).hits
    assert hits, f"nothing found for {query!r}"
    h = hits[0]
    return f"{h.kind}:{h.target}" + (f":{h.section}" if h.section else "")


# (what a person types, what the guide should show first). Pinned on the bundled knowledge base: when
# content changes, a change here must be a better first answer, not a worse one.
EVERYDAY = [
    # safety: driving, misuse, pregnancy, young people, implants, memory, weight
    ("can i drive after spravato", "faq:27"),
    ("can i drive after ect", "section:ect:like"),
    ("is ketamine addictive", "faq:28"),
    ("esketamine addiction", "faq:28"),
    ("pregnant", "faq:24"),
    ("pregnancy and lithium", "section:lithium:unsuitable"),
    ("breastfeeding", "faq:24"),
    ("breast feeding", "faq:24"),
    ("is esketamine safe when pregnant", "faq:24"),
    ("teenager", "faq:26"),
    ("teenagers", "faq:26"),
    ("under 18", "faq:26"),
    ("memory loss ect", "section:ect:serious"),
    ("does ect cause memory loss", "section:ect:serious"),
    ("weight gain aripiprazole", "section:aripiprazole:summary"),
    ("weight gain", "faq:29"),
    ("pacemaker", "faq:25"),
    ("can i have tms with a pacemaker", "faq:25"),
    ("withdrawal", "faq:28"),
    ("antidepressant withdrawal", "faq:28"),
    ("seizure risk tms", "section:rtms:serious"),
    ("side effects of tms", "section:rtms:serious"),
    ("blood pressure ketamine", "section:iv-ketamine:unsuitable"),
    ("lithium blood tests", "section:lithium:cost"),
    ("lithium kidney", "section:lithium:unsuitable"),
    ("older people ect", "section:ect:guidelines"),
    # cost and access
    ("how much does ect cost", "section:ect:cost"),
    ("how much does rtms cost", "section:rtms:cost"),
    ("medicare tms", "section:rtms:cost"),
    ("nhs ect", "section:ect:cost"),
    ("ect cost ireland", "section:ect:cost"),
    ("cost of esketamine in australia", "section:esketamine:cost"),
    ("is spravato covered in australia", "section:esketamine:cost"),
    # lay words, brand names and misspellings
    ("mushrooms", "section:psilocybin:summary"),
    ("magic mushrooms depression", "section:psilocybin:summary"),
    ("shock therapy", "section:ect:summary"),
    ("electroshock", "section:ect:summary"),
    ("electroconvulsive", "section:ect:summary"),
    ("ketamin", "glossary:Racemic ketamine"),
    ("esketamin", "section:esketamine:summary"),
    ("ketmine clinic", "section:iv-ketamine:summary"),
    ("auvelity", "section:dxm-bupropion:summary"),
    ("rexulti", "section:brexpiprazole:summary"),
    ("abilify", "section:aripiprazole:summary"),
    ("light therapy", "section:bright-light:questions"),
    ("deep brain stimulation", "section:dbs:summary"),
    ("vagus nerve stimulation", "section:vns:summary"),
    ("what is tms like", "section:rtms:like"),
    # the guide's own questions, in other words
    ("how soon does ketamine work", "faq:12"),
    ("what does response mean", "faq:20"),
    ("what is remission", "glossary:Remission"),
    ("is tms fda approved", "faq:22"),
    ("psychedelics", "faq:23"),
    ("crisis", "faq:18"),
    ("i want to die", "faq:18"),
    ("stigma", "faq:6"),
    ("how is esketamine different from iv ketamine", "faq:21"),
    ("dissociation", "glossary:Dissociation"),
]


@pytest.mark.parametrize(("query", "expected"), EVERYDAY, ids=[q for q, _ in EVERYDAY])
def test_everyday_questions_find_the_right_answer_first(kb: KnowledgeBase, query: str, expected: str) -> None:
    assert first(kb, query) == expected


# the same kind of questions in Spanish, on the knowledge base in Spanish: its everyday words are in the
# synonym groups (data/synonyms.yaml) beside the English ones
EVERYDAY_ES = [
    ("la ketamina es adictiva", "faq:28"),
    ("puedo manejar después de spravato", "faq:27"),
    ("embarazo", "faq:24"),
    ("estoy embarazada", "faq:24"),
    ("quiero matarme", "faq:18"),
]


@pytest.fixture(scope="module")
def kb_es() -> KnowledgeBase:
    return KnowledgeBase.load(lang="es")


@pytest.mark.parametrize(("query", "expected"), EVERYDAY_ES, ids=[q for q, _ in EVERYDAY_ES])
def test_everyday_questions_in_spanish_find_the_right_answer_first(
    kb_es: KnowledgeBase, query: str, expected: str
) -> None:
    assert first(kb_es, query) == expected


def test_there_are_at_least_40_pinned_queries() -> None:
    assert len(EVERYDAY) >= 40


def typed(question: str) -> str:
    """A question as a person types it: lower case, no punctuation, one word in another form (the
    longest word loses or gains a plural s)."""
    words = fold_words(question).split()
    n = max(range(len(words)), key=lambda i: (len(words[i]), -i))
    words[n] = words[n][:-1] if words[n].endswith("s") else words[n] + "s"
    return " ".join(words)


def test_every_faq_question_typed_as_a_person_would_finds_itself_first(kb: KnowledgeBase) -> None:
    for n, f in enumerate(kb.store.faq, start=1):
        query = typed(f.question)
        assert query != fold_words(f.question)
        for faq_first in (False, True):
            h = kb.search(query, faq_first).hits[0]
            assert (h.kind, h.target) == ("faq", str(n)), (query, faq_first, h)


# --- words as people write them -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [("addictive", "addiction"), ("driving", "drive"), ("costs", "cost"), ("teenagers", "teenager")],
)
def test_word_forms_share_a_stem(a: str, b: str) -> None:
    assert search.stem(a) == search.stem(b)


def test_synonyms_add_their_group_token(kb: KnowledgeBase) -> None:
    index = kb.store.search_index()
    for a, b in [("pregnant", "breastfeeding"), ("teenager", "under 18"), ("mushrooms", "psilocybin")]:
        shared = set(search.tokens(a, index.phrases)) & set(search.tokens(b, index.phrases))
        assert any(t.startswith("~") for t in shared), (a, b)
    # a brand name and the option's own name share its token, so "spravato" finds text about esketamine
    assert "~esketamine" in search.tokens("Spravato", index.phrases)
    # a phrase inside a longer one adds nothing more: "deep TMS" is not also plain rTMS
    assert "~rtms" not in search.tokens("deep TMS", index.phrases)


def test_a_misspelled_word_is_read_as_the_closest_word_and_said_so(kb: KnowledgeBase) -> None:
    v = kb.search("ketmine")
    assert v.corrections == [("ketmine", "ketamine")]
    r = runner.invoke(app, ["search", "ketmine"])
    assert "'ketmine' is not a word in this guide, so it was read as 'ketamine'." in r.output


# --- names and families: a choice, never one of several opened -----------------------------------------


@pytest.mark.parametrize(
    ("words", "members"),
    [
        ("antipsychotics", {"aripiprazole", "brexpiprazole", "cariprazine", "quetiapine-xr", "olanzapine-fluoxetine"}),
        ("augmentation", {"aripiprazole", "lithium", "thyroid-t3"}),
        ("magnetic", {"rtms", "deep-tms", "itbs", "mst", "snt"}),
    ],
)
def test_family_words_offer_a_choice(kb: KnowledgeBase, words: str, members: set[str]) -> None:
    v = kb.search(words)
    assert members <= {b.id for b in v.choice} and v.named is None
    r = runner.invoke(app, ["faq", words])
    assert r.exit_code == 0 and "names more than one treatment option" in r.output
    assert all(f"trdguide show {m}" in r.output for m in members)


def test_a_brand_name_is_noted_with_its_option(kb: KnowledgeBase) -> None:
    v = kb.search("spravato")
    assert v.named is not None and v.named.id == "esketamine" and not v.choice


# --- the commands --------------------------------------------------------------------------------------


def test_faq_takes_unquoted_words_and_shows_answers_then_options_then_terms() -> None:
    r = runner.invoke(app, ["--no-pager", "faq", "spravato", "drive", "--format", "text"])
    assert r.exit_code == 0, r.output
    out = " ".join(r.output.split())
    faq, options = out.index("From the frequently asked questions"), out.index("In the treatment options")
    assert faq < options
    assert "In full: trdguide faq 21" in out
    assert "Esketamine, What it is like:" in out and "not to drive" in out and "(trdguide show esketamine)" in out


def test_faq_number_still_opens_that_question(kb: KnowledgeBase) -> None:
    r = runner.invoke(app, ["faq", "3", "--format", "text"])
    assert r.exit_code == 0 and kb.store.faq[2].question in r.output and "Search:" not in r.output
    r = runner.invoke(app, ["faq", "999"])
    assert r.exit_code == 1 and "No FAQ question number (there are" in r.output


def test_search_has_no_faq_preference(kb: KnowledgeBase) -> None:
    r = runner.invoke(app, ["search", "memory", "loss", "ect", "--format", "json"])
    data = json.loads(r.output)
    assert r.exit_code == 0 and data["data"]["faq_first"] is False
    first_result = data["data"]["results"][0]
    assert (first_result["kind"], first_result["target"], first_result["section"]) == ("section", "ect", "serious")
    assert first_result["command"] == "trdguide show ect" and first_result["section_label"] == "Serious risks"


def test_no_match_is_never_a_dead_end() -> None:
    r = runner.invoke(app, ["faq", "zzqx", "blorp"])
    assert r.exit_code == 0 and not r.stderr
    assert "Nothing in this guide matches 'zzqx blorp'." in r.output
    assert "trdguide faq" in r.output and "trdguide crisis" in r.output
    r = runner.invoke(app, ["search", "hyperbaric"])
    assert r.exit_code == 0 and "Nothing in this guide matches 'hyperbaric'." in r.output


def test_no_match_suggests_close_words() -> None:
    r = runner.invoke(app, ["search", "stimulaton", "zzqx"])  # one word corrected: results
    assert "read as 'stimulation'" in r.output
    r = runner.invoke(app, ["search", "xketamixx"])
    assert "Close words in this guide: ketamine, esketamine." in r.output


def test_search_needs_words() -> None:
    r = runner.invoke(app, ["search", "  ", "..."])
    assert r.exit_code == 2 and "Give some words to search for" in r.output
    r = runner.invoke(app, ["search"])
    assert r.exit_code == 2


def test_list_search_uses_the_index() -> None:
    r = runner.invoke(app, ["list", "--search", "pregnant", "--format", "json"])
    ids = {o["id"] for o in json.loads(r.output)["data"]["interventions"]}
    assert {"esketamine", "zuranolone", "lithium"} <= ids and "exercise" not in ids


def test_results_are_not_markup(tmp_path: Path) -> None:
    faq = [{"id": "qq", "question": "What about [bold]zebras[/bold]?", "answer": "Zebras [red]are striped[/red]."}]
    root = write_kb(tmp_path / "kb", [record("alpha")], extra={"faq.yaml": dump(faq)})
    r = runner.invoke(app, ["--data", str(root), "faq", "zebras"])
    assert r.exit_code == 0 and "[bold]zebras[/bold]" in r.output and "[red]are striped[/red]" in r.output


# --- the synonyms file: validated like the rest -----------------------------------------------------------


def test_a_synonym_group_needs_two_words(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record("alpha")], extra={"synonyms.yaml": dump([{"id": "x-y", "words": ["a"]}])})
    with pytest.raises(DataError) as exc:
        load(root)
    [p] = exc.value.problems
    assert p.file.endswith("synonyms.yaml") and "words" in p.field


def test_a_clinics_synonyms_are_searched(tmp_path: Path) -> None:
    extra = {
        "faq.yaml": dump([{"id": "qq", "question": "Where is the clinic?", "answer": "On the hill by the river."}]),
        "synonyms.yaml": dump(
            [{"id": "place", "words": ["address", "where is"]}, {"id": "hills", "words": ["hill", "mound"]}]
        ),
    }
    root = write_kb(tmp_path / "kb", [record("alpha")], extra=extra)
    found = KnowledgeBase(load(root)).search("mound")
    assert [(h.kind, h.target) for h in found.hits] == [("faq", "1")]


# --- the cache makes a search faster, never different -----------------------------------------------------

QUERIES = [
    "can i drive after spravato",
    "pregnant",
    "ketmine",
    "antipsychotics",
    "zzqx",
    "how much does ect cost",
    "zzzzzzz",
]


def outputs(env: dict[str, str]) -> list[tuple[int, str]]:
    out = []
    for q in QUERIES:
        for cmd in ("search", "faq"):
            r = runner.invoke(app, [cmd, *q.split(), "--format", "json"], env=env)
            out.append((r.exit_code, r.output))
    return out


def test_same_results_with_and_without_the_cache(tmp_path: Path) -> None:
    env = {"TRDGUIDE_CACHE_DIR": str(tmp_path / "cache")}
    ref = outputs({"TRDGUIDE_NO_CACHE": "1"})
    assert outputs(env) == ref  # cold: writes the cache (with the index)
    assert outputs(env) == ref  # warm: the index read from the cache


def test_the_cached_index_is_the_built_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRDGUIDE_NO_CACHE", raising=False)
    cache.open_store(None)  # writes the cache
    store = cache.open_store(None)
    assert store._search_line is not None, "read from the cache"
    b = load(None)
    assert store.search_index() == search.build(b.interventions, b.faq, b.glossary, b.synonyms)


def test_a_damaged_cached_index_falls_back_to_the_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRDGUIDE_NO_CACHE", raising=False)
    yaml_kb = KnowledgeBase(load(None))  # straight from the YAML
    ref = [(v.hits, v.choice) for v in (yaml_kb.search(q) for q in QUERIES)]
    cache.open_store(None)
    [path] = [p for p in (tmp_path / "cache" / "trdguide").iterdir() if p.name.startswith("kb-")]
    raw = path.read_bytes()
    assert raw.count(b'"ketamin":[') == 1
    # a word of the index renamed, in place (every other line stays where it was)
    path.write_bytes(raw.replace(b'"ketamin":[', b'"zzzzzzz":['))
    kb = KnowledgeBase.load(None)
    assert kb.store._search_line is not None, "the cache was read"
    assert [(v.hits, v.choice) for v in (kb.search(q) for q in QUERIES)] == ref


# --- the export for the website -----------------------------------------------------------------------------


def site_search(data: dict[str, object], query: str) -> list[int]:
    """The website's search, written from the export's own description (search.export): tokenise, add up."""
    stop = set(data["stop_words"])  # type: ignore[arg-type]
    stems = [search.stem(w) for w in fold_words(query).split()]
    words = fold_words(query).split()
    toks = [s for w, s in zip(words, stems) if w not in stop]
    phrases = sorted(data["phrases"], key=lambda p: -len(p[0]))  # type: ignore[arg-type]
    covered = 0
    for i in range(len(stems)):
        if i < covered:
            continue
        for p, groups in phrases:
            if stems[i : i + len(p)] == p:
                toks += groups
                covered = i + len(p)
                break
    scores: dict[int, float] = {}
    postings = data["postings"]
    for t in dict.fromkeys(toks):
        flat = postings.get(t, [])  # type: ignore[attr-defined]
        for d, s in zip(flat[::2], flat[1::2]):
            scores[d] = scores.get(d, 0.0) + s
    if not scores:
        return []
    best = max(scores.values())
    cutoff = float(data["cutoff"])  # type: ignore[arg-type]
    ranked = sorted((d for d, s in scores.items() if s >= cutoff * best), key=lambda d: (-scores[d], d))
    danger: dict[int, float] = {}
    for t in dict.fromkeys(toks):
        if t in data["urgent"]:  # type: ignore[operator]
            flat = postings.get(t, [])  # type: ignore[attr-defined]
            for d, s in zip(flat[::2], flat[1::2]):
                danger[d] = danger.get(d, 0.0) + s
    if danger:
        top, share = max(danger.values()), float(data["urgent_cutoff"])  # type: ignore[arg-type]
        first = sorted((d for d, s in danger.items() if s >= share * top), key=lambda d: (-danger[d], d))
        ranked = first + [d for d in ranked if d not in first]
    return ranked


def test_the_export_gives_the_website_the_same_answers(kb: KnowledgeBase) -> None:
    data = json.loads(json.dumps(kb.search_export()))  # as the site's static file holds it
    docs = data["docs"]
    for query in [q for q, _ in EVERYDAY] + ["i want to die", "self-harm", "suicidal thoughts"]:
        if query in ("ketamin", "ketmine clinic"):  # corrections of typos are the command line's extra
            continue
        ours = [(h.kind, h.target, h.section) for h in kb.search(query, limit=50).hits]
        theirs = [tuple(docs[d][:2]) + (docs[d][3],) for d in site_search(data, query)][:50]
        assert ours == theirs, query


@pytest.mark.parametrize(
    "args",
    [
        ["search", "is", "ketamine", "addictive"],
        ["faq", "spravato", "drive"],
        ["search", "driving", "--format", "json"],
    ],
)
def test_a_warm_search_reads_no_record_and_stems_nothing(warm_cache: Path, args: list[str]) -> None:
    """A search answers from the cached index: no record model is built, and
    the stems of the knowledge base's words are in the index, so the stemmer is not imported either."""
    from test_startup import imported_after

    env = {"TRDGUIDE_CACHE_DIR": str(warm_cache)}
    run = (
        "import sys, io, contextlib\nfrom trdguide.cli import app\n"
        f"sys.argv={['trdguide', *args]!r}\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        app()\n    except SystemExit:\n        pass"
    )
    mods = imported_after(run, env)
    assert "trdguide.models" not in mods and "yaml" not in mods
    assert "snowballstemmer" not in mods


@pytest.mark.parametrize("words", [["i", "want", "to", "die"], ["suicidal"], ["kill", "myself"], ["self-harm"]])
def test_words_of_danger_show_where_to_get_help_first(words: list[str], kb: KnowledgeBase) -> None:
    r = runner.invoke(app, ["faq", *words, "--format", "text"])
    out = " ".join(r.output.split())
    assert r.exit_code == 0
    help_at = out.index("If you are thinking about suicide or might not stay safe, please get help now.")
    assert help_at < out.index("From the frequently asked questions")
    assert "Crisis lines where you are: trdguide crisis" in out
    crisis = next(n for n, f in enumerate(kb.store.faq, start=1) if f.id == "crisis")
    assert kb.search(" ".join(words), True).hits[0].target == str(crisis)


@pytest.mark.parametrize(
    "words",
    [
        ["suicidio"],
        ["quiero", "matarme"],
        ["me", "quiero", "suicidar"],
        ["no", "quiero", "vivir"],
        ["quitarme", "la", "vida"],
        ["autolesión"],
        ["ayuda", "urgente"],
        ["emergencia"],
    ],
)
def test_spanish_words_of_danger_show_where_to_get_help_first(words: list[str], kb: KnowledgeBase) -> None:
    """A search in Spanish never dead-ends on words of danger: help comes first, then the crisis answer."""
    r = runner.invoke(app, ["search", *words, "--format", "text"], env={"COLUMNS": "80"})
    out = " ".join(r.output.split())
    assert r.exit_code == 0
    help_at = out.index("If you are thinking about suicide or might not stay safe, please get help now.")
    assert help_at < out.index("What the guide says") < out.index("FAQ 18. What should I do in a crisis?")
    assert "Nothing in this guide matches" not in out
    crisis = next(n for n, f in enumerate(kb.store.faq, start=1) if f.id == "crisis")
    found = kb.search(" ".join(words))
    assert found.urgent and found.hits[0].target == str(crisis)


def test_other_words_show_no_alarm(kb: KnowledgeBase) -> None:
    for query in ("can i drive after spravato", "pregnant", "zzqx"):
        assert not kb.search(query).urgent
    data = json.loads(runner.invoke(app, ["search", "suicidal", "--format", "json"]).output)
    assert data["data"]["urgent"].startswith("If you are thinking about suicide")
