"""Shared helpers: build small knowledge bases on disk for tests of the loader and the CLI."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml


def ref(rid: str = "ref-one", **over: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": rid,
        "kind": "rct",
        "citation": f"Author A. A study called {rid}. J Test 2020;1:1-2.",
        "year": 2020,
        "doi": f"10.1000/{rid}",
    }
    d.update(over)
    return d


SHORT_TEXTS = {
    "work": "About 30 in 100 improved by half, against about 10 in 100 with sham: about 20 more in 100.",
    "soon": "Often within a few weeks.",
    "like": "A clinic visit on weekdays. You stay awake.",
    "common": "Headache.",
    "serious": "Rare serious problems.",
    "unsuitable": "People with metal implants.",
    "lasting": "Not well known.",
    "status": "Cleared in the US.",
    "evidence": "Moderate: several trials.",
    "cost": "Insurers differ.",
}


def short_answers(**over: str) -> dict[str, Any]:
    """The ten short answers of a record, each citing `ref-one`; `over` replaces texts by key."""
    return {k: {"text": over.get(k, t), "refs": ["ref-one"]} for k, t in SHORT_TEXTS.items()}


def record(rid: str = "alpha", **over: Any) -> dict[str, Any]:
    """A complete, valid intervention record citing `ref-one`."""
    st = {"text": "A plain statement.", "refs": ["ref-one"]}
    d: dict[str, Any] = {
        "id": rid,
        "name": f"Treatment {rid.title()}",
        "short_name": rid.upper(),
        "aliases": [f"{rid}-alias"],
        "category": "neuromodulation",
        "summary": "A short plain summary without figures.",
        "mechanism": copy.deepcopy(st),
        "setting": {
            "where": ["clinic"],
            "given_by": "A nurse.",
            "anaesthesia": "none",
            "schedule": "Every weekday for a few weeks.",
            "time_to_effect": "A few weeks.",
            "daily_life": "You can go home afterwards.",
            "refs": ["ref-one"],
        },
        "status": {"label": "approved", "note": "US: cleared"},
        "regulatory": [
            {
                "region": "US",
                "body": "FDA",
                "status": "Cleared",
                "year": 2010,
                "indication": "Depression.",
                "refs": ["ref-one"],
            }
        ],
        "guidelines": [{"body": "NICE", "year": 2022, "position": "May be used.", "refs": ["ref-one"]}],
        "outcomes": [
            {
                "measure": "response",
                "label": "symptoms fell by half or more (response)",
                "per_100": {"value": 30},
                "comparator": {"label": "sham", "kind": "sham", "per_100": {"value": 10}},
                "population": "Adults with depression",
                "timeframe": "after 4 weeks",
                "threshold": "50% drop on HAM-D",
                "study": "Trial of 100 people",
                "design": "rct",
                "refs": ["ref-one"],
            }
        ],
        "side_effects": {"common": [copy.deepcopy(st)], "serious": [copy.deepcopy(st)]},
        "not_suitable_for": [copy.deepcopy(st)],
        "durability": [copy.deepcopy(st)],
        "access": [copy.deepcopy(st)],
        "questions_to_ask": ["How long does it take?"],
        "evidence": {"certainty": "moderate", "why": "Several trials.", "refs": ["ref-one"]},
        "short": short_answers(),
        "related": [],
        "references": ["ref-one"],
        "last_reviewed": "2026-01-01",
    }
    d.update(over)
    return d


def dump(data: Any) -> str:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    # YAML dates: write ISO strings unquoted so they load as dates
    return text.replace("'2026-01-01'", "2026-01-01")


# a knowledge base needs at least one crisis line (E112): written unless `extra` gives crisis.yaml. No
# `number`, so the footer is the general pointer (wording.CRISIS_POINTER), whatever the reader's region.
CRISIS_LINE = {
    "region": "INTL",
    "region_name": "Everywhere",
    "service": "Find A Helpline",
    "contact": "findahelpline.com",
    "hours": "Varies",
    "url": "https://findahelpline.com",
    "checked": "2026-01-01",
    "source": "https://findahelpline.com",
}


def write_kb(
    root: Path,
    records: list[dict[str, Any]] | None = None,
    refs: list[dict[str, Any]] | None = None,
    extra: dict[str, str] | None = None,
) -> Path:
    """Write a knowledge base folder; `extra` maps relative paths to raw file text (crisis.yaml: see
    CRISIS_LINE)."""
    (root / "interventions").mkdir(parents=True, exist_ok=True)
    (root / "references").mkdir(exist_ok=True)
    for r in records if records is not None else [record()]:
        (root / "interventions" / f"{r['id']}.yaml").write_text(dump(r), encoding="utf-8")
    (root / "references" / "refs.yaml").write_text(dump(refs if refs is not None else [ref()]), encoding="utf-8")
    if "crisis.yaml" not in (extra or {}):
        (root / "crisis.yaml").write_text(dump([CRISIS_LINE]), encoding="utf-8")
    for rel, text in (extra or {}).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb", [record("alpha"), record("beta", aliases=["b-alias"])])


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never write to the real user cache folder."""
    import os

    os.environ["TRDGUIDE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # the footer's crisis line follows the reader's region: tests run with none, whatever the machine's locale
    os.environ["LANG"] = "C.UTF-8"
    for var in ("LC_ALL", "LC_MESSAGES", "TRDGUIDE_REGION", "LANGUAGE", "TRDGUIDE_LANG"):
        os.environ.pop(var, None)


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Any:
    """A test that switches language (--lang, a test catalog) leaves the next test in English."""
    yield
    from trdguide import i18n

    i18n.use_catalog(i18n.SOURCE, None)


@pytest.fixture
def es() -> Any:
    """Spanish for one test, English again afterwards (whatever the test does)."""
    from trdguide import i18n

    i18n.set_language("es")
    try:
        yield
    finally:
        i18n.set_language("en")
