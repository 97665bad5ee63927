"""Invariants of the bundled knowledge base: the content is the product."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from trdguide.knowledge import KnowledgeBase
from trdguide.lint import DOSE, FIGURE, PLACEHOLDER, PROMO
from trdguide.loader import Bundle, load
from trdguide.models import Statement, walk_texts

REQUIRED = {
    "current-care",
    "switch-antidepressant",
    "combine-antidepressants",
    "aripiprazole",
    "brexpiprazole",
    "quetiapine-xr",
    "cariprazine",
    "olanzapine-fluoxetine",
    "lithium",
    "thyroid-t3",
    "esketamine",
    "iv-ketamine",
    "ect",
    "rtms",
    "itbs",
    "snt",
    "deep-tms",
    "vns",
    "dbs",
    "mst",
    "psychotherapy",
    "mbct",
    "psilocybin",
    "mdma",
    "exercise",
    "bright-light",
    "peer-support",
    "digital-tools",
    "dxm-bupropion",
    "zuranolone",
}


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load()


def all_texts(b: Bundle) -> Iterator[tuple[str, str]]:
    """Every sentence of the knowledge base, through the one walker the linter uses too."""
    for i in b.interventions:
        for path, text, _ in walk_texts(i):
            yield f"{i.id} {path}", text
    for kind, entries in (("faq", b.faq), ("glossary", b.glossary), ("h2h", b.head_to_head)):
        for e in entries:
            for path, text, _ in walk_texts(e):
                yield f"{kind} {path}", text


def test_the_walker_sees_every_field_that_holds_sentences(bundle: Bundle) -> None:
    """A new field with sentences in it is walked without anyone having to add it to a list."""
    paths = {p.split("[")[0].split(".")[0] for i in bundle.interventions for p, _, _ in walk_texts(i)}
    assert {"name", "summary", "mechanism", "setting", "status", "regulatory", "guidelines", "outcomes"} <= paths
    assert {"side_effects", "not_suitable_for", "durability", "access", "evidence", "short"} <= paths
    assert {"questions_to_ask", "misconceptions"} <= paths
    refs = {r for i in bundle.interventions for _, _, rs in walk_texts(i) for r in rs}
    assert refs <= set(bundle.references) and refs <= {r for i in bundle.interventions for r in i.all_ref_ids()}


def test_bundled_base_loads_and_covers_the_list(bundle: Bundle) -> None:
    ids = {i.id for i in bundle.interventions}
    assert ids >= REQUIRED, f"missing: {sorted(REQUIRED - ids)}"


def test_every_intervention_has_references_harms_and_benefit_information(bundle: Bundle) -> None:
    for i in bundle.interventions:
        assert i.references, i.id
        assert i.side_effects.common and i.side_effects.serious, i.id
        assert i.outcomes or i.misconceptions, f"{i.id}: no outcomes and no correction"


def test_outcomes_carry_source_and_time_frame(bundle: Bundle) -> None:
    outcomes = [o for i in bundle.interventions for o in i.outcomes]
    outcomes += [o for h in bundle.head_to_head for o in h.outcomes]
    assert len(outcomes) >= 40
    for o in outcomes:
        assert o.refs and o.timeframe.strip() and o.study.strip() and o.population.strip()


def test_every_reference_is_used(bundle: Bundle) -> None:
    unused = sorted(set(bundle.references) - bundle.cited_reference_ids())
    assert not unused, f"references defined but never cited: {unused}"


def test_no_placeholder_promotional_or_dosing_text(bundle: Bundle) -> None:
    for where, text in all_texts(bundle):
        assert not PLACEHOLDER.search(text), (where, text)
        assert not PROMO.search(text), (where, text)
        assert not DOSE.search(text), (where, text)


def test_summaries_have_no_figures(bundle: Bundle) -> None:
    for i in bundle.interventions:
        assert not FIGURE.search(i.summary), i.id


def test_statements_with_numbers_are_cited(bundle: Bundle) -> None:
    for i in bundle.interventions:
        groups: list[list[Statement]] = [
            i.side_effects.common,
            i.side_effects.serious,
            i.not_suitable_for,
            i.durability,
            i.access,
            i.misconceptions,
        ]
        for st in (s for g in groups for s in g):
            assert st.refs, (i.id, st.text)


def test_investigational_and_unapproved_are_labelled(bundle: Bundle) -> None:
    labels = {i.id: i.status.label.value for i in bundle.interventions}
    for iid in ("dbs", "mst", "psilocybin"):
        assert labels[iid] == "investigational", iid
    assert labels["mdma"] == "not-approved"
    assert labels["iv-ketamine"] == "off-label"
    assert labels["zuranolone"] == "approved-for-other-use"


def test_faq_glossary_crisis_sizes(bundle: Bundle) -> None:
    assert len(bundle.faq) >= 18
    assert len(bundle.glossary) >= 30
    regions = {c.region for c in bundle.crisis}
    assert {"US", "CA", "UK", "IE", "AU", "INTL"} <= regions
    us = [c for c in bundle.crisis if c.region == "US"]
    assert any("988" in c.contact for c in us)


def test_key_names_resolve(bundle: Bundle) -> None:
    kb = KnowledgeBase(bundle)
    assert kb.resolve("tms").id == "rtms"
    assert kb.resolve("ketamine").id == "iv-ketamine"
    assert kb.resolve("Spravato").id == "esketamine"
    assert {"itbs", "snt", "deep-tms"} <= {r.id for r in kb.see_also([kb.resolve("tms")])}
    assert "esketamine" in {r.id for r in kb.see_also([kb.resolve("ketamine")])}


def test_ketamine_vs_ect_trials_present(bundle: Bundle) -> None:
    kb = KnowledgeBase(bundle)
    trials = kb.head_to_head_for(["iv-ketamine", "ect"])
    assert len(trials) >= 2


def test_headline_result_is_a_controlled_one_where_there_is_one(bundle: Bundle) -> None:
    """compare shows the first results: an uncontrolled figure must not lead when a controlled one exists."""
    controlled = {"rct", "meta-analysis"}
    for i in bundle.interventions:
        if i.id == "current-care":  # its headline is usual care after treatments have failed, by design
            continue
        if any(o.design.value in controlled for o in i.outcomes):
            assert i.outcomes[0].design.value in controlled, i.id


def test_not_changing_anything_leads_with_people_whose_treatments_have_failed(bundle: Bundle) -> None:
    """The "not changing anything yet" option must not lead with a first-treatment result (issue 17)."""
    care = next(i for i in bundle.interventions if i.id == "current-care")
    lead = care.outcomes[0]
    assert "treatment resistance" in lead.population and "first" not in lead.label, lead.label
    assert care.short is not None and set(care.short.work.refs) <= set(lead.refs)
    assert "18 in 100" in care.short.work.text and "failed treatments" in care.short.work.text


def test_safety_questions_are_answered_and_cited(bundle: Bundle) -> None:
    """The safety topics people ask about each have a cited FAQ answer (issue 17)."""
    faq = {f.id: f for f in bundle.faq}
    for fid in (
        "pregnancy-and-breastfeeding",
        "implants-and-metal",
        "children-and-teenagers",
        "driving-after-treatment",
        "misuse-dependence-withdrawal",
        "antipsychotic-weight-gain",
    ):
        assert faq[fid].refs and set(faq[fid].refs) <= set(bundle.references), fid
    assert "trdguide crisis" in faq["children-and-teenagers"].answer
