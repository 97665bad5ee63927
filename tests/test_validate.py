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


# --- every kind of record is linted, at the file and line that set the text ------------------------------

H2H_TEXT = """\
- id: first-trial
  title: Alpha against Beta
  interventions: [alpha, beta]
  summary: One trial compared them directly.
  outcomes:
  - measure: response
    label: symptoms fell by half or more (response)
    per_100: {value: 30}
    comparator: {label: Beta, kind: active, per_100: {value: 20}}
    population: Adults with depression
    timeframe: after 4 weeks
    threshold: 50% drop on HAM-D
    study: Trial of 100 people
    design: rct
    refs: [ref-one]
  refs: [ref-one]
- id: second-trial
  title: Alpha against Beta again
  interventions: [alpha, beta]
  summary: A second trial. TODO check the figures.
  outcomes:
  - measure: response
    label: symptoms fell by half or more (response)
    per_100: {value: 30}
    comparator: {label: Beta, kind: active, per_100: {value: 20}}
    population: Adults with depression
    timeframe: after 4 weeks
    threshold: 50% drop on HAM-D
    study: Trial of 100 people
    design: rct
    note: A remarkable result.
    refs: [ref-one]
  refs: [ref-one]
"""


def _two_records(tmp_path: Path, extra: dict[str, str]) -> Path:
    return write_kb(tmp_path / "kb", [record(), record("beta", aliases=["b-alias"])], extra=extra)


def test_head_to_head_words_are_reported_at_their_line(tmp_path: Path) -> None:
    root = _two_records(tmp_path, {"head_to_head/trials.yaml": H2H_TEXT})
    found = [str(f) for f in validate(root, readability=False).findings if f.severity == "error"]
    assert found == [
        "kb/head_to_head/trials.yaml:20: E302 summary: placeholder 'TODO': placeholder text",
        "kb/head_to_head/trials.yaml:31: E301 outcomes[0].note: promotional wording 'remarkable': promotional wording",
    ]
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 1 and "2 error(s)" in r.stdout


def test_head_to_head_reading_level_and_short_length(tmp_path: Path) -> None:
    pytest.importorskip("textstat")
    hard = (
        "Pharmacological augmentation constitutes a heterogeneous therapeutic methodology necessitating "
        "comprehensive interdisciplinary consideration of contraindications."
    )
    text = H2H_TEXT.replace("One trial compared them directly.", hard).replace("TODO check the figures.", "")
    short = "  short: {text: " + "word " * 30 + ", refs: [ref-one]}\n"
    text = text.replace("A remarkable result.", "Small.").replace(
        "  refs: [ref-one]\n- id: second", short + "  refs: [ref-one]\n- id: second"
    )
    root = _two_records(tmp_path, {"head_to_head/trials.yaml": text})
    found = {(f.file, f.line, f.code, f.field) for f in validate(root).findings if f.file.endswith("trials.yaml")}
    assert ("kb/head_to_head/trials.yaml", 4, "W320", "summary") in found
    assert ("kb/head_to_head/trials.yaml", 16, "W324", "short.text") in found
    [w] = [f for f in validate(root).findings if f.code == "W320" and f.file.endswith("trials.yaml")]
    assert w.message.startswith("reads at about grade ") and w.message.endswith("(aim for 8, warn above 10)")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"glossary.yaml": "- term: thing\n  definition: A TODO.\n"},
            "kb/glossary.yaml:2: E302 definition: placeholder 'TODO': placeholder text",
        ),
        (
            {
                "crisis.yaml": "- region: US\n  region_name: United States\n  service: Line\n  contact: call 1\n"
                "  hours: TBD\n  url: https://example.org\n  checked: 2026-01-01\n  source: https://example.org\n"
            },
            "kb/crisis.yaml:5: E302 hours: placeholder 'TBD': placeholder text",
        ),
        (
            {"faq.yaml": "- id: qq\n  question: Is it good?\n  answer: It is a miracle.\n"},
            "kb/faq.yaml:3: E301 answer: promotional wording 'miracle': promotional wording",
        ),
    ],
)
def test_other_kinds_are_linted(tmp_path: Path, extra: dict[str, str], expected: str) -> None:
    root = write_kb(tmp_path / "kb", [record()], extra=extra)
    assert [str(f) for f in validate(root, readability=False).errors] == [expected]


