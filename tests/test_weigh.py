"""`trdguide weigh`: the values exercise. Each "rather avoid" key marks exactly the options whose structured
fields say so; every option is listed once, grouped, never scored; bad keys are usage errors."""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import record, write_kb
from pydantic import ValidationError
from test_pictures_handout import _pdf, pdf_tools
from typer.testing import CliRunner

from trdguide import cli, wording
from trdguide.cli import app
from trdguide.loader import Bundle, load
from trdguide.models import Fact, Intervention, has_field
from trdguide.weighing import AVOID_KEYS, MATTER_ROWS, PRACTICAL_FIELDS

runner = CliRunner()
ENV = {"NO_COLOR": "1", "COLUMNS": "80", "PAGER": "cat"}


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load()


def weigh_json(*args: str) -> dict[str, Any]:
    r = runner.invoke(app, ["weigh", *args, "--format", "json"], env=ENV)
    assert r.exit_code == 0, r.output
    data: dict[str, Any] = json.loads(r.stdout)["data"]
    return data


def marked(key: str) -> set[str]:
    """The options `weigh --avoid KEY` marks with a conflict for KEY, read from the JSON output."""
    data = weigh_json("--avoid", key)
    return {o["id"] for o in data["options"] for c in o["conflicts"] if c["key"] == key}


def says(item: Intervention, key: str) -> bool:
    """What the record's own fields say for one avoid key, read straight from the record."""
    s = item.setting
    if key == "anaesthesia":
        return s.anaesthesia.value != "none"
    if key == "implant":
        return s.anaesthesia.value == "surgical"
    if key == "unapproved":
        return item.status.label.value in {"off-label", "investigational", "not-approved", "approved-for-other-use"}
    assert s.practical is not None, f"{item.id} has no setting.practical block"
    return bool(getattr(s.practical, PRACTICAL_FIELDS[key]).answer.value == "yes")


# --- every avoid key is backed by a structured field of every record ---------------------------------------


def test_every_record_has_the_practical_block(bundle: Bundle) -> None:
    missing = [i.id for i in bundle.interventions if i.setting.practical is None]
    assert not missing, f"records without setting.practical: {missing}"


@pytest.mark.parametrize("key", AVOID_KEYS)
def test_each_avoid_key_marks_exactly_the_options_whose_fields_say_so(bundle: Bundle, key: str) -> None:
    expected = {i.id for i in bundle.interventions if says(i, key)}
    assert expected, f"no option has {key}: the test would prove nothing"
    assert marked(key) == expected


# words that the cited field must contain for a yes to agree with it (a check that `see` was not mistyped)
AGREES = {
    "weekday_visits": re.compile(r"week|day", re.I),
    "no_driving": re.compile(r"driv", re.I),
    "controlled_drug": re.compile(r"schedule|controlled", re.I),
    "slow": re.compile(r"week|month", re.I),
}


def _text_at(item: Intervention, path: str) -> str:
    here: Any = item
    for part in path.split("."):
        name, _, index = part.partition("[")
        here = getattr(here, name)
        if index:
            here = here[int(index.rstrip("]"))]
    return " ".join(t for _, t, _ in _texts(here)) if not isinstance(here, str) else here


def _texts(model: Any) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    from trdguide.models import walk_texts

    return walk_texts(model)


def test_every_yes_points_to_a_cited_field_that_says_so(bundle: Bundle) -> None:
    for item in bundle.interventions:
        assert item.setting.practical is not None
        for name, pattern in AGREES.items():
            fact = getattr(item.setting.practical, name)
            if fact.answer.value != "yes":
                continue
            assert fact.reason, f"{item.id} {name}"
            if fact.see is None:
                assert fact.refs and set(fact.refs) <= set(bundle.references), f"{item.id} {name}"
                continue
            text = _text_at(item, fact.see)
            assert pattern.search(text), f"{item.id} {name}: {fact.see} does not say so: {text[:120]!r}"


def test_a_yes_needs_a_reason_and_a_source() -> None:
    with pytest.raises(ValidationError, match="a yes needs `reason`"):
        Fact.model_validate({"answer": "yes", "see": "setting.daily_life"})
    with pytest.raises(ValidationError, match="a yes needs `reason`"):
        Fact.model_validate({"answer": True, "reason": "No driving after it."})
    assert Fact.model_validate({"answer": False}).answer.value == "no"  # YAML reads a bare `no` as false


