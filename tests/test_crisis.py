"""Crisis help never dead-ends: any region a reader types (a country the guide does not cover, a code, a city,
a typo) gets the local emergency number and a directory of helplines, and an unknown global region or
TRDGUIDE_REGION never stops another command. Also the further services of covered regions."""

from __future__ import annotations

import html
import json

import pytest
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.knowledge import KnowledgeBase
from trdguide.regions import close_regions, parse_region, reader_region
from trdguide.wording import crisis_pointer_general

runner = CliRunner()
NEUTRAL = {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "TRDGUIDE_REGION": "", "COLUMNS": "80"}
COVERED = (
    "This guide has no crisis line of its own for {asked}. It has lines for: United States (US), Canada (CA), "
    "United Kingdom (UK), Ireland (IE), Australia (AU), New Zealand (NZ)."
)
LOCAL = "If you are in danger now, call your local emergency number."
LOCAL_FOOTER = "In crisis? Call your local emergency number, or see findahelpline.com"
DIRECTORY = "Go to findahelpline.com and choose your country to find a free, confidential helpline"


def run(*args: str, **env: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env={**NEUTRAL, **env})
    return r.exit_code, r.stdout, r.stderr


def paras(out: str) -> list[str]:
    """The output as paragraphs, each with its wrapped lines joined."""
    return [" ".join(p.split()) for p in out.split("\n\n") if p.strip()]


def last(out: str) -> str:
    return out.rstrip().splitlines()[-1]


# --- crisis --region X where X is not covered ---------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Germany", "xx", "India", "Mars", "zz", "Österreich", "España", "México"])
def test_uncovered_region_gets_help_not_an_error(typed: str) -> None:
    code, out, err = run("crisis", "--region", typed)
    assert code == 0 and err == ""
    p = paras(out)
    assert p[1] == "Urgent help"
    assert p[3] == COVERED.format(asked=repr(typed))
    assert p[4] == LOCAL
    assert p[5].startswith(f"Everywhere else: Find A Helpline - {DIRECTORY} - Hours:")
    assert "- https://findahelpline.com - Checked 2026-12-07" in p[5]
    assert "Did you mean" not in out
    assert last(out) == LOCAL_FOOTER
    assert "988" not in out and "116 123" not in out  # no other country's numbers for a reader elsewhere


def test_typo_says_did_you_mean_and_still_helps() -> None:
    code, out, err = run("crisis", "--region", "Austrlia")
    assert code == 0 and err == ""
    p = paras(out)
    assert p[3] == COVERED.format(asked="'Austrlia'")
    assert p[4] == "Did you mean Australia? For its lines: trdguide crisis --region AU"
    assert p[5] == LOCAL and p[6].startswith("Everywhere else: Find A Helpline")
    assert last(out) == LOCAL_FOOTER


@pytest.mark.parametrize(
    ("typed", "heading", "footer"),
    [
        ("dublin", "Ireland: Samaritans Ireland", "In crisis or suicidal? Call 116 123, or 112 or 999 if in danger."),
        ("Belfast", "United Kingdom: Samaritans", "In crisis or suicidal? Call 116 123, or 999 if in danger."),
        ("Sydney", "Australia: Lifeline Australia", "In crisis or suicidal? Call 13 11 14, or 000 if in danger."),
        ("toronto", "Canada: 9-8-8: Suicide Crisis Helpline", "In crisis or suicidal? Call or text 9-8-8, or 911"),
        ("Auckland", "New Zealand: 1737, Need to talk?", "In crisis or suicidal? Call or text 1737, or 111"),
        ("new zealand", "New Zealand: 1737, Need to talk?", "In crisis or suicidal? Call or text 1737, or 111"),
    ],
)
def test_a_city_or_country_finds_its_region(typed: str, heading: str, footer: str) -> None:
    code, out, err = run("crisis", "--region", typed)
    assert code == 0 and err == "" and heading in out.splitlines()
    assert "no crisis line of its own" not in out
    assert last(out).startswith(footer) and last(out).endswith("trdguide crisis")