def test_reference_placeholder(tmp_path: Path) -> None:
    from conftest import ref

    root = write_kb(tmp_path / "kb", [record()], refs=[ref(citation="Author A. FIXME title. J Test 2020.")])
    [e] = validate(root, readability=False).errors
    assert (e.file, e.line, e.code, e.field) == ("kb/references/refs.yaml", 3, "E302", "citation")
    assert e.message == "placeholder 'FIXME': placeholder text"


# --- an override's problems are reported against the override file --------------------------------------


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        (
            "id: alpha\nsummary: A miracle for everyone.\n",
            ["kb/overrides/alpha.yaml:2: E301 summary: promotional wording 'miracle': promotional wording"],
        ),
        (
            "id: alpha\nsetting:\n  schedule: Take 20 mg each morning.\n",
            [
                "kb/overrides/alpha.yaml:3: E303 setting.schedule: dosing amount '20 mg': a dosing amount "
                "(the knowledge base describes how often, never how much)"
            ],
        ),
        (
            "id: alpha\naccess:\n- text: Costs about nothing here.\n  refs: [ref-one]\n"
            "- text: Ask the clinic. TODO phone number.\n  refs: [ref-one]\n",
            ["kb/overrides/alpha.yaml:5: E302 access[1].text: placeholder 'TODO': placeholder text"],
        ),
        (
            "id: alpha\nsummary: Given 3 times.\n",
            ["kb/overrides/alpha.yaml:2: E304 summary: a figure in a summary (figures belong in cited fields)"],
        ),
        (
            "id: alpha\nshort:\n  cost:\n    text: About 99 in 100 pay nothing here.\n",
            ["kb/overrides/alpha.yaml:4: E320 short.cost: 99 not found in this record's cited detail"],
        ),
        (
            "id: alpha\naccess:\n- text: Free at our clinic.\n  refs: [our-leaflet]\n",
            ["kb/overrides/alpha.yaml:4: E130 references: cites 'our-leaflet', which is not in references/"],
        ),
    ],
)
def test_override_problems_point_at_the_override(tmp_path: Path, patch: str, expected: list[str]) -> None:
    root = write_kb(tmp_path / "kb", [record()], extra={"overrides/alpha.yaml": patch})
    assert [str(f) for f in validate(root, readability=False).errors] == expected
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 1 and r.stdout.startswith(expected[0])


def test_fields_an_override_leaves_alone_point_at_the_base(tmp_path: Path) -> None:
    base = record(summary="A remarkable option.")
    root = write_kb(tmp_path / "kb", [base], extra={"overrides/alpha.yaml": "id: alpha\nsetting:\n  given_by: A GP.\n"})
    [e] = validate(root, readability=False).errors
    assert (e.file, e.code, e.field) == ("kb/interventions/alpha.yaml", "E301", "summary")


def test_clinic_override_of_the_bundled_base(tmp_path: Path) -> None:
    """A clinic folder laid over the bundled base: the problem is in the clinic's file, not in data/."""
    root = tmp_path / "clinic"
    (root / "overrides").mkdir(parents=True)
    (root / "kb.yaml").write_text("extends: bundled\n")
    (root / "overrides" / "rtms.yaml").write_text("id: rtms\nsetting:\n  given_by: Our team. TODO names.\n")
    report = validate(root, readability=False)
    assert [str(f) for f in report.errors] == [
        "clinic/overrides/rtms.yaml:3: E302 setting.given_by: placeholder 'TODO': placeholder text"
    ]


