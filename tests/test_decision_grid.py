"""The decision grid: short answers first (compare, list, faq), the detail one flag away, the pager."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import record, short_answers, write_kb
from pydantic import ValidationError
from typer.testing import CliRunner

from trdguide import wording
from trdguide.cli import app
from trdguide.knowledge import ROW_KEYS, KnowledgeBase
from trdguide.lint import validate
from trdguide.models import Intervention, ShortAnswers
from trdguide.pager import pager_command
from trdguide.summaries import MAX_WORDS, SHORT_KEYS, allowed_numbers, numbers_in, per100, unsourced_numbers

runner = CliRunner()


def run(*args: str, columns: int = 80) -> str:
    r = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    return r.stdout


def lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


def flat(s: str) -> str:
    return " ".join(s.split())


def first_line_with(text: str, needle: str) -> int:
    for n, line in enumerate(lines(text), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not found")


# --- the short answers in the bundled knowledge base --------------------------------------------------


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def items(kb: KnowledgeBase) -> list[Intervention]:
    return [kb.get(i) for i in kb.store.index]


def test_every_record_has_ten_short_answers(kb: KnowledgeBase) -> None:
    # the grid's rows, the model's fields and the wording's questions: each defined on its own
    assert len(SHORT_KEYS) == 10
    assert tuple(ShortAnswers.model_fields) == SHORT_KEYS
    assert tuple(r.key for r in wording.ROWS) == SHORT_KEYS
    assert tuple(r.key for r in kb.compare(["tms", "ect"]).rows) == ROW_KEYS == SHORT_KEYS
    for item in items(kb):
        assert item.short is not None, item.id
        for key in SHORT_KEYS:
            ans = getattr(item.short, key)
            assert len(ans.text.split()) <= MAX_WORDS, (item.id, key, ans.text)
            assert set(ans.refs) <= set(kb.references), (item.id, key)


def test_every_number_in_a_short_answer_is_in_the_cited_detail(kb: KnowledgeBase) -> None:
    for item in items(kb):
        assert item.short is not None
        for key in SHORT_KEYS:
            text = getattr(item.short, key).text
            assert unsourced_numbers(item, text) == [], (item.id, key, text)


def test_work_answer_leads_with_the_lead_figure(kb: KnowledgeBase) -> None:
    """Where the first result is a count out of 100, the 'Will it work?' answer gives it as 'N in 100'."""
    for item in items(kb):
        o = item.outcomes[0] if item.outcomes else None
        if o is None or o.per_100 is None:
            continue
        assert item.short is not None
        text = item.short.work.text
        assert "in 100" in text, (item.id, text)


def test_unsourced_number_and_differences() -> None:
    item = Intervention.model_validate(_record_py())
    assert {30.0, 10.0, 20.0, 100.0} <= allowed_numbers(item)  # figure, comparator, their difference
    assert unsourced_numbers(item, "About 30 in 100, against 10 in 100: 20 more in 100.") == []
    assert unsourced_numbers(item, "About 35 in 100 improved.") == ["35"]
    assert numbers_in("7 in 10,000 and 1.5 and six", words=True) == [7.0, 10000.0, 1.5, 6.0]


def _record_py() -> dict[str, object]:
    import datetime as dt

    d = record()
    d["last_reviewed"] = dt.date(2026, 1, 1)
    return d


def test_short_answers_model_needs_all_ten_and_refs() -> None:
    d = _record_py()
    short = short_answers()
    del short["cost"]
    d["short"] = short
    with pytest.raises(ValidationError, match="cost"):
        Intervention.model_validate(d)
    d["short"] = short_answers()
    d["short"]["work"]["refs"] = []  # type: ignore[index]
    with pytest.raises(ValidationError, match="refs"):
        Intervention.model_validate(d)


@pytest.mark.parametrize(
    ("short", "code"),
    [
        ({"work": "About 45 in 100 improved."}, "E320"),  # 45 is nowhere in the detail
        ({"soon": " ".join(["word"] * 30)}, "W324"),
        ({"soon": " ".join(["word"] * 40)}, "E322"),
    ],
)
def test_linter_short_answer_rules(tmp_path: Path, short: dict[str, str], code: str) -> None:
    root = write_kb(tmp_path / "kb", [record(short=short_answers(**short))])
    found = [f for f in validate(root, readability=False).findings if f.code == code]
    assert found and found[0].field.startswith("short."), found


def test_linter_reports_missing_short_answers(tmp_path: Path) -> None:
    rec = record()
    del rec["short"]
    root = write_kb(tmp_path / "kb", [rec])
    codes = {f.code: f for f in validate(root, readability=False).findings}
    assert codes["W324"].field == "short"


def test_comparator_needs_a_kind(tmp_path: Path) -> None:
    rec = record()
    rec["outcomes"][0]["comparator"].pop("kind")
    root = write_kb(tmp_path / "kb", [rec])
    found = [f for f in validate(root, readability=False).findings if f.code == "E110"]
    assert found and "kind" in found[0].field, found


def test_linter_lead_result_rule(tmp_path: Path) -> None:
    rec = record()
    controlled = rec["outcomes"][0]
    uncontrolled = {
        **controlled,
        "comparator": {"label": "people whose medicines had not failed", "kind": "other-population"},
    }
    rec["outcomes"] = [uncontrolled, controlled]
    root = write_kb(tmp_path / "kb", [rec])
    assert "E321" in [f.code for f in validate(root, readability=False).findings]
    rec["outcomes"] = [controlled, uncontrolled]
    root = write_kb(tmp_path / "kb2", [rec])
    assert "E321" not in [f.code for f in validate(root, readability=False).findings]


# --- compare ------------------------------------------------------------------------------------------


def test_compare_two_options_fits_one_screen_at_80(kb: KnowledgeBase) -> None:
    out = run("compare", "tms", "ketamine")
    assert len(lines(out)) <= 70
    assert first_line_with(out, "Will it") <= 20  # the label may wrap: "Will it / work?"
    # the short answers are shown, not the detail
    for iid in ("rtms", "iv-ketamine"):
        short = kb.get(iid).short
        assert short is not None
        assert flat(short.work.text)[:30] in flat(run("compare", "tms", "ketamine", "--format", "text"))
    assert "--detail" in out and "trdguide show rtms" in out
    assert max(len(line) for line in lines(out)) <= 80


def test_compare_layout_targets() -> None:
    assert len(lines(run("compare", "tms", "ketamine", "ect"))) <= 110
    assert len(lines(run("compare", "tms", "ketamine", columns=120))) <= 50
    out = run("compare", "ketamine", "ect")
    assert first_line_with(out, "ELEKT-D (") <= 60  # the first trial compared head to head
    narrow = run("compare", "tms", "ketamine", columns=40)
    assert max(len(line) for line in lines(narrow)) <= 40
    assert "Will it work?" in narrow  # stacked: each question on a line of its own


def test_compare_order_of_parts() -> None:
    out = flat(run("compare", "ketamine", "ect", "--format", "text"))
    order = [
        "Education, not medical advice",
        "Comparing:",
        "Will it work?",
        "Cost and access",
        "Compared directly",
        "different studies",
        "--detail",
        "trdguide crisis",
    ]
    positions = [out.index(p) for p in order]
    assert positions == sorted(positions), list(zip(order, positions))


def test_compare_detail_keeps_everything(kb: KnowledgeBase) -> None:
    short = flat(run("compare", "tms", "ketamine", "--format", "text"))
    full = flat(run("compare", "tms", "ketamine", "--detail", "--format", "text"))
    assert len(full) > 2 * len(short)
    for o in kb.get("rtms").outcomes:  # every result, not only the first
        assert o.study in full
    only_work = flat(run("compare", "tms", "ketamine", "--detail", "--rows", "work", "--format", "text"))
    assert "Will it work?" in only_work and "Cost and access" not in only_work
    only_work_short = run("compare", "tms", "ketamine", "--rows", "work")
    assert "Cost and access" not in only_work_short


def test_compare_json_cells(kb: KnowledgeBase) -> None:
    doc = json.loads(run("compare", "tms", "ketamine", "--format", "json"))
    assert doc["schema_version"] == 2
    work = doc["data"]["rows"][0]
    assert work["key"] == "work" and work["question"] == "Will it work?"
    cell = work["cells"]["rtms"]
    rtms = kb.get("rtms")
    assert rtms.short is not None and cell["short"] == rtms.short.work.text
    assert cell["detail"] and cell["refs"]
    lead = cell["lead_outcome"]
    o = rtms.outcomes[0]
    assert o.per_100 is not None and o.comparator is not None and o.comparator.per_100 is not None
    assert lead["figure"] == o.per_100.value and lead["comparator_figure"] == o.comparator.per_100.value
    assert lead["difference"] == per100(o.per_100.value) - per100(o.comparator.per_100.value)
    assert lead["comparator_kind"] == "sham" and lead["study"] == o.study and lead["refs"] == list(o.refs)
    assert "lead_outcome" not in doc["data"]["rows"][1]["cells"]["rtms"]


# --- list and faq --------------------------------------------------------------------------------------


def test_list_is_one_line_per_option_grouped(kb: KnowledgeBase) -> None:
    out = run("list")
    assert len(lines(out)) <= 45
    assert max(len(line) for line in lines(out)) <= 80
    for item in items(kb):
        row = [line for line in lines(out) if line.startswith(" " + item.short_name + " ")]
        assert len(row) == 1, item.short_name
    assert "no-approval-needed" not in out and "no approval needed" in out
    assert out.index("Brain stimulation") < out.index(" ECT ") < out.index(" rTMS ")  # sorted by name in a group
    narrow = run("list", columns=40)
    assert max(len(line) for line in lines(narrow)) <= 40 and "rTMS" in narrow


def test_list_filters_unchanged() -> None:
    out = run("list", "--category", "neuromodulation")
    assert "rTMS" in out and "Esketamine" not in out


def test_faq_lists_questions_then_answers(kb: KnowledgeBase) -> None:
    out = run("faq")
    assert len(lines(out)) <= 45 and "trdguide faq NUMBER" in out
    first = kb.store.faq[0]
    assert f"1. {first.question}" in flat(out) and flat(first.answer)[:40] not in flat(out)
    one = flat(run("faq", "1"))
    assert flat(first.answer)[:40] in one
    every = flat(run("faq", "--all"))
    assert all(flat(f.answer)[:40] in every for f in kb.store.faq)


# --- the pager -----------------------------------------------------------------------------------------


def test_pager_choice() -> None:
    assert pager_command({"PAGER": "cat"}) is None
    assert pager_command({"PAGER": ""}) is None
    assert pager_command({"PAGER": "more"}) == "more"


def test_no_pager_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    import trdguide.pager as pager

    called: list[str] = []
    monkeypatch.setattr(pager, "page", lambda text: called.append(text))
    out = run("compare", "tms", "ketamine")  # CliRunner's output is not a terminal
    assert "Will it" in out and called == []


def test_pager_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    import trdguide.pager as pager
    from trdguide import cli

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    def shown_by_pager(args: list[str]) -> list[str]:
        shown: list[str] = []
        monkeypatch.setattr(pager, "page", lambda text: shown.append(text))
        monkeypatch.setattr(sys, "stdout", Tty())
        with pytest.raises(SystemExit) as exc:
            cli.app(args)
        assert exc.value.code == 0
        return shown

    paged = shown_by_pager(["compare", "tms", "ketamine"])
    assert len(paged) == 1 and "Will it" in paged[0] and "\x1b[" in paged[0]  # styled as for the terminal
    assert shown_by_pager(["--no-pager", "compare", "tms", "ketamine"]) == []
    assert shown_by_pager(["compare", "tms", "ketamine", "--format", "json"]) == []


def test_every_record_has_a_short_time_to_effect(kb: KnowledgeBase) -> None:
    for item in items(kb):
        onset = item.setting.onset
        assert onset is not None and len(onset) <= 16, item.id
        assert unsourced_numbers(item, onset) == [], (item.id, onset)