def test_uncovered_region_in_every_format() -> None:
    code, out, _ = run("crisis", "--region", "Germany", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["data"]["region_asked"] == "Germany" and doc["data"]["region_covered"] is False
    assert [c["region"] for c in doc["data"]["covered_regions"]] == ["US", "CA", "UK", "IE", "AU", "NZ"]
    assert [c["region"] for c in doc["data"]["lines"]] == ["INTL"]
    assert doc["data"]["advice"] == LOCAL and doc["data"]["did_you_mean"] == []
    assert doc["urgent_help"] == LOCAL_FOOTER
    code, out, _ = run("crisis", "--region", "Austrlia", "--format", "json")
    assert json.loads(out)["data"]["did_you_mean"] == ["AU"]
    code, out, _ = run("crisis", "--region", "AU", "--format", "json")
    assert "region_asked" not in json.loads(out)["data"]  # a covered region: the shape is unchanged
    for fmt, marker in (("markdown", "findahelpline.com"), ("html", "findahelpline.com"), ("text", LOCAL)):
        code, out, _ = run("crisis", "--region", "Germany", "--format", fmt)
        assert code == 0 and marker in " ".join(out.split()) and "'Germany'" in html.unescape(out), fmt


# --- an unknown --region or TRDGUIDE_REGION never stops another command ---------------------------------------


def test_unknown_global_region_falls_back_with_one_line() -> None:
    code, out, err = run("--region", "Germany", "compare", "tms", "ect")
    assert code == 0 and "Comparing: rTMS" in out
    assert err == "Note: no crisis line for region 'Germany' here; the footer gives general help.\n"
    assert last(out) == LOCAL_FOOTER


def test_unknown_region_variable_falls_back_with_one_line() -> None:
    code, out, err = run("list", TRDGUIDE_REGION="zz")
    assert code == 0 and "Esketamine" in out
    assert err == "Note: no crisis line for region 'zz' here; the footer gives general help.\n"
    assert last(out) == LOCAL_FOOTER
    code, out, err = run("list", "--format", "json", TRDGUIDE_REGION="zz")
    assert code == 0 and json.loads(out)["urgent_help"] == LOCAL_FOOTER  # JSON on stdout stays clean
    code, out, err = run("list", TRDGUIDE_REGION="dublin")  # a city is understood
    assert err == "" and last(out).startswith("In crisis or suicidal? Call 116 123, or 112 or 999")


LOCAL_FOOTER_ES = "¿En crisis? Llame al número de emergencias local o vea findahelpline.com"


# --- the footer from the locale ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "footer"),
    [
        ("en_IN.UTF-8", LOCAL_FOOTER),
        ("de_DE.UTF-8", LOCAL_FOOTER),
        ("en_NZ.UTF-8", "In crisis or suicidal? Call or text 1737, or 111 if in danger. trdguide crisis"),
        ("C.UTF-8", "In crisis? 988 (US/CA) · 116 123 (UK/IE) · 13 11 14 (AU) · trdguide crisis"),
        # Spanish in the US is the US; Spain and Mexico have no line of their own in this guide (no official page
        # confirmed one): the local emergency number and the directory, never another country's 988. A Spanish
        # locale also chooses the language (docs/i18n.md), so the footer is in Spanish
        ("es_US.UTF-8", "¿En crisis? Llame o escriba al 988, o al 911 si hay peligro. trdguide crisis"),
        ("es_MX.UTF-8", LOCAL_FOOTER_ES),
        ("es_ES.UTF-8", LOCAL_FOOTER_ES),
    ],
)
def test_locale_footer(lang: str, footer: str) -> None:
    code, out, err = run("about", LANG=lang)
    assert code == 0 and err == ""  # the locale is not a choice the reader made: no note
    assert last(out) == footer and len(footer) <= 80


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "en_IN.UTF-8"}, (None, "IN", False)),
        ({"LANG": "en_NZ.UTF-8"}, ("NZ", None, False)),
        ({"TRDGUIDE_REGION": "zz", "LANG": "en_US.UTF-8"}, (None, "zz", True)),
        ({"TRDGUIDE_REGION": "Cork"}, ("IE", None, False)),
        ({"LANG": "C"}, (None, None, False)),
        ({"LANG": "es_US.UTF-8"}, ("US", None, False)),
        ({"LANG": "es_MX.UTF-8"}, (None, "MX", False)),
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, (None, "ES", False)),
        ({}, (None, None, False)),
    ],
)
def test_reader_region(env: dict[str, str], expected: tuple[str | None, str | None, bool]) -> None:
    assert tuple(reader_region(env)) == expected


