"""User knowledge bases: a clinic folder laid over the bundled base (kb.yaml: extends: bundled)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import dump, record, ref, write_kb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.loader import DataError, load
from trdguide.schemas import json_schema, override_model

ROOT = Path(__file__).resolve().parent.parent

runner = CliRunner()


def clinic(tmp_path: Path, override: dict[str, object] | None = None) -> Path:
    root = tmp_path / "clinic"
    (root / "interventions").mkdir(parents=True)
    (root / "overrides").mkdir()
    (root / "references").mkdir()
    (root / "kb.yaml").write_text("name: Example clinic\nextends: bundled\n")
    local = record("local-service", name="Local mood service", short_name="Mood clinic", aliases=["mood clinic"])
    local["references"] = ["local-leaflet"]
    (root / "interventions" / "local-service.yaml").write_text(dump(local).replace("ref-one", "local-leaflet"))
    (root / "references" / "local.yaml").write_text(dump([ref("local-leaflet", url="https://example.org/leaflet")]))
    patch = override or {
        "id": "rtms",
        "access": [{"text": "At our clinic a course is covered for local residents.", "refs": ["local-leaflet"]}],
    }
    (root / "overrides" / "rtms.yaml").write_text(dump(patch))
    return root


def test_clinic_adds_and_overrides(tmp_path: Path) -> None:
    b = load(clinic(tmp_path))
    ids = {i.id for i in b.interventions}
    assert "local-service" in ids and "ect" in ids  # added + bundled
    rtms = next(i for i in b.interventions if i.id == "rtms")
    assert [a.text for a in rtms.access] == ["At our clinic a course is covered for local residents."]
    assert rtms.outcomes, "fields the override does not name stay as bundled"
    assert len(b.sources) == 2


def test_override_errors_point_at_the_override_file(tmp_path: Path) -> None:
    root = clinic(tmp_path, {"id": "rtms", "setting": {"anaesthesia": "sometimes"}})
    with pytest.raises(DataError) as exc:
        load(root)
    [p] = exc.value.problems
    assert p.file.endswith("overrides/rtms.yaml") and p.field == "setting.anaesthesia" and p.line == 3


def test_override_of_unknown_record(tmp_path: Path) -> None:
    root = clinic(tmp_path, {"id": "nothing-here", "summary": "x"})
    with pytest.raises(DataError, match="overrides 'nothing-here'"):
        load(root)


def test_standalone_folder_does_not_include_bundled(tmp_path: Path) -> None:
    root = clinic(tmp_path)
    (root / "kb.yaml").write_text("extends: none\n")
    with pytest.raises(DataError, match="overrides 'rtms'"):
        load(root)


@pytest.mark.parametrize("text", ["extends: elsewhere\n", "colour: red\n"])
def test_bad_manifest(tmp_path: Path, text: str) -> None:
    root = clinic(tmp_path)
    (root / "kb.yaml").write_text(text)
    with pytest.raises(DataError) as exc:
        load(root)
    assert exc.value.problems[0].file.endswith("kb.yaml")


def test_cli_with_clinic_and_about_names_sources(tmp_path: Path) -> None:
    root = clinic(tmp_path)
    r = runner.invoke(app, ["--data", str(root), "show", "mood clinic", "--format", "text"])
    assert r.exit_code == 0, r.output
    assert "Local mood service" in r.stdout
    r = runner.invoke(app, ["--data", str(root), "about", "--format", "text"])
    text = " ".join(r.stdout.split())
    assert str(root) in text and "the knowledge base bundled with trdguide" in text


# --- overrides follow their published schema -----------------------------------------------------------


def override_kb(tmp_path: Path, patch_text: str) -> Path:
    """A standalone base with one valid record, `alpha`, and one override file."""
    return write_kb(tmp_path / "kb", [record()], extra={"overrides/alpha.yaml": patch_text})


def validate_errors(root: Path) -> list[dict[str, object]]:
    r = runner.invoke(app, ["validate", str(root), "--format", "json", "--no-readability"])
    return [f for f in json.loads(r.stdout)["findings"] if f["severity"] == "error"]


def test_override_schema_makes_nested_records_partial_and_list_items_whole() -> None:
    schema = json_schema("override")
    assert schema["required"] == ["id"]
    defs = schema["$defs"]
    assert schema["properties"]["setting"] == {"$ref": "#/$defs/SettingOverride"}
    assert "required" not in defs["SettingOverride"] and "required" not in defs["ShortAnswerOverride"]
    assert defs["SettingOverride"]["additionalProperties"] is False
    # a list replaces the base list whole, so its items are complete records
    assert schema["properties"]["access"]["items"] == {"$ref": "#/$defs/Statement"}
    assert defs["Statement"]["required"] == ["text", "refs"]
    assert all("default" not in p for p in schema["properties"].values())
    assert json.loads((ROOT / "schema" / "override.json").read_text()) == schema


def test_partial_nested_override_is_merged(tmp_path: Path) -> None:
    root = override_kb(tmp_path, "id: alpha\nsetting:\n  anaesthesia: general\nshort:\n  cost:\n    text: Free here.\n")
    item = next(i for i in load(root).interventions if i.id == "alpha")
    assert item.setting.anaesthesia.value == "general" and item.setting.given_by == "A nurse."
    assert item.short is not None and item.short.cost.text == "Free here." and item.short.cost.refs == ["ref-one"]
    assert validate_errors(root) == []


@pytest.mark.parametrize(
    ("text", "field", "line", "code", "message"),
    [
        ("id: alpha\naccess:\n- text: Only text.\n", "access[0].refs", 3, "E110", "is required but missing"),
        ("id: alpha\ncolour: blue\n", "colour", 2, "E110", "is not a known field (check the spelling)"),
        ("id: alpha\nsetting:\n  colour: blue\n", "setting.colour", 3, "E110", "is not a known field"),
        ("id: alpha\nsummary: null\n", "summary", 2, "E110", "input should be a valid string"),
        ("id: alpha\nsetting: clinic\n", "setting", 2, "E110", "input should be a valid dictionary"),
        ("summary: x\n", "id", 1, "E111", "an override names the intervention it changes with 'id'"),
        ("- id: alpha\n", "", 1, "E111", "an override names the intervention it changes with 'id'"),
        ("id: beta\nsummary: x\n", "id", 1, "E131", "overrides 'beta', which is not an intervention in the base"),
        ("id: alpha\n<<: {summary: x}\n", "", 2, "E103", "the merge key '<<' is not allowed"),
    ],
)
def test_override_errors(tmp_path: Path, text: str, field: str, line: int, code: str, message: str) -> None:
    root = override_kb(tmp_path, text)
    with pytest.raises(DataError) as exc:
        load(root)
    [p] = exc.value.problems  # reported once, at the override file, not again for the merged record
    assert p.file == "kb/overrides/alpha.yaml" and p.field == field and p.line == line and p.code == code
    assert p.message.startswith(message)
    [f] = validate_errors(root)
    assert (f["file"], f["line"], f["code"], f["field"], f["message"]) == (p.file, line, code, field, p.message)
    r = runner.invoke(app, ["--data", str(root), "list"])
    assert r.exit_code == 1 and f"kb/overrides/alpha.yaml:{line}:" in r.output


def test_merged_record_is_still_checked_whole(tmp_path: Path) -> None:
    """The schema checks the override by itself; naming part of a section the base lacks is caught after
    merging (here `short`, which the base record does not have)."""
    base = record()
    del base["short"]
    root = write_kb(
        tmp_path / "kb", [base], extra={"overrides/alpha.yaml": "id: alpha\nshort:\n  cost:\n    text: Free.\n"}
    )
    with pytest.raises(DataError) as exc:
        load(root)
    fields = {p.field for p in exc.value.problems}
    assert "short.work" in fields and "short.cost.refs" in fields
    assert all(p.file == "kb/overrides/alpha.yaml" for p in exc.value.problems)


_NESTED = ("mechanism", "setting", "status", "side_effects", "evidence", "short")


@st.composite
def _sub_overrides(draw: st.DrawFn) -> tuple[dict[str, Any], bool]:
    """A part of a valid record as an override; (override, whether it must be refused)."""
    full = record()
    out: dict[str, Any] = {"id": "alpha"}
    for key in draw(st.lists(st.sampled_from(sorted(set(full) - {"id"})), unique=True, max_size=6)):
        value = full[key]
        if key in _NESTED:
            keep = draw(st.lists(st.sampled_from(sorted(value)), unique=True, min_size=1))
            value = {k: value[k] for k in keep}
            if key == "short":  # one level deeper: each short answer is a record too
                value = {
                    k: {f: v[f] for f in draw(st.lists(st.sampled_from(["text", "refs"]), unique=True, min_size=1))}
                    for k, v in value.items()
                }
        out[key] = value
    broken = False
    lists = [k for k in out if isinstance(out[k], list) and out[k] and isinstance(out[k][0], dict)]
    if lists and draw(st.booleans()):  # an item of a list must stay whole
        key = draw(st.sampled_from(lists))
        item = dict(out[key][0])
        item.pop(draw(st.sampled_from(sorted({"refs", "text", "label", "region", "body"} & set(item)))))
        out[key] = [item, *out[key][1:]]
        broken = True
    return out, broken


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=_sub_overrides())
def test_schema_and_loader_agree_on_overrides(tmp_path_factory: pytest.TempPathFactory, case: tuple[Any, bool]) -> None:
    patch, broken = case
    text = dump(patch)
    try:
        override_model().model_validate(yaml.safe_load(text))  # the model the JSON Schema is made from
        schema_ok = True
    except ValidationError:
        schema_ok = False
    root = override_kb(tmp_path_factory.mktemp("o"), text)
    try:
        load(root)
        loader_ok = True
    except DataError:
        loader_ok = False
    assert schema_ok == loader_ok == (not broken), patch


def _complete(line: str, env: dict[str, str] | None = None) -> list[str]:
    words = line.split(" ")
    r = runner.invoke(
        app,
        [],
        env={
            "_TRDGUIDE_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
            **(env or {}),
        },
    )
    assert r.exit_code == 0, r.output
    return r.stdout.split()


def test_completion_offers_the_names_of_the_knowledge_base_on_the_line(tmp_path: Path) -> None:
    root = clinic(tmp_path)
    assert _complete(f"trdguide --data {root} show local") == ["local-service"]
    assert _complete("trdguide show local", {"TRDGUIDE_DATA": str(root)}) == ["local-service"]
    assert _complete(f"trdguide --data {root} compare rtms local") == ["local-service"]
    assert _complete("trdguide show local") == [], "the bundled base has no such option"
    assert "rtms" in _complete("trdguide show rt")
    assert _complete(f"trdguide --data {tmp_path / 'missing'} show rt") == [], "a bad folder completes nothing"


def test_completion_shows_hidden_characters_as_visible_codes(tmp_path: Path) -> None:
    """An alias with a text-direction override or an escape sequence is data: completion prints it the
    way every other output does, as visible codes, never raw (issue 19)."""
    root = clinic(tmp_path)
    f = root / "interventions" / "local-service.yaml"
    f.write_text(f.read_text().replace("- mood clinic", '- "local\\u202eevil"\n- "local\\e[2Jwipe"'))
    assert sorted(_complete(f"trdguide --data {root} show local")) == [
        "local-service",
        "local<U+001B>[2jwipe",
        "local<U+202E>evil",
    ]
    out = "".join(_complete(f"trdguide --data {root} show local"))
    assert "\x1b" not in out and "\u202e" not in out


def test_about_names_records_that_replace_bundled_ones(tmp_path: Path) -> None:
    """Replacing a bundled record is allowed; `about` makes it visible (from the YAML and from the cache)."""
    import yaml

    root = clinic(tmp_path)
    bundled = yaml.safe_load((ROOT / "data" / "interventions" / "ect.yaml").read_text(encoding="utf-8"))
    (root / "interventions" / "ect.yaml").write_text(yaml.safe_dump(bundled, sort_keys=False))
    line = "- Replaces the bundled intervention 'ect': clinic/interventions/ect.yaml"
    for _ in range(2):  # cold, then warm cache
        r = runner.invoke(app, ["--data", str(root), "about", "--format", "text"], env={"COLUMNS": "200"})
        assert r.exit_code == 0 and line in r.output.splitlines(), r.output
        r = runner.invoke(app, ["--data", str(root), "about", "--format", "json"])
        assert json.loads(r.output)["data"]["replaced"] == [["intervention", "ect", "clinic/interventions/ect.yaml"]]
    r = runner.invoke(app, ["--data", str(clinic(tmp_path / "plain")), "about", "--format", "text"])
    assert "Replaces the bundled" not in r.output, "an override changes fields; it replaces nothing"
