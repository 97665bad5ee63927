"""`trdguide validate` (rule codes, file:line output, exit codes) and `trdguide schema`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import record, write_kb
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.lint import RULES, validate
from trdguide.schemas import KINDS, json_schema

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def codes(root: Path, **kw: object) -> list[str]:
    return [f.code for f in validate(root, **kw).findings]  # type: ignore[arg-type]


def test_bundled_base_has_no_errors() -> None:
    report = validate(None, readability=False)
    assert report.errors == [], "\n".join(map(str, report.errors))


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"summary": "A miracle for everyone."}, "E301"),
        ({"summary": "TODO write this."}, "E302"),
        ({"summary": "Given as 50 mg a day."}, "E304"),
        ({"outcomes": [], "misconceptions": []}, "E310"),
    ],
)
def test_content_rules(tmp_path: Path, change: dict[str, object], code: str) -> None:
    root = write_kb(tmp_path / "kb", [record(**change)])
    found = validate(root, readability=False).findings
    hit = [f for f in found if f.code == code]
    assert hit, found
    assert hit[0].file.endswith("alpha.yaml") and hit[0].line is not None and hit[0].severity == "error"
    assert str(hit[0]).startswith(f"{hit[0].file}:{hit[0].line}: {code}")


def test_dosing_rule(tmp_path: Path) -> None:
    r = record()
    r["setting"]["schedule"] = "Take 20 mg each morning."
    assert "E303" in codes(write_kb(tmp_path / "kb", [r]), readability=False)


def test_stale_review_is_a_warning(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record()])
    report = validate(root, today=dt.date(2030, 1, 1), readability=False)
    [w] = [f for f in report.findings if f.code == "W201"]
    assert w.severity == "warning" and "days ago" in w.message and not report.errors


def test_unused_reference_warning(tmp_path: Path) -> None:
    from conftest import ref

    root = write_kb(tmp_path / "kb", [record()], refs=[ref(), ref("ref-two")])
    assert "W330" in codes(root, readability=False)


def test_faq_figure_without_reference(tmp_path: Path) -> None:
    faq = "- id: qq\n  question: How many?\n  answer: About 30 in 100 people.\n"
    root = write_kb(tmp_path / "kb", [record()], extra={"faq.yaml": faq})
    assert "E311" in codes(root, readability=False)


def test_reading_level_reported_with_grade(tmp_path: Path) -> None:
    pytest.importorskip("textstat")
    hard = (
        "Pharmacological augmentation constitutes a heterogeneous therapeutic methodology necessitating "
        "comprehensive interdisciplinary consideration of contraindications."
    )
    root = write_kb(tmp_path / "kb", [record(summary=hard)])
    [w] = [f for f in validate(root).findings if f.code == "W320" and f.field == "summary"]
    assert "grade" in w.message


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"interventions/bad.yaml": "id: [unclosed\n"}, "E101"),
        ({"interventions/empty.yaml": ""}, "E102"),
        ({"interventions/evil.yaml": "id: !!python/object:os.system x\n"}, "E103"),
        ({"faq.yaml": "question: x\n"}, "E111"),
    ],
)
def test_loader_problems_have_codes(tmp_path: Path, extra: dict[str, str], code: str) -> None:
    root = write_kb(tmp_path / "kb", [record()], extra=extra)
    assert code in codes(root)


def test_loader_codes_for_cross_checks(tmp_path: Path) -> None:
    r = record(related=["nowhere"], category="magic")
    r2 = record("beta", aliases=["alpha"])
    r2["evidence"]["refs"] = ["missing-ref"]
    root = write_kb(tmp_path / "kb", [r, r2])
    found = set(codes(root))
    assert {"E110", "E121", "E130"} <= found


def test_every_code_is_documented_in_readme() -> None:
    readme = (ROOT / "docs" / "validate.md").read_text()
    for code in RULES:
        assert code in readme, code


def test_cli_validate_text_and_json(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record(summary="A remarkable option.")])
    r = runner.invoke(app, ["validate", str(root)])
    assert r.exit_code == 1
    line = r.stdout.splitlines()[0]
    assert "alpha.yaml:" in line and " E301 " in line
    assert "1 error(s)" in r.stdout
    r = runner.invoke(app, ["validate", str(root), "--format", "json", "--no-readability"])
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["errors"] == 1 and doc["findings"][0]["code"] == "E301"
    assert doc["findings"][0]["severity"] == "error"


def test_cli_validate_clean_base_exits_0(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record()])
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 0 and "0 error(s)" in r.stdout


def test_cli_validate_missing_folder(tmp_path: Path) -> None:
    r = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert r.exit_code == 1 and "E102" in r.stdout and "does not exist" in r.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_schema_files_are_current(kind: str) -> None:
    """The checked-in schema/ files (used by editors) match what `trdguide schema` prints."""
    on_disk = json.loads((ROOT / "schema" / f"{kind}.json").read_text())
    assert on_disk == json_schema(kind)


def test_cli_schema() -> None:
    r = runner.invoke(app, ["schema", "intervention"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert {"summary", "outcomes", "short"} <= set(doc["properties"])
    assert {"id", "summary", "side_effects", "references"} <= set(doc["required"]) and "short" not in doc["required"]
    r = runner.invoke(app, ["schema", "references"])
    assert json.loads(r.stdout)["type"] == "array"
    assert runner.invoke(app, ["schema", "nonsense"]).exit_code == 2
