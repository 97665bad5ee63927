"""User knowledge bases: a clinic folder laid over the bundled base (kb.yaml: extends: bundled)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import dump, record, ref
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.loader import DataError, load

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
    assert str(root) in " ".join(r.stdout.split()) and "data" in r.stdout