def test_see_must_name_a_field_the_record_has() -> None:
    practical = {
        "weekday_visits": {"answer": "yes", "reason": "Every weekday.", "see": "setting.schedul"},
        "no_driving": {"answer": "no"},
        "controlled_drug": {"answer": "no"},
        "slow": {"answer": "not-known"},
    }
    data = record(last_reviewed=datetime.date(2026, 1, 1))
    data["setting"] = {**data["setting"], "practical": practical}
    with pytest.raises(ValidationError, match=r"setting.practical.weekday_visits.see names 'setting.schedul'"):
        Intervention.model_validate(data)
    item = Intervention.model_validate(record(last_reviewed=datetime.date(2026, 1, 1)))
    assert has_field(item, "setting.schedule") and has_field(item, "outcomes[0].study")
    assert not has_field(item, "outcomes[5]") and not has_field(item, "setting.nothing")


# --- the answer: every option once, in groups, no score ------------------------------------------------------


def test_every_option_once_grouped_by_number_of_conflicts_in_the_guide_order(bundle: Bundle) -> None:
    data = weigh_json("--avoid", "anaesthesia,weekday-visits,slow", "--matters", "soon,side-effects")
    ids = [o["id"] for o in data["options"]]
    assert sorted(ids) == sorted(i.id for i in bundle.interventions)
    groups = [o["group"] for o in data["options"]]
    assert groups == sorted(groups, key=["none", "one", "more"].index)
    for o in data["options"]:
        assert o["group"] == ["none", "one", "more"][min(len(o["conflicts"]), 2)]
        assert [m["key"] for m in o["matters"]] == ["soon", "side-effects"]
        assert [m["row"] for m in o["matters"]] == ["soon", "common"]
    # the guide's usual order: as `list` shows the options (by category, then by name)
    listed = runner.invoke(app, ["list", "--format", "text"], env={**ENV, "COLUMNS": "200"})
    by_short = {i.short_name: i.id for i in bundle.interventions}
    order = [by_short[line[2:].split(": ")[0]] for line in listed.stdout.splitlines() if line.startswith("  ")]
    assert sorted(order) == sorted(ids)
    for group in ("none", "one", "more"):
        members = [o["id"] for o in data["options"] if o["group"] == group]
        assert members == [i for i in order if i in members], group


def test_conflicts_carry_key_reason_and_field() -> None:
    data = weigh_json("--avoid", "anaesthesia,no-driving,unapproved")
    ect = next(o for o in data["options"] if o["id"] == "ect")
    assert ect["conflicts"][0] == {
        "key": "anaesthesia",
        "reason": "Needs a general anaesthetic at each treatment.",
        "field": "setting.anaesthesia",
    }
    assert ect["conflicts"][1]["key"] == "no-driving" and ect["conflicts"][1]["field"] == "setting.daily_life"
    lithium = next(o for o in data["options"] if o["id"] == "lithium")
    assert lithium["conflicts"] == [
        {
            "key": "unapproved",
            "reason": "US: approved for bipolar disorder, not for depression",
            "field": "status.label",
        }
    ]
    assert data["framing"] == wording.WEIGH_FRAMING and data["avoid"] == ["anaesthesia", "no-driving", "unapproved"]


def test_no_totals_stars_or_best_in_any_format() -> None:
    for fmt in ("table", "text", "markdown", "html"):
        r = runner.invoke(app, ["weigh", "--avoid", "slow,implant", "--matters", "works", "--format", fmt], env=ENV)
        assert r.exit_code == 0, r.output
        low = " ".join(r.stdout.lower().split())
        for word in ("best for you", "score:", "total", "★", "rank:", "recommended for you"):
            assert word not in low, (fmt, word)
        assert "not a recommendation" in low and "talking it through" in low