def test_override_that_changes_only_refs_is_not_blamed_for_the_base_text(tmp_path: Path) -> None:
    base = record()
    base["short"]["cost"]["text"] = "About 99 in 100 pay nothing."
    patch = "id: alpha\nshort:\n  cost:\n    refs: [ref-one]\n"
    root = write_kb(tmp_path / "kb", [base], extra={"overrides/alpha.yaml": patch})
    [e] = validate(root, readability=False).errors
    assert (e.file, e.code, e.field) == ("kb/interventions/alpha.yaml", "E320", "short.cost")
# --- what a reviewer could not see (issue 19) ----------------------------------------------------------


def _user_kb(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "clinic"
    root.mkdir()
    (root / "kb.yaml").write_text("extends: bundled\n", encoding="utf-8")
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def _validate_lines(root: Path) -> list[str]:
    r = runner.invoke(app, ["validate", str(root), "--no-readability"], env={"COLUMNS": "300", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    return [line for line in r.output.splitlines() if " W34" in line or " I360" in line]


HIDDEN = [
    ('"A text \\u202e that turns"', "\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('"A text \\e[m in plain text"', "\x1b", "U+001B (a control character)"),
    ('"A zero\u200bwidth space"', "\u200b", "U+200B ZERO WIDTH SPACE"),
    ('"An Arabic\u061cmark"', "\u061c", "U+061C ARABIC LETTER MARK"),
    ('"A line\u2028separator"', "\u2028", "U+2028 LINE SEPARATOR"),
    ('"A \\ufeff byte order mark"', "\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
]


@pytest.fixture(scope="module")
def hidden_kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """One clinic FAQ with an answer per hidden character, validated once, its answers shown once (every case
    of the test below reads its own line of each)."""
    faq = "".join(
        f"- id: clinic-hours-{n}\n  question: When is the clinic open ({n})?\n  answer: {written}\n"
        for n, (written, _char, _name) in enumerate(HIDDEN)
    )
    root = _user_kb(tmp_path_factory.mktemp("hidden"), {"faq.yaml": faq})
    lines = _validate_lines(root)
    r = runner.invoke(app, ["--data", str(root), "faq", "--all"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    return root, lines, r.output


@pytest.mark.parametrize(("written", "char", "name"), HIDDEN)
def test_hidden_characters_are_named_with_file_line_and_character(
    hidden_kb: tuple[Path, list[str], str], written: str, char: str, name: str
) -> None:
    _root, lines, shown = hidden_kb
    n = [w for w, _c, _n in HIDDEN].index(written)
    assert len(lines) == len(HIDDEN), "one finding per hidden character, and nothing else in the bundled base"
    assert lines[n].startswith(f"clinic/faq.yaml:{3 * n + 3}: W340 answer: {name} at character ")
    # and every output shows it as a visible code
    assert char not in shown and f"<U+{ord(char):04X}>" in shown


def test_every_control_format_and_separator_character_is_neutralised() -> None:
    """framing's written-out set covers every Cc, Cf, Zl and Zp character of this Python's Unicode tables."""
    import sys
    import unicodedata

    from trdguide.framing import safe

    missed = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Zl", "Zp")
        and chr(cp) not in "\t\n"
        and safe(chr(cp)) == chr(cp)
    ]
    assert missed == []
    assert safe("tab\tnew\nline é ü 日本") == "tab\tnew\nline é ü 日本"


def test_html_tag_in_text_is_a_warning(tmp_path: Path) -> None:
    override = 'id: rtms\naccess:\n  - text: "Ask us <a href=x>here</a>."\n    refs: [berlim-2014-rtms]\n'
    root = _user_kb(tmp_path, {"overrides/rtms.yaml": override})
    lines = _validate_lines(root)
    assert (
        "clinic/overrides/rtms.yaml:3: W341 access[0].text: '<a href=x>': an HTML tag in the text (shown as text)"
        in lines
    )
    assert not [line for line in lines if "W340" in line]


def test_files_that_are_not_read_are_named(tmp_path: Path) -> None:
    root = _user_kb(
        tmp_path,
        {
            "interventions/local.YAML": "id: local\n",
            "references/more.yaml.txt": "- id: x\n",
            "faq.yml": "- id: x\n",
            "Glossary.yaml": "- term: x\n",
            "notes.txt": "my notes",  # not knowledge-base looking: left alone
            "references/.hidden": "",
        },
    )
    lines = _validate_lines(root)
    why = "this file is not read: only files ending in .yaml or .yml are, and faq.yaml, glossary.yaml, "
    assert lines == [
        f"clinic/Glossary.yaml: W342 {why}crisis.yaml and kb.yaml by those exact names",
        f"clinic/faq.yml: W342 {why}crisis.yaml and kb.yaml by those exact names",
        f"clinic/interventions/local.YAML: W342 {why}crisis.yaml and kb.yaml by those exact names",
        f"clinic/references/more.yaml.txt: W342 {why}crisis.yaml and kb.yaml by those exact names",
    ]


def test_unread_files_are_named_even_when_the_base_has_errors(tmp_path: Path) -> None:
    root = _user_kb(tmp_path, {"faq.yaml": "- id: [\n", "crisis.YAML": "[]\n"})
    r = runner.invoke(app, ["validate", str(root), "--no-readability"], env={"COLUMNS": "300"})
    assert r.exit_code == 1
    assert "clinic/faq.yaml:2: E101" in r.output and "clinic/crisis.YAML: W342" in r.output


def test_replaced_bundled_record_is_noted(tmp_path: Path) -> None:
    import yaml

    bundled = yaml.safe_load((ROOT / "data" / "interventions" / "rtms.yaml").read_text(encoding="utf-8"))
    bundled["summary"] = "Our clinic's own description of this option."
    root = _user_kb(tmp_path, {"interventions/rtms.yaml": yaml.safe_dump(bundled, sort_keys=False)})
    assert _validate_lines(root) == [
        "clinic/interventions/rtms.yaml:1: I360 intervention 'rtms' replaces the bundled one of the same name"
    ]
    report = validate(root, readability=False)
    assert [f.severity for f in report.findings if f.code == "I360"] == ["info"]


def test_short_answer_citing_nothing_the_detail_still_cites(tmp_path: Path) -> None:
    """A clinic's override replaces the access list: the short cost answer's source is gone from the
    record's detail, so the short answer may now disagree with it."""
    override = (
        "id: bright-light\naccess:\n  - text: Our clinic lends light boxes to its patients.\n"
        "    refs: [cet-light-boxes]\n"
    )
    root = _user_kb(tmp_path, {"overrides/bright-light.yaml": override})
    assert _validate_lines(root) == []  # the cost answer's source is still cited by the detail
    (root / "overrides" / "bright-light.yaml").write_text(
        override.replace("cet-light-boxes", "menegaz-2024-light-meta")
    )
    lines = _validate_lines(root)
    assert len(lines) == 1 and lines[0].startswith("data/interventions/bright-light.yaml:")
    assert lines[0].endswith(
        " W343 short.cost: cites cet-light-boxes, which the record's detail no longer cites: check that this "
        "answer still agrees with the detail (an override may have replaced it)"
    )


def test_unread_file_with_an_escape_in_its_name_is_shown_inert(tmp_path: Path) -> None:
    root = _user_kb(tmp_path, {"interventions/evil\x1b[2J.txt": "x"})
    r = runner.invoke(app, ["validate", str(root), "--no-readability"], env={"COLUMNS": "300"})
    assert r.exit_code == 0 and "\x1b" not in r.output
    assert "clinic/interventions/evil<U+001B>[2J.txt: W342 this file is not read" in r.output
