"""The change log readers can see: `changes:` in a record, `show`'s latest change, `trdguide changes`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import record, write_kb
from pydantic import ValidationError
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.models import Intervention

runner = CliRunner()


def change(day: str, what: str, why: str = "A source said so.", refs: list[str] | None = None) -> dict[str, Any]:
    return {"date": dt.date.fromisoformat(day), "what": what, "why": why, "refs": refs or ["ref-one"]}


def changed_kb(tmp_path: Path) -> Path:
    alpha = record("alpha", last_reviewed=dt.date(2026, 12, 5))
    alpha["changes"] = [
        change("2026-12-05", "The cost answer names the new public listing", "The listing started in May."),
        change("2025-06-01", "Added the second trial", "It was published."),
    ]
    beta = record("beta", last_reviewed=dt.date(2026, 12, 5))
    beta["changes"] = [change("2026-12-05", "Scoped the side-effect sentence to one study", refs=["ref-one"])]
    return write_kb(tmp_path / "kb", [alpha, beta, record("gamma")])


def run(kb: Path, *args: str) -> Any:
    return runner.invoke(app, ["--data", str(kb), *args])


def test_changes_lists_every_change_newest_first_grouped_by_date(tmp_path: Path) -> None:
    r = run(changed_kb(tmp_path), "changes", "--format", "text")
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())
    assert "What changed in this guide" in out
    assert out.index("2026-12-05") < out.index("ALPHA: The cost answer") < out.index("BETA: Scoped")
    assert out.index("BETA: Scoped") < out.index("2025-06-01") < out.index("ALPHA: Added the second trial.")
    assert "Why: The listing started in May. [ref-one]" in out
    assert "GAMMA" not in out


def test_changes_since_keeps_the_changes_on_or_after_the_date(tmp_path: Path) -> None:
    r = run(changed_kb(tmp_path), "changes", "--since", "2026-12-05", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)["data"]
    assert data["since"] == "2026-12-05"
    assert [(e["option"], e["date"]) for e in data["entries"]] == [("alpha", "2026-12-05"), ("beta", "2026-12-05")]
    assert data["entries"][0]["why"] == "The listing started in May." and data["entries"][0]["refs"] == ["ref-one"]


def test_changes_since_a_later_date_says_there_are_none(tmp_path: Path) -> None:
    r = run(changed_kb(tmp_path), "changes", "--since", "2026-12-06", "--format", "text")
    assert r.exit_code == 0
    assert "What changed since 2026-12-06" in r.stdout
    assert "No option has a recorded change on or after 2026-12-06." in r.stdout


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "12/01/2026", ""])
def test_changes_since_a_bad_date_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    r = run(changed_kb(tmp_path), "changes", "--since", bad)
    assert r.exit_code == 2
    assert f"--since takes a date written YYYY-MM-DD, for example 2026-12-01 (got {bad!r})." in r.stderr


def test_show_prints_the_latest_change_under_the_review_date(tmp_path: Path) -> None:
    r = run(changed_kb(tmp_path), "show", "alpha", "--format", "text", "--no-pictures")
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())
    assert "Last reviewed: 2026-12-05. Latest change (2026-12-05): The cost answer names the new public listing." in out
    assert "Earlier changes: trdguide changes." in out
    assert "Added the second trial" not in out  # only the latest
    r = run(changed_kb(tmp_path), "show", "gamma", "--format", "text", "--no-pictures")
    assert "Latest change" not in r.stdout


def test_changes_must_be_listed_newest_first() -> None:
    d = record("alpha", last_reviewed=dt.date(2026, 1, 1))
    d["changes"] = [change("2025-01-01", "Older"), change("2025-06-01", "Newer")]
    with pytest.raises(ValidationError) as exc:
        Intervention.model_validate(d, strict=False)
    assert "changes[1] is newer than changes[0]: list the newest change first" in str(exc.value)


def test_a_change_in_the_future_is_refused() -> None:
    d = record("alpha", last_reviewed=dt.date(2026, 1, 1))
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    d["changes"] = [change(future, "Something")]
    with pytest.raises(ValidationError) as exc:
        Intervention.model_validate(d, strict=False)
    assert f"a change dated {future} is in the future" in str(exc.value)


def test_a_change_citing_an_unknown_reference_is_a_data_error(tmp_path: Path) -> None:
    alpha = record("alpha", last_reviewed=dt.date(2026, 12, 5))
    alpha["changes"] = [change("2026-12-05", "Something", refs=["no-such-ref"])]
    kb = write_kb(tmp_path / "kb", [alpha])
    r = runner.invoke(app, ["validate", str(kb)])
    assert r.exit_code == 1
    assert "no-such-ref" in r.stdout


def test_the_bundled_changes_of_this_review_are_listed() -> None:
    r = runner.invoke(app, ["changes", "--since", "2026-12-01", "--format", "json"])
    assert r.exit_code == 0
    entries = json.loads(r.stdout)["data"]["entries"]
    assert entries, "this review's changes are the change log's first entries"
    assert all(e["date"] >= "2026-12-01" and e["what"] and e["why"] for e in entries)
