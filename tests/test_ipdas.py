"""`trdguide about --ipdas`: the IPDAS criteria, checked on the knowledge base in use; docs/ipdas.md in sync."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from conftest import record, write_kb
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.ipdas import ipdas_check
from trdguide.knowledge import KnowledgeBase
from trdguide.render import markdown
from trdguide.render.document import ipdas_document

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ipdas.md"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
runner = CliRunner()
ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


def criteria(*args: str) -> dict[str, dict[str, Any]]:
    r = runner.invoke(app, [*args, "about", "--ipdas", "--format", "json"], env=ENV)
    assert r.exit_code == 0, r.output
    return {c["code"]: c for c in json.loads(r.stdout)["data"]["criteria"]}


def test_every_criterion_of_the_minimum_standards_once() -> None:
    rows = criteria()
    codes = list(rows)
    assert [c for c in codes if c[0] == "Q"] == [f"Q{n}" for n in range(1, 7)]
    assert [c for c in codes if c[0] == "C"] == [f"C{n}" for n in range(1, 11)]
    assert [c for c in codes if c[0] == "B"] == [f"B{n}" for n in range(1, 29)]
    assert {r["how"] for r in rows.values()} == {"program", "built-in", "people", "not-applicable"}
    assert all((r["met"] is None) == (r["how"] != "program") for r in rows.values())


def test_the_bundled_guide_meets_what_the_program_checks() -> None:
    rows = criteria()
    assert rows["B9"]["met"] and rows["B9"]["facts"]["missing"] == []
    assert rows["C1"]["met"] and rows["Q3"]["facts"]["options"] >= 30
    assert rows["B21"]["met"] and float(rows["B21"]["facts"]["mean"]) <= 8


def test_a_clinics_knowledge_base_gets_its_own_check(tmp_path: Path) -> None:
    """Rows checked by the program are computed on --data: a base without short answers, without the
    fields `weigh` reads and without a current-care option fails those rows, naming the options."""
    alpha = record("alpha")
    beta = record("beta")
    del beta["short"]
    kb = write_kb(tmp_path / "kb", [alpha, beta])
    rows = criteria("--data", str(kb))
    assert rows["Q3"]["facts"]["options"] == 2
    assert rows["C1"]["met"] is False and rows["C1"]["facts"]["missing"] == ["beta"]
    assert rows["B9"]["met"] is False and rows["B9"]["facts"]["missing"] == ["alpha", "beta"]
    assert rows["B1"]["met"] is False
    assert "Missing in: beta." in rows["C1"]["what_the_guide_does"]
    r = runner.invoke(app, ["--data", str(kb), "about", "--ipdas", "--format", "text"], env=ENV)
    assert r.exit_code == 0
    text = " ".join(r.stdout.split())
    assert "B9 Helps people think about what matters to them: Checked by the program now: not met" in text
    assert "0 of 2 options have the fields it reads. Missing in: alpha, beta." in text


def test_sources_are_cited() -> None:
    r = runner.invoke(app, ["about", "--ipdas", "--format", "text"], env=ENV)
    assert r.exit_code == 0
    text = " ".join(r.stdout.split())
    assert "doi:10.1177/0272989X13501721" in text and "PMID 23963501" in text
    assert "doi:10.1136/bmj.38926.629329.AE" in text and "PMID 16908462" in text


def test_docs_table_is_in_sync() -> None:
    """docs/ipdas.md shows the same table, for the bundled knowledge base (UPDATE_GOLDEN=1 rewrites it)."""
    full = ipdas_document(ipdas_check(KnowledgeBase.load()))
    table = markdown.render(full._replace(blocks=full.blocks[2:]))  # the page has its own title and introduction
    doc = DOC.read_text(encoding="utf-8")
    m = re.search(r"<!-- ipdas:start -->\n(.*?)<!-- ipdas:end -->", doc, re.S)
    assert m, "docs/ipdas.md has no <!-- ipdas:start --> ... <!-- ipdas:end --> block"
    if UPDATE:
        DOC.write_text(doc[: m.start(1)] + table + doc[m.end(1) :], encoding="utf-8")
        return
    assert m.group(1) == table, "docs/ipdas.md is out of date: UPDATE_GOLDEN=1 pytest tests/test_ipdas.py"
