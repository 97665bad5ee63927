"""Names that find things (one resolver for show, compare, questions, faq and list), crisis help where the
reader is (regions and locales), comparator kinds in words, and the guide's scope."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.folding import fold
from trdguide.knowledge import Family, KnowledgeBase, NotFound
from trdguide.regions import parse_region, region_from_environment
from trdguide.vocab import ComparatorKind
from trdguide.wording import KIND_WORDS, name_note

runner = CliRunner()
NEUTRAL = {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "TRDGUIDE_REGION": "", "COLUMNS": "80"}


def run(*args: str, **env: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={**NEUTRAL, **env})
    return r.exit_code, r.stdout, r.stderr


def flat(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


# --- the resolver --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "iid"),
    [
        ("tms", "rtms"),
        ("rTMS", "rtms"),
        ("R.T.M.S", "rtms"),  # punctuation does not matter
        ("Électroconvulsive Therapy", "ect"),  # nor accents or case
        ("electro-convulsive therapy", "ect"),  # the letters alone, as a second chance
        ("olanzapine/fluoxetine", "olanzapine-fluoxetine"),
        ("deep tms", "deep-tms"),
        ("light boxes", "bright-light"),  # plurals do not matter
        ("ketamine", "iv-ketamine"),
    ],
)
def test_names_fold_case_accents_punctuation_plurals(kb: KnowledgeBase, typed: str, iid: str) -> None:
    assert kb.resolve(typed).id == iid


@pytest.mark.parametrize("typed", ["homeopathy", "zzzz", "glass"])
def test_names_that_match_nothing_are_not_found(kb: KnowledgeBase, typed: str) -> None:
    with pytest.raises(NotFound):
        kb.resolve(typed)


def test_fold() -> None:
    assert fold("Psychedelics") == fold("psychedelic") == "psychedelic"
    assert fold("Talking-Therapies") == "talking therapy"
    assert fold("glass") == "glass" and fold("psychosis") == "psychosis"


def test_brand_names_resolve_and_say_so(kb: KnowledgeBase) -> None:
    item, note = kb.resolve_with_note("SPRAVATO")
    assert item.id == "esketamine" and note is not None
    assert name_note(note) == "Spravato is a brand name of Esketamine."
    code, out, _ = run("show", "spravato")
    assert code == 0
    first = [line for line in out.splitlines() if line.strip()][:3]
    assert "Spravato is a brand name of Esketamine." in first
    code, out, _ = run("compare", "abilify", "neurostar", "--format", "json")
    notes = json.loads(out)["data"]["notes"]
    assert "Abilify is a brand name of Aripiprazole (add-on)." in notes and len(notes) == 2


@pytest.mark.parametrize(
    ("word", "members"),
    [
        ("psychedelics", {"psilocybin", "mdma"}),
        ("Antipsychotic", {"aripiprazole", "brexpiprazole", "cariprazine", "quetiapine-xr", "olanzapine-fluoxetine"}),
        ("magnetic stimulation", {"rtms", "itbs", "deep-tms", "snt", "mst"}),
        (
            "add-on medicines",
            {"aripiprazole", "brexpiprazole", "cariprazine", "quetiapine-xr", "lithium", "thyroid-t3"},
        ),
    ],
)
def test_family_words_list_their_members(kb: KnowledgeBase, word: str, members: set[str]) -> None:
    with pytest.raises(Family) as exc:
        kb.resolve(word)
    assert {m.id for m in exc.value.members} == members
    code, out, err = run("show", word)
    assert code == 1 and out == "" and "names a group of options" in err
    assert all(f"({m})" in err for m in members)
    code, _, err = run("compare", word, "ect")
    assert code == 1 and "Please choose" in err


def test_unique_prefix_of_four_letters_resolves_with_a_note(kb: KnowledgeBase) -> None:
    item, note = kb.resolve_with_note("zura")
    assert item.id == "zuranolone" and note is not None
    assert name_note(note) == "'zura' was taken to mean Zuranolone (zuranolone)."
    code, out, _ = run("show", "zura")
    assert code == 0 and "'zura' was taken to mean Zuranolone" in out.split("\n\n")[1]
    # three letters are too few to open an option silently: "did you mean"
    code, out, err = run("show", "zur")
    assert code == 1 and "Did you mean" in err and "zuranolone" in err


def test_near_miss_is_offered_never_opened(kb: KnowledgeBase) -> None:
    code, out, err = run("show", "ketamne")
    assert code == 1 and out == "" and "Did you mean: iv-ketamine" in err


def test_faq_words_find_answers_through_names(kb: KnowledgeBase) -> None:
    code, out, _ = run("faq", "spravato")
    assert code == 0 and "esketamine" in out.lower()
    code, out, _ = run("faq", "psychedelics")
    assert code == 0 and "psilocybin" in out.lower()


def test_list_search_folds_too() -> None:
    code, out, _ = run("list", "--search", "Électroconvulsive")
    assert code == 0 and "ECT" in out


def test_titles_never_repeat_a_name() -> None:
    for name in ("zuranolone", "ect", "ketamine", "psilocybin"):
        code, out, _ = run("show", name, "--format", "text")
        title = [line for line in out.splitlines() if line.strip()][1]
        assert code == 0 and "Zuranolone (Zuranolone)" not in title
        words = fold(title).split()
        assert not any(words[i : i + 2] == words[i + 2 : i + 4] for i in range(len(words) - 3)), title


@pytest.mark.parametrize("fmt", ["JSON", "Json", "TEXT", "Markdown"])
def test_format_values_in_any_case(fmt: str) -> None:
    code, out, _ = run("list", "--format", fmt)
    assert code == 0 and out


# --- regions and the crisis pointer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("AU", "AU"),
        ("Australia", "AU"),
        ("united states", "US"),
        ("USA", "US"),
        ("gb", "UK"),
        ("England", "UK"),
        ("Ireland", "IE"),
        ("canada", "CA"),
        ("elsewhere", "INTL"),
        ("Mars", None),
        ("Estados Unidos", "US"),
        ("ee.uu.", "US"),
        ("Reino Unido", "UK"),
        ("Irlanda del Norte", "UK"),
        ("Nueva Zelanda", "NZ"),
        ("México", None),
    ],
)
def test_parse_region(typed: str, code: str | None) -> None:
    assert parse_region(typed) == code


@pytest.mark.parametrize(
    ("env", "code"),
    [
        ({"LANG": "en_GB.UTF-8"}, "UK"),
        ({"LANG": "en_IE.UTF-8"}, "IE"),
        ({"LANG": "en_AU.UTF-8"}, "AU"),
        ({"LANG": "fr_CA.UTF-8"}, "CA"),
        ({"LANG": "en_US.UTF-8"}, "US"),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({"LC_ALL": "en_AU.UTF-8", "LANG": "en_US.UTF-8"}, "AU"),  # LC_ALL comes first
        ({"LC_MESSAGES": "en_IE.UTF-8", "LANG": "en_US.UTF-8"}, "IE"),
        ({"TRDGUIDE_REGION": "uk", "LANG": "en_US.UTF-8"}, "UK"),  # the variable beats the locale
        ({"LANG": "es_US.UTF-8"}, "US"),  # Spanish in the US
        ({"LANG": "es_MX.UTF-8"}, None),  # Mexico and Spain: no line of their own in this guide
        ({"LANG": "es_ES.UTF-8"}, None),
    ],
)
def test_region_from_environment(env: dict[str, str], code: str | None) -> None:
    assert region_from_environment(env) == code


def test_crisis_region_by_name_with_emergency_numbers() -> None:
    code, out, _ = run("crisis", "--region", "Australia")
    assert code == 0 and "Lifeline" in out and "000" in out and "988" not in out.split("Everywhere else")[0]
    code, out, _ = run("crisis", "--region", "united states")
    assert code == 0 and "911" in out and "988" in out
    code, out, err = run("crisis", "--region", "Mars")  # never an error: see tests/test_crisis.py
    assert code == 0 and "This guide has no crisis line of its own for 'Mars'." in flat(out) and err == ""


def test_every_region_shows_its_emergency_number(kb: KnowledgeBase) -> None:
    for line in kb.crisis():
        if line.region != "INTL":
            assert line.emergency and line.number, line.region
            host = line.source.split("/")[2]
            assert line.source.startswith("https://") and "news" not in host, line.source


@pytest.mark.parametrize(
    ("args", "env", "expect"),
    [
        (["--region", "UK"], {}, "Call 116 123, or 999 if in danger."),
        (["--region", "australia"], {}, "Call 13 11 14, or 000 if in danger."),
        ([], {"TRDGUIDE_REGION": "US"}, "Call or text 988, or 911 if in danger."),
        ([], {"LANG": "en_IE.UTF-8"}, "Call 116 123, or 112 or 999 if in danger."),
        ([], {"LANG": "fr_CA.UTF-8"}, "Call or text 9-8-8, or 911 if in danger."),
        ([], {}, "In crisis? 988 (US/CA) · 116 123 (UK/IE) · 13 11 14 (AU) · trdguide crisis"),
    ],
)
def test_footer_follows_the_readers_region(args: list[str], env: dict[str, str], expect: str) -> None:
    code, out, _ = run(*args, "compare", "tms", "ect", **env)
    last = out.rstrip().splitlines()[-1]
    assert code == 0 and expect in last and last.endswith("trdguide crisis") and len(last) <= 80
    code, out, _ = run(*args, "list", "--format", "json", **env)
    assert expect in json.loads(out)["urgent_help"]


def test_unknown_region_never_stops_a_command() -> None:
    code, out, err = run("--region", "Mars", "list")
    assert code == 0 and "Esketamine" in out
    assert err == "Note: no crisis line for region 'Mars' here; the footer gives general help.\n"
    assert out.rstrip().splitlines()[-1] == "In crisis? Call your local emergency number, or see findahelpline.com"


# --- comparator kinds and scope --------------------------------------------------------------------------


def test_comparator_kind_in_words(kb: KnowledgeBase) -> None:
    assert set(KIND_WORDS) == set(ComparatorKind)
    code, out, _ = run("show", "rtms", "--format", "text")
    assert code == 0 and "Comparison: against a sham (fake) treatment." in flat(out)
    code, out, _ = run("show", "current-care", "--format", "text")
    assert "Comparison: no comparison group." in flat(out)


def test_small_figures_are_given_out_of_1000() -> None:
    code, out, _ = run("show", "ect", "--format", "text")
    assert "about 11 in 1,000 people, compared with about 16 in 1,000" in flat(out)


def test_scope_in_about_and_json() -> None:
    code, out, _ = run("about", "--format", "text")
    text = flat(out)
    assert code == 0 and "Who it covers" in text and "Children and teenagers are not covered" in text
    assert "bipolar" in text and "15 to 21" in text and "ages 18 to 21 are within this guide's scope" in text
    assert "Last content audit: 2026-12-07" in text
    code, out, _ = run("about", "--format", "json")
    data = json.loads(out)["data"]
    assert "Adults" in data["scope"] and "40 claims" in data["last_audit"]