def test_regions_cities_and_close_spellings() -> None:
    assert [parse_region(c) for c in ("Dublin", "CORK", "Edinburgh", "Belfast", "Wellington", "New York")] == [
        "IE",
        "IE",
        "UK",
        "UK",
        "NZ",
        "US",
    ]
    assert parse_region("Germany") is None and parse_region("xx") is None
    assert close_regions("Austrlia") == ["AU"]
    # in Spanish too: the names of the covered regions, and a few cities
    assert [
        parse_region(c)
        for c in (
            "Estados Unidos",
            "EE. UU.",
            "EEUU",
            "Reino Unido",
            "Irlanda",
            "Nueva Zelanda",
            "Nueva York",
            "Londres",
        )
    ] == ["US", "US", "US", "UK", "IE", "NZ", "US", "UK"]
    assert parse_region("España") is None and parse_region("México") is None  # not covered: see below
    assert close_regions("Estados Unido") == ["US"] and close_regions("Irlnda") == ["IE"]
    assert close_regions("Irland") == ["IE"]
    assert close_regions("xx") == [] and close_regions("Germany") == []


def test_general_footer_fits_80_columns() -> None:
    numbers = [("988", ["US", "CA"]), ("116 123", ["UK", "IE"]), ("13 11 14", ["AU"]), ("1737", ["NZ"])]
    line = crisis_pointer_general(numbers)
    assert line == "In crisis? 988 (US/CA) · 116 123 (UK/IE) · 13 11 14 (AU) · trdguide crisis"
    assert crisis_pointer_general(numbers[:1]) == "In crisis? 988 (US/CA) · trdguide crisis"


# --- New Zealand and the further services of covered regions ---------------------------------------------------


def test_new_zealand() -> None:
    code, out, _ = run("crisis", "--region", "NZ")
    nz = next(p for p in paras(out) if p.startswith("New Zealand: 1737, Need to talk?"))
    assert code == 0 and nz.startswith(
        "New Zealand: 1737, Need to talk? - Emergency (danger now): call 111 - Call or text 1737 (free)"
    )
    assert "- Checked 2026-12-07" in nz


@pytest.mark.parametrize(
    ("region", "bullet"),
    [
        (
            "AU",
            "- Also: 13YARN, for Aboriginal and Torres Strait Islander people: Call 13 92 76. 24 hours, every day. "
            "https://www.13yarn.org.au",
        ),
        (
            "UK",
            "- Also: NHS 111, mental health option (England), for people of any age in England in a mental health "
            "crisis, or someone calling for them: Call 111 and choose the mental health option. 24 hours, every day. "
            "https://111.nhs.uk",
        ),
        (
            "CA",
            "- Also: Kids Help Phone, for young people: Call 1-800-668-6868 or text CONNECT to 686868. 24 hours, "
            "every day (English and French). https://kidshelpphone.ca",
        ),
        (
            "US",
            "- Also: 988 Lifeline en español, for people who want help in Spanish: Call 988 and press 2, or text "
            "AYUDA to 988. 24 hours, every day. https://988lifeline.org",
        ),
    ],
)
def test_other_services_are_shown(region: str, bullet: str) -> None:
    code, out, _ = run("crisis", "--region", region)
    assert code == 0 and bullet in " ".join(out.split())
    code, out, _ = run("crisis", "--region", region, "--format", "markdown")
    assert bullet.split(":")[1].replace("(", "\\(").replace(")", "\\)") in out  # Markdown escapes brackets
    code, out, _ = run("crisis", "--region", region, "--format", "json")
    services = json.loads(out)["data"]["lines"][0]["other_services"]
    assert services and all(s["checked"] == "2026-12-07" and s["source"].startswith("https://") for s in services)


def test_other_services_keep_the_footer_to_one_line() -> None:
    for region in ("AU", "UK", "CA", "NZ", "US"):
        code, out, _ = run("--region", region, "about")
        assert code == 0 and len(last(out)) <= 80 and "13YARN" not in last(out) and "AYUDA" not in last(out)


def test_every_other_service_is_checked_from_a_page(kb: KnowledgeBase) -> None:
    for line in kb.crisis():
        for o in line.other_services:
            assert o.source.startswith("https://") and o.url.startswith("https://"), o.name


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_handout_line_for_new_zealand(kb: KnowledgeBase) -> None:
    from trdguide.render.document import crisis_line_short

    nz = kb.crisis("NZ")[0]
    assert crisis_line_short(nz) == "New Zealand: 1737, Need to talk? Call or text 1737 (free). In danger now: 111."
    assert crisis_line_short(kb.crisis("AU")[0]).startswith("Australia: Lifeline Australia. Call 13 11 14.")
