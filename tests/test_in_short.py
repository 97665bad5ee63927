"""`show NAME` opens with "In short": the comparison grid's ten short answers for that one option, right after
the header, in every format; `compare` given one name is a usage error that points to `show`."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from conftest import record, write_kb
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.knowledge import ROW_KEYS, KnowledgeBase
from trdguide.wording import ROW_TEXT, in_short_line

runner = CliRunner()
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "TRDGUIDE_REGION": ""}


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), env=ENV)
    return r.exit_code, r.stdout, r.stderr


def flat(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def expected_lines(kb: KnowledgeBase, name: str) -> list[str]:
    """The short answers as the compare grid holds them (its cells), one line each, in the grid's order."""
    c = kb.compare([name, "ect" if name != "ect" else "rtms"])
    return [in_short_line(r.key, r.cells[0].short or "") for r in c.rows]


def test_in_short_line_wording() -> None:
    assert in_short_line("work", "About 29 in 100.") == "Will it work? About 29 in 100."
    assert in_short_line("cost", "Covered.") == "Cost and access: Covered."
    assert [ROW_TEXT[k].label for k in ROW_KEYS][:2] == ["Will it work?", "How soon?"]


@pytest.mark.parametrize("name", ["rtms", "esketamine", "psilocybin"])
def test_show_opens_with_the_grids_short_answers(kb: KnowledgeBase, name: str) -> None:
    code, out, _ = run("show", name)
    assert code == 0
    lines = out.splitlines()
    status = next(n for n, line in enumerate(lines) if line.startswith("Status: "))
    start = lines.index("In short")
    # right after the header: the title, then the status line (a few lines at most) and one blank line
    assert 0 < start - status <= 4 and lines[start - 1] == ""
    body = flat(out[out.index("In short") :])
    want = expected_lines(kb, name)
    assert len(want) == 10
    pos = 0
    for line in want:  # every short answer, in the grid's order, before the detail
        pos = body.index(f"- {flat(line)}", pos)
    summary = kb.get(kb.resolve_with_note(name)[0].id).summary
    assert pos < body.index(flat(summary)[:40]) < body.index("How it is thought to work")


def test_in_short_in_every_format(kb: KnowledgeBase) -> None:
    want = expected_lines(kb, "rtms")
    code, out, _ = run("show", "rtms", "--format", "text")
    assert code == 0 and "In short" in out and all(flat(w) in flat(out) for w in want)
    code, out, _ = run("show", "rtms", "--format", "markdown")
    assert code == 0 and "## In short" in out
    assert "- " + want[0] in out  # "Will it work? ..." (no character Markdown escapes)
    code, out, _ = run("show", "rtms", "--format", "html")
    text = flat(html.unescape(out))
    assert code == 0 and "In short" in text and all(flat(w) in text for w in want)
    code, out, _ = run("show", "rtms", "--format", "json")
    doc = json.loads(out)["data"]
    assert [e["key"] for e in doc["in_short"]] == list(ROW_KEYS)
    assert [in_short_line(e["key"], e["short"]) for e in doc["in_short"]] == want
    assert doc["in_short"][0]["question"] == "Will it work?" and doc["in_short"][0]["refs"]
    assert doc["in_short"][0]["lead_outcome"]["figure"] is not None  # the grid's lead figure, as compare gives it


def test_in_short_comes_within_the_first_screen_at_80_columns() -> None:
    code, out, _ = run("show", "rtms")
    lines = out.splitlines()
    start = lines.index("In short")
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].strip())
    assert start <= 6 and end - start <= 24  # the header, then the ten answers: about one screen


def test_a_record_without_short_answers_has_no_in_short(tmp_path: Path) -> None:
    rec = record()
    del rec["short"]
    data = write_kb(tmp_path / "kb", [rec])
    r = runner.invoke(app, ["--data", str(data), "show", "alpha"], env=ENV)
    assert r.exit_code == 0 and "In short" not in r.stdout and "Treatment Alpha" in r.stdout
    r = runner.invoke(app, ["--data", str(data), "show", "alpha", "--format", "json"], env=ENV)
    assert json.loads(r.stdout)["data"]["in_short"] == []


def test_compare_with_one_name_points_to_show() -> None:
    code, out, err = run("compare", "rtms")
    assert code == 2 and out == ""
    assert err == (
        "Error: compare needs 2 to 5 names; you gave one (rTMS). "
        "Its short answers, then everything else: trdguide show rtms\n"
    )
    code, out, err = run("compare", "spravato")  # a brand name: pointed to the option's own id
    assert code == 2 and err.endswith(
        "you gave one (Esketamine). Its short answers, then everything else: trdguide show esketamine\n"
    )
    code, out, err = run("compare", "rtmz")  # an unknown name: not found first, with "did you mean"
    assert code == 1 and err == "Error: No intervention called 'rtmz'. Did you mean: rtms?\n"
    code, out, err = run("compare", "a", "b", "c", "d", "e", "f")
    assert code == 2 and "compare takes 2 to 5 names; you gave 6." in err