def test_words_beside_each_option_and_not_known_said() -> None:
    r = runner.invoke(app, ["weigh", "--avoid", "no-driving", "--matters", "soon", "--format", "text"], env=ENV)
    assert r.exit_code == 0
    out = " ".join(r.stdout.split())
    assert "Conflict, no driving after a session or dose: No driving until the next day, after a restful sleep." in out
    assert "The guide does not say whether it involves: no driving after a session or dose. Ask about this." in out
    assert "How soon it might help:" in out


def test_nothing_named_puts_every_option_in_the_first_group(bundle: Bundle) -> None:
    r = runner.invoke(app, ["weigh", "--format", "text"], env=ENV)  # not a terminal: no questions
    assert r.exit_code == 0
    assert f"No conflict with what you said ({len(bundle.interventions)})" in r.stdout
    assert wording.WEIGH_NOTHING_SAID in " ".join(r.stdout.split())


# --- bad keys -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--avoid", "anaestesia"],
            "Error: Unknown key 'anaestesia' for --avoid. Did you mean: anaesthesia? Keys are: anaesthesia, "
            "weekday-visits, no-driving, controlled-drug, implant, unapproved, slow.",
        ),
        (
            ["--matters", "soon,sideeffects"],
            "Error: Unknown key 'sideeffects' for --matters. Did you mean: side-effects? Keys are: works, soon, "
            "side-effects, risks, time, cost, evidence.",
        ),
        (
            ["--matters", "xyz"],
            "Error: Unknown key 'xyz' for --matters. Keys are: works, soon, side-effects, risks, time, cost, evidence.",
        ),
        (
            ["--matters", "works,soon,cost,risks"],
            "Error: Choose at most 3 things that matter most; you gave 4.",
        ),
    ],
)
def test_bad_keys_are_usage_errors(args: list[str], message: str) -> None:
    r = runner.invoke(app, ["weigh", *args], env=ENV)
    assert r.exit_code == 2
    assert " ".join(r.stderr.split()) == message
    assert "Traceback" not in r.output


def test_keys_are_forgiving_about_case_spaces_and_repeats() -> None:
    data = weigh_json("--avoid", " Slow , slow,,IMPLANT", "--matters", "Soon")
    assert data["avoid"] == ["slow", "implant"] and data["matters"] == ["soon"]


# --- the printout ----------------------------------------------------------------------------------------


def test_html_printout_has_what_was_said_groups_questions_and_a_blank_sure_test(tmp_path: Path) -> None:
    out = tmp_path / "my-priorities.html"
    r = runner.invoke(
        app, ["weigh", "--avoid", "anaesthesia", "--matters", "soon", "--format", "html", "--output", str(out)], env=ENV
    )
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert "You would rather avoid: a general anaesthetic or an operation." in page
    for heading in ("No conflict with what you said", "One conflict with what you said", "Questions to ask"):
        assert heading in page
    for q in wording.SURE_QUESTIONS:
        assert f"{q} {wording.SURE_BLANK}" in page
    assert "Canadian Family Physician 2010" in page
    assert "How soon it might help:" not in page  # the printout keeps to one page: names and conflicts


# --- on a terminal ---------------------------------------------------------------------------------------


def keys(sequence: str) -> Callable[[], str]:
    it = iter(sequence)

    def getch() -> str:
        ch = next(it)
        if ch == "!":
            raise KeyboardInterrupt
        return ch

    return getch


def test_interview_one_key_per_answer() -> None:
    shown: list[str] = []
    # start; avoid: y (anaesthesia), x ignored, n, n, y (controlled-drug), n, n, n; matters: 2, 3, 2 again
    # (unchosen), 5, 1, 7 (a fourth: refused), Enter; SURE: y, n, s, y
    sequence = " " + "yxnnynnn" + "232517" + "\r" + "ynsy"
    avoid, matters, sure = cli._interview(keys(sequence), shown.append, lambda: None)
    assert avoid == ["anaesthesia", "controlled-drug"]
    assert matters == ["side-effects", "time", "works"]
    assert sure == [True, False, None, True]
    text = "\n".join(shown)
    assert "Question 1 of 9" in text and wording.AVOID_WORDS["implant"][0] in text
    assert len(AVOID_KEYS) + 2 == 9 and len(MATTER_ROWS) == 7


