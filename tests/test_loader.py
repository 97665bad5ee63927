"""The loader reports every problem with file, line and field, and refuses unsafe YAML."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import dump, record, ref, write_kb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trdguide.loader import MAX_FILE_BYTES, DataError, Problem, bundled_data_dir, load

LOADER_CODES = {"E101", "E102", "E103", "E110", "E111", "E120", "E121", "E122", "E130", "E131"}


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


# --- one reader: every file gets the same verdict from every path ------------------------------------

MERGE_KEY_RECORD = "<<: {name: Merged name}\n"


def test_merge_key_refused_even_in_an_otherwise_valid_record(tmp_path: Path) -> None:
    r = record()
    del r["name"]
    root = write_kb(tmp_path, [r])
    f = root / "interventions" / "alpha.yaml"
    f.write_text(f.read_text() + MERGE_KEY_RECORD)
    [p] = problems(root)
    assert p.message == "the merge key '<<' is not allowed (plain YAML only): write the fields out in full"
    assert p.code == "E103" and p.field == "" and p.line == len(f.read_text().splitlines())


def test_merge_key_refused_in_a_nested_mapping_and_a_list_file(tmp_path: Path) -> None:
    r = record()
    root = write_kb(tmp_path, [r], extra={"faq.yaml": "- <<: {id: q-one}\n  question: Why?\n"})
    f = root / "interventions" / "alpha.yaml"
    f.write_text(f.read_text().replace("setting:\n", "setting:\n  <<: {given_by: A doctor.}\n", 1))
    ps = problems(root)
    assert {(p.file.rsplit("/", 1)[-1], p.field, p.code) for p in ps} == {
        ("alpha.yaml", "setting", "E103"),
        ("faq.yaml", "[0]", "E103"),
    }
    assert all("merge key" in p.message for p in ps)


def test_file_holding_only_null_is_reported(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record()], extra={"interventions/nothing.yaml": "~\n", "faq.yaml": "null\n"})
    msgs = {p.file.rsplit("/", 1)[-1]: p.message for p in problems(root)}
    assert msgs == {
        "nothing.yaml": "must be one intervention record (a mapping of fields)",
        "faq.yaml": "must be a list of entries (each starting with '- ')",
    }


def test_a_record_with_a_yaml_problem_is_not_reported_again_as_missing(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record("alpha", related=["beta"]), record("beta")])
    f = root / "interventions" / "beta.yaml"
    f.write_text(f.read_text() + "name: Twice\n")
    [p] = problems(root)
    assert p.file.endswith("beta.yaml") and p.message == "the key 'name' appears twice"


# Lines that each set one top-level field of a record (or try to): plain values, and every YAML feature
# that a second reader might treat differently (tags, merge keys, anchors, duplicate and odd keys).
_TARGETS = ("name", "summary", "aliases", "questions_to_ask")
_QUIRKS = (
    "{f}: {v}",
    "{f}: !!str {v}",
    "{f}: !!binary aGVsbG8=",
    "{f}: !!set {{{v}: null}}",
    "{f}: !!omap [{v}: 1]",
    "{f}: !!python/name:os.system",
    "{f}: !local {v}",
    "{f}: [{v}]",
    "{f}: &anchor [{v}]\nquestions_to_ask: *anchor",
    "<<: {{{f}: {v}}}",
    "<<: [{{{f}: {v}}}]",
    "{f}: {v}\n{f}: {v}",
    "true: {v}",
    "1.5: {v}",
    "? [{v}]\n: {v}",
    "{f}: {v}\n---\nid: other",
    "{f}: 12",
    "{f}: 2026-01-01",
)


def _verdict(ps: list[Problem]) -> frozenset[tuple[str, str]]:
    return frozenset((p.code, p.field) for p in ps)


def _load_verdict(root: Path) -> frozenset[tuple[str, str]]:
    try:
        load(root)
    except DataError as exc:
        return _verdict(exc.problems)
    return frozenset()


@st.composite
def _documents(draw: st.DrawFn) -> list[str]:
    value = draw(st.text(alphabet="abcxyz ", min_size=1, max_size=6).map(lambda s: f'"{s}"'))
    picks = draw(st.lists(st.tuples(st.sampled_from(_QUIRKS), st.sampled_from(_TARGETS)), min_size=1, max_size=3))
    return [q.format(f=f, v=value) for q, f in picks]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=_documents())
def test_same_document_same_verdict_on_every_path(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    """The same YAML lines, read as a whole record, as an override, by `validate` and by a command with
    and without the cache, get the same verdict: the same rule codes for the same fields."""
    from typer.testing import CliRunner

    from trdguide.cli import app

    tmp = tmp_path_factory.mktemp("paths")
    body = "\n".join(lines) + "\n"
    mentioned = {f for f in _TARGETS if any(f in line for line in lines)}
    base = {k: v for k, v in record().items() if k not in mentioned}
    main = write_kb(tmp / "main", [], extra={"interventions/alpha.yaml": dump(base) + body})
    over = write_kb(tmp / "over", [record()], extra={"overrides/alpha.yaml": "id: alpha\n" + body})

    verdict = _load_verdict(main)
    assert _load_verdict(over) == verdict, body

    runner = CliRunner()
    r = runner.invoke(app, ["validate", str(main), "--format", "json", "--no-readability"])
    errors = [f for f in json.loads(r.stdout)["findings"] if f["severity"] == "error"]
    if verdict:
        assert frozenset((f["code"], f["field"]) for f in errors) == verdict, body
    else:  # a valid record may still break a content rule; the loader's own rules are not among them
        assert not {f["code"] for f in errors} & LOADER_CODES, body

    cache = tmp / "cache"
    outputs = []
    for env in ({"TRDGUIDE_NO_CACHE": "1"}, {"TRDGUIDE_CACHE_DIR": str(cache)}, {"TRDGUIDE_CACHE_DIR": str(cache)}):
        r = runner.invoke(app, ["--data", str(main), "list", "--format", "json"], env=env)
        outputs.append((r.exit_code, r.output))
    assert outputs[0] == outputs[1] == outputs[2], body
    assert (outputs[0][0] == 0) == (not verdict), body
