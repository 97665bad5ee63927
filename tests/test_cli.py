"""The command line, on a small knowledge base written by the tests (content-independent behaviour)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import dump, record, write_kb
from typer.testing import CliRunner

from trdguide import __version__
from trdguide.cli import app
from trdguide.wording import CRISIS_POINTER, DISCLAIMER

ANSI = re.compile(r"\x1b\[")
runner = CliRunner()

FAQ = [
    {"id": "what-is", "question": "What is a test?", "answer": "A test checks that things work."},
    {
        "id": "side",
        "question": "What about side effects?",
        "answer": "Every treatment can have them.",
        "refs": ["ref-one"],
        "related": ["alpha"],
    },
]
GLOSSARY = [
    {"term": "Remission", "definition": "Few or no symptoms left."},
    {"term": "Response", "definition": "Symptoms fell by half or more.", "aliases": ["responder"]},
]
CRISIS = [
    {
        "region": "US",
        "region_name": "United States",
        "service": "988 Lifeline",
        "contact": "Call or text 988",
        "hours": "24 hours",
        "url": "https://988lifeline.org",
        "checked": "2026-01-01",
        "source": "https://988lifeline.org",
    },
    {
        "region": "INTL",
        "region_name": "Everywhere else",
        "service": "Find A Helpline",
        "contact": "Visit findahelpline.com",
        "hours": "Varies",
        "url": "https://findahelpline.com",
        "checked": "2026-01-01",
        "source": "https://findahelpline.com",
    },
]
H2H = [
    {
        "id": "trial-ab",
        "title": "Alpha vs Beta trial",
        "interventions": ["alpha", "beta"],
        "summary": "One trial compared them directly.",
        "outcomes": [
            dict(record()["outcomes"][0], comparator={"label": "Beta", "kind": "active", "per_100": {"value": 20}})
        ],
        "refs": ["ref-one"],
    },
]


def _dump(x: object) -> str:
    return dump(x).replace("'2026-01-01'", "2026-01-01")


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    gamma = record(
        "gamma",
        category="medication",
        aliases=["gam"],
        setting=dict(record()["setting"], where=["home"], anaesthesia="general"),
        status={"label": "investigational", "note": "Research only"},
        related=["alpha"],
    )
    return write_kb(
        tmp_path / "kb",
        [record("alpha", related=["gamma"]), record("beta", aliases=["b-alias", "[bold]markup[/]"]), gamma],
        extra={
            "faq.yaml": _dump(FAQ),
            "glossary.yaml": _dump(GLOSSARY),
            "crisis.yaml": _dump(CRISIS),
            "head_to_head/trials.yaml": _dump(H2H),
        },
    )


def run(kb: Path, *args: str, **env: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data", str(kb), *args], env=env or None)


def flat(out: str) -> str:
    """Output with line wrapping undone, for assertions on sentences."""
    return " ".join(out.split())


def framed_once(out: str) -> None:
    text = flat(out)
    assert text.count("Education, not medical advice") == 1
    assert text.count("In crisis or suicidal?") == 1
    assert "988" in text and "trdguide crisis" in text


def test_version_and_help() -> None:
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"trdguide {__version__}"
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for cmd in ("list", "show", "compare", "faq", "glossary", "crisis", "about"):
        assert cmd in r.stdout
    r = runner.invoke(app, ["compare", "--help"])
    assert r.exit_code == 0 and "trdguide compare tms ketamine" in r.stdout


def test_list_all_and_framing(kb: Path) -> None:
    r = run(kb, "list")
    assert r.exit_code == 0, r.output
    for name in ("ALPHA", "BETA", "GAMMA"):
        assert name in r.stdout
    framed_once(r.stdout)
    assert not ANSI.search(r.stdout)


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["--category", "medication"], ["GAMMA"], ["ALPHA", "BETA"]),
        (["--status", "investigational"], ["GAMMA"], ["ALPHA"]),
        (["--setting", "home"], ["GAMMA"], ["ALPHA"]),
        (["--no-anaesthesia"], ["ALPHA", "BETA"], ["GAMMA"]),
        (["--search", "gam"], ["GAMMA"], ["ALPHA"]),
        (["--category", "neuromodulation", "--search", "beta"], ["BETA"], ["ALPHA", "GAMMA"]),
    ],
)
def test_list_filters(kb: Path, args: list[str], present: list[str], absent: list[str]) -> None:
    r = run(kb, "list", "--format", "text", *args)
    assert r.exit_code == 0, r.output
    for p in present:
        assert p in r.stdout
    for a in absent:
        assert a not in r.stdout


def test_list_empty_result_suggests_loosening(kb: Path) -> None:
    r = run(kb, "list", "--category", "psychedelic", "--no-anaesthesia")
    assert r.exit_code == 0
    assert "No options match" in r.stdout and "--category or --no-anaesthesia" in flat(r.stdout)


def test_list_invalid_filter_lists_valid_values(kb: Path) -> None:
    r = run(kb, "list", "--category", "magic")
    assert r.exit_code == 2
    assert "neuromodulation" in r.output and "psychotherapy" in r.output


def test_show_everything_grouped(kb: Path) -> None:
    r = run(kb, "show", "alpha", "--format", "text")
    assert r.exit_code == 0, r.output
    for heading in (
        "What it is like",
        "Will it work?",
        "Common side effects",
        "Serious risks",
        "Who may not be suitable",
        "How long the benefit lasts",
        "Approval",
        "Guidelines",
        "How strong is the evidence?",
        "Cost and access",
        "Questions to ask",
        "References",
        "Last reviewed: 2026-01-01",
    ):
        assert heading in r.stdout, heading
    assert "about 30 in 100 people" in r.stdout and "about 10 in 100 with sham" in r.stdout
    assert "doi:10.1000/ref-one" in r.stdout
    assert "See also: GAMMA" in r.stdout
    framed_once(r.stdout)


@pytest.mark.parametrize("name", ["alpha", "ALPHA", "Alpha-Alias", "b-alias", "gam"])
def test_names_case_insensitive_and_aliases(kb: Path, name: str) -> None:
    assert run(kb, "show", name).exit_code == 0


def test_unknown_name_did_you_mean(kb: Path) -> None:
    r = run(kb, "show", "alpah")
    assert r.exit_code == 1
    assert "Did you mean: alpha?" in r.stderr and r.stdout == ""
    assert "Traceback" not in r.output


def test_ambiguous_prefix_lists_candidates(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record("keta-one", aliases=[]), record("keta-two", aliases=[])])
    r = run(root, "show", "keta")
    assert r.exit_code == 1
    assert "keta-one" in r.stderr and "keta-two" in r.stderr


def test_compare_grid(kb: Path) -> None:
    r = run(kb, "compare", "alpha", "beta", "--format", "text")
    assert r.exit_code == 0, r.output
    questions = [
        "Will it work?",
        "How soon?",
        "What is it like?",
        "Common side effects",
        "Serious risks",
        "Who may not be suitable?",
        "How long does it last?",
        "Approval and guidelines",
        "Strength of evidence",
        "Cost and access",
    ]
    positions = [r.stdout.index(q) for q in questions]
    assert positions == sorted(positions)
    assert "Compared directly in a trial" in r.stdout and "- Alpha vs Beta trial." in r.stdout
    full = run(kb, "compare", "alpha", "beta", "--detail", "--format", "text").stdout
    assert "Compared directly: Alpha vs Beta trial" in full
    assert "not a head-to-head" in flat(r.stdout)
    framed_once(r.stdout)


def test_compare_without_direct_trial_has_no_h2h(kb: Path) -> None:
    r = run(kb, "compare", "alpha", "gamma")
    assert r.exit_code == 0 and "Compared directly" not in r.stdout


def test_compare_rows(kb: Path) -> None:
    r = run(kb, "compare", "alpha", "beta", "--rows", "work,serious", "--format", "text")
    assert r.exit_code == 0
    assert "Will it work?" in r.stdout and "Serious risks" in r.stdout
    assert "Cost and access" not in r.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["alpha"], 2, "2 to 5 names"),
        (["alpha", "beta", "gamma", "alpha-alias", "b-alias", "gam"], 2, "2 to 5 names"),
        (["alpha", "ALPHA"], 2, "same option"),
        (["alpha", "alpha-alias"], 2, "same option"),
        (["alpha", "nope"], 1, "No intervention called 'nope'"),
        (["alpha", ""], 2, "cannot be empty"),
        (["alpha", "beta", "--rows", "work,colour"], 2, "Unknown row 'colour'"),
        (["alpha", "beta", "--rows", ","], 2, "at least one row"),
        (["alpha", "beta", "--format", "pdf"], 2, "pdf"),
    ],
)
def test_compare_errors(kb: Path, args: list[str], code: int, message: str) -> None:
    r = run(kb, "compare", *args)
    assert r.exit_code == code, r.output
    assert message in r.output
    assert "Traceback" not in r.output


def test_json_shapes(kb: Path) -> None:
    for args in (
        ["list"],
        ["show", "alpha"],
        ["compare", "alpha", "beta"],
        ["faq"],
        ["glossary"],
        ["crisis"],
        ["about"],
    ):
        r = run(kb, *args, "--format", "json")
        assert r.exit_code == 0, r.output
        doc = json.loads(r.stdout)
        assert set(doc) == {"trdguide", "schema_version", "command", "lang", "disclaimer", "urgent_help", "data"}
        assert doc["command"] == args[0] and doc["disclaimer"] == DISCLAIMER
        assert doc["urgent_help"] == CRISIS_POINTER
        assert doc["lang"] == "en"
    doc = json.loads(run(kb, "compare", "alpha", "beta", "--format", "json").stdout)["data"]
    assert [o["id"] for o in doc["options"]] == ["alpha", "beta"]
    assert doc["rows"][0]["key"] == "work" and set(doc["rows"][0]["cells"]) == {"alpha", "beta"}
    assert doc["head_to_head"][0]["id"] == "trial-ab"
    doc = json.loads(run(kb, "list", "--format", "json").stdout)["data"]
    assert doc["count"] == 3 and doc["interventions"][0]["id"] == "alpha"


def test_json_not_coloured_even_with_force_color(kb: Path) -> None:
    r = run(kb, "show", "alpha", "--format", "json", FORCE_COLOR="1")
    assert not ANSI.search(r.stdout)
    json.loads(r.stdout)


def test_markdown_handout(kb: Path) -> None:
    r = run(kb, "compare", "alpha", "beta", "--format", "markdown")
    assert r.exit_code == 0
    assert r.stdout.startswith("> Education, not medical advice")
    assert "|  | ALPHA \\(approved/cleared\\) | BETA \\(approved/cleared\\) |" in r.stdout
    framed_once(r.stdout)


def test_markup_in_data_is_inert(kb: Path) -> None:
    r = run(kb, "show", "beta")
    assert r.exit_code == 0, r.output
    # the alias is not shown by show, but the JSON keeps it verbatim and search finds it
    r = run(kb, "list", "--search", "[bold]markup[/]")
    assert r.exit_code == 0 and "BETA" in r.stdout


def test_faq(kb: Path) -> None:
    r = run(kb, "faq")
    assert r.exit_code == 0 and "1. What is a test?" in r.stdout and "2. What about side effects?" in r.stdout
    r = run(kb, "faq", "2")
    assert "side effects" in r.stdout and "What is a test" not in r.stdout
    r = run(kb, "faq", "side effects")
    assert "2. What about side effects?" in r.stdout
    assert run(kb, "faq", "9").exit_code == 1
    r = run(kb, "faq", "zebra")  # never a dead end: no match says so, and where to go next (exit 0)
    assert r.exit_code == 0 and "Nothing in this guide matches 'zebra'." in r.stdout
    assert "trdguide crisis" in r.stdout and not r.stderr


def test_glossary(kb: Path) -> None:
    r = run(kb, "glossary")
    assert r.exit_code == 0 and "Remission" in r.stdout and "Response" in r.stdout
    r = run(kb, "glossary", "responder")
    assert "Response" in r.stdout and "Remission" not in r.stdout
    r = run(kb, "glossary", "remision")
    assert r.exit_code == 1 and "Did you mean: Remission?" in r.stderr


@pytest.mark.parametrize("typed", ["REMISSION", "remissions", "Rémission", "remission.", " remission ", "re-mission"])
def test_glossary_compares_terms_as_names_are_compared(kb: Path, typed: str) -> None:
    r = run(kb, "glossary", typed)
    assert r.exit_code == 0 and "Remission" in r.stdout and "Response" not in r.stdout, r.stderr


def test_glossary_term_of_punctuation_only_is_not_found(kb: Path) -> None:
    r = run(kb, "glossary", "?!")
    assert r.exit_code == 1 and "No glossary term called '?!'" in r.stderr


def test_crisis(kb: Path) -> None:
    r = run(kb, "crisis")
    assert r.exit_code == 0 and "Call or text 988" in r.stdout and "findahelpline.com" in r.stdout
    r = run(kb, "crisis", "--region", "us")
    assert "988" in r.stdout and "findahelpline" in r.stdout
    r = run(kb, "crisis", "--region", "XX")  # not covered: help, never an error
    assert r.exit_code == 0 and "United States (US)" in " ".join(r.stdout.split()) and "findahelpline.com" in r.stdout


def test_about(kb: Path) -> None:
    r = run(kb, "about")
    assert r.exit_code == 0
    for part in (
        "What it is not",
        "How evidence was chosen",
        "No funding",
        __version__,
        "Oldest review: 2026-01-01",
        str(kb),
    ):
        assert part in r.stdout


def test_data_errors_exit_1_without_traceback(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record(category="magic")])
    r = run(root, "list")
    assert r.exit_code == 1
    assert "alpha.yaml" in r.stderr and "category" in r.stderr and "Traceback" not in r.output


def test_env_var_points_at_data(kb: Path) -> None:
    r = runner.invoke(app, ["list", "--format", "json"], env={"TRDGUIDE_DATA": str(kb)})
    assert json.loads(r.stdout)["data"]["count"] == 3


@pytest.mark.parametrize("width", ["40", "80", "20", "300"])
def test_widths_never_overflow(kb: Path, width: str) -> None:
    r = run(kb, "compare", "alpha", "beta", "gamma", COLUMNS=width)
    assert r.exit_code == 0
    assert max(len(line) for line in r.stdout.splitlines()) <= int(width)
