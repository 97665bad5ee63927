"""The loader reports every problem with file, line and field, and refuses unsafe YAML."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import dump, record, ref, write_kb

from trdguide.loader import MAX_FILE_BYTES, DataError, Problem, bundled_data_dir, load


def problems(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as exc:
        load(root)
    return exc.value.problems


def test_valid_base_loads(kb_dir: Path) -> None:
    b = load(kb_dir)
    assert [i.id for i in b.interventions] == ["alpha", "beta"]
    assert set(b.references) == {"ref-one"}


def test_syntax_error_has_file_and_line(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()])
    (root / "interventions" / "alpha.yaml").write_text("id: alpha\nname: [unclosed\nsummary: x\n")
    [p] = problems(root)
    assert p.file.endswith("interventions/alpha.yaml")
    assert p.line is not None and p.line >= 2
    assert "YAML syntax error" in p.message
    assert str(p).startswith(p.file + ":")


def test_tabs_explained(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()])
    (root / "interventions" / "alpha.yaml").write_text("id: alpha\nsetting:\n\twhere: [clinic]\n")
    [p] = problems(root)
    assert "tabs" in p.message and p.line == 3


def test_schema_errors_name_field_and_line_all_reported(tmp_path: Path) -> None:
    r = record()
    r["colour"] = "blue"
    del r["summary"]
    r["outcomes"][0]["per_100"]["value"] = 130
    root = write_kb(tmp_path, [r])
    ps = problems(root)
    by_field = {p.field: p for p in ps}
    assert "is not a known field" in by_field["colour"].message
    assert by_field["summary"].message == "is required but missing"
    value = by_field["outcomes[0].per_100.value"]
    assert "100" in value.message
    text = (root / "interventions" / "alpha.yaml").read_text().splitlines()
    assert "value: 130" in text[value.line - 1]  # type: ignore[operator]
    assert "colour" in text[by_field["colour"].line - 1]  # type: ignore[operator]


def test_wrong_type(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record(aliases="just-one")])
    [p] = problems(root)
    assert p.field == "aliases" and "list" in p.message


def test_bad_enum_lists_choices(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record(category="magic")])
    [p] = problems(root)
    assert p.field == "category" and "neuromodulation" in p.message


def test_duplicate_keys(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()])
    f = root / "interventions" / "alpha.yaml"
    f.write_text(f.read_text() + "name: Again\n")
    ps = problems(root)
    assert any("appears twice" in p.message and p.field == "name" for p in ps)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()], extra={"references/more.yaml": dump([ref()])})
    [p] = problems(root)
    assert "defined twice" in p.message and "references/" in p.message


def test_id_must_match_file_name(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()])
    (root / "interventions" / "alpha.yaml").rename(root / "interventions" / "other.yaml")
    [p] = problems(root)
    assert p.field == "id" and "other.yaml" in p.message


def test_alias_collides_with_other_id(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record("alpha"), record("beta", aliases=["Alpha"])])
    ps = problems(root)
    assert any("already used by intervention 'alpha'" in p.message for p in ps)


def test_dangling_reference_and_related(tmp_path: Path) -> None:
    r = record(related=["nowhere"])
    r["evidence"]["refs"] = ["ref-missing"]
    root = write_kb(tmp_path, [r])
    msgs = {p.field: p.message for p in problems(root)}
    assert "ref-missing" in msgs["references"]
    assert "nowhere" in msgs["related"]


def test_empty_file(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()], extra={"interventions/empty.yaml": "\n"})
    [p] = problems(root)
    assert p.file.endswith("empty.yaml") and p.message == "is empty"


def test_not_utf8(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()])
    (root / "interventions" / "bad.yaml").write_bytes(b"id: bad\nname: caf\xe9\n")
    [p] = problems(root)
    assert "UTF-8" in p.message and p.line == 2


def test_file_too_large(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()])
    (root / "interventions" / "big.yaml").write_text("# " + "x" * MAX_FILE_BYTES)
    [p] = problems(root)
    assert "larger than" in p.message


def test_alias_bomb_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    root = write_kb(tmp_path, [record()], extra={"interventions/bomb.yaml": "\n".join(lines) + "\n"})
    [p] = problems(root)
    assert "alias bomb" in p.message


def test_deep_nesting_refused(tmp_path: Path) -> None:
    deep = "x: " + "[" * 60 + "]" * 60 + "\n"
    root = write_kb(tmp_path, [record()], extra={"interventions/deep.yaml": deep})
    [p] = problems(root)
    assert "nested" in p.message


def test_python_tags_refused(tmp_path: Path) -> None:
    evil = "id: evil\nname: !!python/object/apply:os.system ['echo hacked']\n"
    root = write_kb(tmp_path, [record()], extra={"interventions/evil.yaml": evil})
    ps = problems(root)
    assert any("not allowed" in p.message and p.line == 2 for p in ps)


def test_missing_and_unreadable_folder(tmp_path: Path) -> None:
    [p] = problems(tmp_path / "nope")
    assert "does not exist" in p.message
    f = tmp_path / "file"
    f.write_text("x")
    [p] = problems(f)
    assert "is not a folder" in p.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any folder")
def test_unreadable_folder(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    root = write_kb(tmp_path / "kb")
    root.chmod(0)
    try:
        [p] = problems(root)
        assert "cannot be read" in p.message
    finally:
        root.chmod(0o755)


def test_list_files_must_be_lists(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()], extra={"faq.yaml": "question: what?\n"})
    [p] = problems(root)
    assert p.file.endswith("faq.yaml") and "must be a list" in p.message


def test_error_message_lists_every_problem(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record("alpha", category="x"), record("beta", category="y")])
    with pytest.raises(DataError) as exc:
        load(root)
    text = str(exc.value)
    assert text.startswith("The knowledge base has 2 problems:")
    assert "alpha.yaml" in text and "beta.yaml" in text


def test_bundled_data_dir_found_outside_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    d = bundled_data_dir()
    assert (d / "interventions").is_dir()
    assert load(d).interventions


def test_unreadable_folder_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every folder is readable, so simulate the permission check failing."""
    import trdguide.loader as loader_mod

    root = write_kb(tmp_path / "kb")
    monkeypatch.setattr(loader_mod.os, "access", lambda *_a, **_k: False)
    [p] = problems(root)
    assert "cannot be read" in p.message and p.code == "E102"