def test_on_a_terminal_the_answers_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_on_terminal", lambda: True)
    monkeypatch.setattr(cli, "_getchar", keys(" yn" + "n" * 5 + "1\r" + "ssss"))
    r = runner.invoke(app, ["--no-pager", "weigh", "--format", "json"], env=ENV)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)["data"]  # the question screens went to standard error
    assert "Question 1 of 9" in r.stderr
    assert data["avoid"] == ["anaesthesia"] and data["matters"] == ["works"]
    assert [s["answer"] for s in data["sure"]] == [None, None, None, None]


def test_ctrl_c_leaves_cleanly_with_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_on_terminal", lambda: True)
    monkeypatch.setattr(cli, "_getchar", keys(" y!"))
    r = runner.invoke(app, ["weigh"], env=ENV)
    assert r.exit_code == 130
    assert r.stderr.strip().endswith("\n" + wording.ASK_STOPPED)  # after the screens shown so far
    assert r.stdout == ""
    assert "Traceback" not in r.output


def test_keys_on_the_command_line_skip_the_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_on_terminal", lambda: True)
    monkeypatch.setattr(cli, "_getchar", keys("!"))
    r = runner.invoke(app, ["weigh", "--avoid", "slow", "--format", "text"], env=ENV)
    assert r.exit_code == 0 and "You would rather avoid: more than four weeks" in " ".join(r.stdout.split())


# --- a clinic's own knowledge base -------------------------------------------------------------------------


def test_a_knowledge_base_without_the_block_says_not_known(tmp_path: Path) -> None:
    kb = write_kb(
        tmp_path / "kb", [record("alpha"), record("beta", setting={**record()["setting"], "anaesthesia": "general"})]
    )
    r = runner.invoke(
        app, ["--data", str(kb), "weigh", "--avoid", "anaesthesia,no-driving", "--format", "json"], env=ENV
    )
    assert r.exit_code == 0, r.output
    options = {o["id"]: o for o in json.loads(r.stdout)["data"]["options"]}
    assert options["alpha"]["group"] == "none" and options["alpha"]["not_known"] == ["no-driving"]
    assert options["beta"]["group"] == "one" and options["beta"]["conflicts"][0]["key"] == "anaesthesia"


@pdf_tools
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize(
    "avoid",
    [
        "anaesthesia,weekday-visits",
        "unapproved",
        "anaesthesia,weekday-visits,no-driving,controlled-drug,implant,unapproved,slow",
    ],
)
def test_the_printout_is_one_page(browser: Any, tmp_path: Path, avoid: str, paper: str) -> None:
    """Printed by Chromium, the printout fits one page, with reasons or (many conflicts) in a few words."""
    page = tmp_path / "my-priorities.html"
    args = ["weigh", "--avoid", avoid, "--matters", "soon,cost,risks", "--format", "html", "--paper", paper]
    r = runner.invoke(app, [*args, "--output", str(page)], env=ENV)
    assert r.exit_code == 0, r.output
    pages, text = _pdf(browser, page)
    assert pages == 1, f"{pages} pages"
    assert "How sure do you feel?" in text and "In crisis?" in text


README = Path(__file__).resolve().parent.parent / "README.md"
README_MARKER = "The middle group of `trdguide weigh --avoid implant,no-driving`"


def test_readme_shows_the_real_output() -> None:
    """The README's example of `weigh` is the real output (UPDATE_GOLDEN=1 rewrites it)."""
    env = {"NO_COLOR": "1", "LANG": "C", "LC_ALL": "", "TRDGUIDE_REGION": "", "COLUMNS": "80"}
    r = runner.invoke(app, ["weigh", "--avoid", "implant,no-driving"], env=env)
    assert r.exit_code == 0
    out = r.stdout
    actual = out[out.index("One conflict with what you said") : out.index("More than one conflict")].rstrip("\n") + "\n"
    text = README.read_text(encoding="utf-8")
    m = re.search(re.escape(README_MARKER) + r".*?```text\n(.*?)```", text, re.S)
    assert m, "README.md has no weigh example"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        README.write_text(text[: m.start(1)] + actual + text[m.end(1) :], encoding="utf-8")
        return
    assert m.group(1) == actual, "README.md shows an old weigh output: UPDATE_GOLDEN=1 pytest tests/test_weigh.py"
