"""The cache is an optimisation only: whatever happens to it, every command answers as the YAML does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import record, write_kb
from typer.testing import CliRunner

from trdguide import cache
from trdguide.cli import app
from trdguide.loader import load
from trdguide.paths import bundled_data_dir

runner = CliRunner()

# (arguments, what they check): filters that work from the index, names, a record, a comparison
COMMANDS = [
    ["list", "--format", "json"],
    ["list", "--category", "medication", "--format", "json"],
    ["list", "--category", "neuromodulation", "--format", "json"],
    ["show", "alpha", "--format", "json"],
    ["show", "made-up", "--format", "json"],
    ["show", "beta-alias", "--format", "json"],
    ["compare", "alpha", "beta", "--format", "json"],
]


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRDGUIDE_NO_CACHE", raising=False)
    return write_kb(tmp_path / "kb", [record("alpha"), record("beta", category="medication", aliases=["beta-alias"])])


def answers(root: Path, env: dict[str, str] | None = None) -> list[tuple[int, str]]:
    out = []
    for args in COMMANDS:
        r = runner.invoke(app, ["--data", str(root), *args], env=env)
        out.append((r.exit_code, r.output))
    return out


def no_cache(root: Path) -> list[tuple[int, str]]:
    return answers(root, {"TRDGUIDE_NO_CACHE": "1"})


def cache_file(tmp_path: Path) -> Path:
    [f] = [p for p in (tmp_path / "cache" / "trdguide").iterdir() if p.name.startswith("kb-")]
    return f


def signer(path: Path) -> bytes:
    key = cache.secret(path.parent, create=False)
    assert key is not None
    return key


def is_current(root: Path, path: Path) -> bool:
    name, key = cache.cache_key(root, bundled_data_dir())
    return path.name == name and cache.read(path, key, signer(path)) is not None


def edit_header(path: Path, change: Callable[[dict[str, object]], None], fix_checksum: bool = False) -> None:
    """Change a cache file's header; with `fix_checksum`, sign it again with the user's own key (what
    only someone who can read the key could do: the checks below the signature still hold)."""
    raw = path.read_bytes()
    first, _, rest = raw.partition(b"\n")
    digest, _, body = first.partition(b" ")
    header = json.loads(body)
    change(header)
    new = json.dumps(header).encode()
    if fix_checksum:
        digest = cache._sign(signer(path), new).encode()
    path.write_bytes(digest + b" " + new + b"\n" + rest)


def test_expected_answers(kb: Path) -> None:
    """The reference the other tests compare with: what the YAML says."""
    ref = no_cache(kb)
    assert [code for code, _ in ref] == [0, 0, 0, 0, 1, 0, 0]
    assert '"beta"' in ref[1][1] and '"alpha"' not in ref[1][1]
    assert '"alpha"' in ref[2][1] and '"beta"' not in ref[2][1]
    assert "No intervention called 'made-up'." in ref[4][1]


def test_cold_and_warm_cache_answer_as_the_yaml(kb: Path, tmp_path: Path) -> None:
    ref = no_cache(kb)
    assert answers(kb) == ref  # cold: writes the cache
    assert is_current(kb, cache_file(tmp_path))
    assert answers(kb) == ref  # warm


# where each field of an index row sits in a cache header
COL = {name: n for n, name in enumerate(cache.IndexEntry._fields)}


def _move_category(header: dict[str, object]) -> None:
    for row in header["index"]:  # type: ignore[attr-defined]
        if row[COL["id"]] == "beta":
            row[COL["category"]] = "neuromodulation"


def _add_name(header: dict[str, object]) -> None:
    for row in header["index"]:  # type: ignore[attr-defined]
        if row[COL["id"]] == "alpha":
            row[COL["names"]].append("made-up")
    header["names"] = {"made-up": "alpha"}  # the old format's name map is not read at all


@pytest.mark.parametrize("change", [_move_category, _add_name])
def test_edited_header_is_detected(kb: Path, tmp_path: Path, change: Callable[[dict[str, object]], None]) -> None:
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)
    edit_header(path, change)
    assert cache.names(kb) is None, "completion does not read names from a changed header"
    assert answers(kb) == ref
    assert is_current(kb, path), "the cache is rewritten"
    assert "made-up" not in (cache.names(kb) or [])


@pytest.mark.parametrize(
    ("field", "value"),
    [("category", "surgery"), ("status", "cured"), ("where", ["moon"]), ("last_reviewed", "2026-13-40")],
)
def test_header_row_with_a_value_queries_cannot_read_is_ignored(
    kb: Path, tmp_path: Path, field: str, value: object
) -> None:
    """Even with a recomputed checksum, a row whose category, status, place or date is not one trdguide
    knows is refused when the header is read (list and see-also read rows, not records)."""
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)

    def bad_value(header: dict[str, object]) -> None:
        for row in header["index"]:  # type: ignore[attr-defined]
            if row[COL["id"]] == "alpha":
                row[COL[field]] = value

    edit_header(path, bad_value, fix_checksum=True)
    assert cache.names(kb) is None
    assert answers(kb) == ref and is_current(kb, path)


@pytest.mark.parametrize(
    ("part", "rows"),
    [
        ("crisis", [["US", 988, None, None]]),
        ("crisis", "US"),
        ("questions", [["q1"]]),
        ("questions", None),
        ("replaced", None),
        ("replaced", [["intervention", "alpha", "kb/x.yaml", "2"]]),
    ],
)
def test_crisis_and_question_rows_of_the_wrong_shape_are_ignored(
    kb: Path, tmp_path: Path, part: str, rows: object
) -> None:
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)

    def bad_rows(header: dict[str, object]) -> None:
        header[part] = rows

    edit_header(path, bad_rows, fix_checksum=True)
    assert not is_current(kb, path), "the header is refused"
    assert answers(kb) == ref and is_current(kb, path)


def test_header_that_is_well_formed_json_but_wrong_shape_is_ignored(kb: Path, tmp_path: Path) -> None:
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)

    def bad_rows(header: dict[str, object]) -> None:
        header["index"] = [["alpha", 5]]

    edit_header(path, bad_rows, fix_checksum=True)
    assert cache.names(kb) is None
    assert answers(kb) == ref and is_current(kb, path)


def test_record_that_disagrees_with_its_index_row_is_not_used(kb: Path, tmp_path: Path) -> None:
    """Even with a recomputed checksum, a record line is checked against its index row when used."""
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)

    def rename(header: dict[str, object]) -> None:
        for row in header["index"]:  # type: ignore[attr-defined]
            if row[COL["id"]] == "alpha":
                row[COL["short_name"]] = "FAKE"

    edit_header(path, rename, fix_checksum=True)
    from trdguide.knowledge import KnowledgeBase

    kb_ = KnowledgeBase.load(kb)
    assert kb_.store._reader is not None
    assert kb_.get("alpha").short_name == "ALPHA", "the record comes from the YAML"
    assert is_current(kb, path) and answers(kb) == ref


def test_damaged_record_line_falls_back_to_yaml(kb: Path, tmp_path: Path) -> None:
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"Treatment Alpha", b"Treatment Omega"))
    assert answers(kb) == ref
    assert is_current(kb, path) and b"Treatment Omega" not in path.read_bytes()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated-body"),
        pytest.param(lambda b: b[:40], id="truncated-header"),
        pytest.param(lambda b: b[:-2], id="last-line-cut"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"\x00" * 64, id="binary-junk"),
        pytest.param(
            lambda b: json.dumps({"format": 3, "key": "x", "index": [], "names": {}}).encode() + b"\n", id="old-format"
        ),
    ],
)
def test_broken_cache_answers_as_no_cache(kb: Path, tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    assert answers(kb) == ref
    assert is_current(kb, path)


def test_foreign_format_with_a_valid_checksum_is_ignored(kb: Path, tmp_path: Path) -> None:
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)

    def future(header: dict[str, object]) -> None:
        header["format"] = cache.FORMAT + 1

    edit_header(path, future, fix_checksum=True)
    assert cache.names(kb) is None
    assert answers(kb) == ref and is_current(kb, path)


def test_old_files_are_cleaned_up(kb: Path, tmp_path: Path) -> None:
    """Files trdguide provably wrote (signed with its key, or named with it) are removed when nobody can
    use them; anything else in the folder is left alone."""
    folder = tmp_path / "cache" / "trdguide"
    gone = write_kb(tmp_path / "gone", [record("alpha")])
    answers(gone)
    [gone_cache] = [p for p in folder.iterdir() if p.name.startswith("kb-")]
    for p in gone.rglob("*"):
        if p.is_file():
            p.unlink()
    for p in sorted(gone.rglob("*"), reverse=True):
        p.rmdir()
    gone.rmdir()
    key = signer(gone_cache)
    own_old = folder / "kb-0123456789abcdef.jsonl"  # signed by us, in a format no longer read
    body = json.dumps({"format": 3, "key": "x", "sources": [str(kb)]}).encode()
    own_old.write_bytes(cache._sign(key, body).encode() + b" " + body + b"\n")
    unsigned_old = folder / "kb-fedcba9876543210.jsonl"  # nothing proves it is ours
    unsigned_old.write_text('{"format": 3, "key": "x"}\n')
    stale_tmp = folder / (cache._tmp_prefix(key) + "stale.jsonl")
    stale_tmp.write_text("half a cache")
    os.utime(stale_tmp, (time.time() - 7200, time.time() - 7200))
    fresh_tmp = folder / (cache._tmp_prefix(key) + "fresh.jsonl")  # another process may be writing it now
    fresh_tmp.write_text("being written")
    others_tmp = folder / ".tmp-stale.jsonl"
    others_tmp.write_text("not ours")
    os.utime(others_tmp, (time.time() - 7200, time.time() - 7200))
    other = folder / "notes.txt"
    other.write_text("not ours")
    answers(kb)  # writes the cache for kb, and cleans up
    left = {p.name for p in folder.iterdir()}
    assert gone_cache.name not in left and own_old.name not in left and stale_tmp.name not in left
    assert {fresh_tmp.name, other.name, others_tmp.name, unsigned_old.name} <= left
    assert is_current(kb, cache_file_for(kb, folder))


def test_shared_cache_folder_keeps_other_files(kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TRDGUIDE_CACHE_DIR naming a shared folder: trdguide works in a subfolder of its own and never
    deletes, or even reads, the folder's other files, whatever their names."""
    shared = tmp_path / "shared"
    shared.mkdir()
    theirs = {
        "kb-0123456789abcdef.jsonl": '{"format": 3}\n',
        ".tmp-abc.jsonl": "another program's file",
        "key": "someone else's",
    }
    for name, text in theirs.items():
        (shared / name).write_text(text)
        os.utime(shared / name, (time.time() - 7200, time.time() - 7200))
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(shared))
    ref = no_cache(kb)
    assert answers(kb) == ref
    assert answers(kb) == ref
    assert {p.name for p in shared.iterdir()} == {*theirs, "trdguide"}
    assert all((shared / n).read_text() == t for n, t in theirs.items())
    assert is_current(kb, cache_file_for(kb, shared / "trdguide"))


def test_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRDGUIDE_CACHE_DIR", raising=False)
    monkeypatch.delenv("TRDGUIDE_NO_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "trdguide"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "trdguide"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "trdguide"
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine" / "trdguide"


def test_edit_keeping_size_and_time_is_read(kb: Path, tmp_path: Path) -> None:
    """A copy with `cp -p` or an archive extraction keeps size and modification time: the cache is keyed
    on content, so the edited file is read all the same."""
    answers(kb)
    f = kb / "interventions" / "alpha.yaml"
    before = f.stat()
    text = f.read_text()
    assert "Treatment Alpha" in text
    f.write_text(text.replace("Treatment Alpha", "Treatment Omega"))  # same length
    os.utime(f, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = f.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    r = runner.invoke(app, ["--data", str(kb), "show", "alpha", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["data"]["intervention"]["name"] == "Treatment Omega"
    assert is_current(kb, cache_file(tmp_path)), "and the cache is rewritten from it"
    r = runner.invoke(app, ["--data", str(kb), "show", "alpha", "--format", "json"])
    assert json.loads(r.output)["data"]["intervention"]["name"] == "Treatment Omega"


def _forge_plain(header: dict[str, object]) -> None:
    for row in header["index"]:  # type: ignore[attr-defined]
        if row[COL["id"]] == "alpha":
            row[COL["short_name"]] = "FORGED"
            row[COL["names"]] = ["alpha", "Treatment Alpha", "FORGED"]


def test_forged_cache_with_a_recomputed_checksum_is_refused(kb: Path, tmp_path: Path) -> None:
    """A forger who cannot read the key (mode 0600) cannot sign: a plain checksum, or a signature with
    another key, is refused, and the answer comes from the YAML."""
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)
    key_file = path.parent / "key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o077 == 0
    for sign in (cache._digest, lambda b: cache._sign(b"k" * 32, b)):
        raw = path.read_bytes()
        first, _, rest = raw.partition(b"\n")
        header = json.loads(first.partition(b" ")[2])
        _forge_plain(header)
        body = json.dumps(header).encode()
        path.write_bytes(sign(body).encode() + b" " + body + b"\n" + rest)
        assert cache.names(kb) is None
        assert "FORGED" not in runner.invoke(app, ["--data", str(kb), "list", "--format", "json"]).output
        assert answers(kb) == ref and is_current(kb, path)


def test_key_others_can_read_or_change_is_not_trusted(kb: Path, tmp_path: Path) -> None:
    ref = no_cache(kb)
    answers(kb)
    path = cache_file(tmp_path)
    key_file = path.parent / "key"
    key_file.chmod(0o644)
    assert cache.secret(path.parent) is None
    assert cache.names(kb) is None
    assert answers(kb) == ref
    key_file.chmod(0o600)
    path.parent.chmod(0o777)
    try:
        assert cache.secret(path.parent) is None
        assert answers(kb) == ref
    finally:
        path.parent.chmod(0o700)
    key_file.unlink()
    assert answers(kb) == ref  # a new key: the old file no longer verifies and is rewritten
    assert key_file.stat().st_mode & 0o777 == 0o600 and is_current(kb, path)


def cache_file_for(root: Path, folder: Path) -> Path:
    name, _ = cache.cache_key(root, bundled_data_dir())
    return folder / name


def test_concurrent_writers_corrupt_nothing(kb: Path, tmp_path: Path) -> None:
    """Several processes start on a cold cache at once: every one answers as the YAML does, and the
    cache left behind is whole and current (each writes its own file and renames it into place)."""
    ref = no_cache(kb)
    env = {**os.environ, "TRDGUIDE_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("TRDGUIDE_NO_CACHE", None)
    cmd = [sys.executable, "-m", "trdguide", "--data", str(kb), "list", "--format", "json"]
    # run where a user would (not in the source folder, whose trdguide/ would shadow the installed one)
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path) for _ in range(4)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert {o.decode() for o, _ in outs} == {ref[0][1]}
    assert is_current(kb, cache_file(tmp_path))
    assert not [p for p in (tmp_path / "cache" / "trdguide").iterdir() if p.name.startswith((".tmp-", ".key-"))]
    assert answers(kb) == ref


def test_cache_replaced_while_a_reader_has_it_open(kb: Path, tmp_path: Path) -> None:
    """A reader keeps the file it opened; a writer replacing the cache meanwhile does not mix the two."""
    from trdguide.knowledge import KnowledgeBase

    answers(kb)
    reader = KnowledgeBase.load(kb)
    assert reader.store._reader is not None
    f = kb / "interventions" / "alpha.yaml"
    f.write_text(f.read_text().replace("Treatment Alpha", "Treatment Alpha Edited"))
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 1_000_000))
    assert KnowledgeBase.load(kb).get("alpha").name == "Treatment Alpha Edited"  # rewrites the cache
    assert reader.get("alpha").name == "Treatment Alpha"  # the old, whole file: consistent with its index
    assert [i.id for i in reader.store.all()] == ["alpha", "beta"]


def test_write_failure_is_harmless(kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = no_cache(kb)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(blocker / "cache"))
    assert answers(kb) == ref


def test_cached_store_gives_exactly_what_the_loader_gives(kb: Path, tmp_path: Path) -> None:
    """A store read back from a cache file holds exactly the loader's records, sections and index."""
    b = load(kb)
    direct = cache.Store.from_bundle(b)
    folder = tmp_path / "cache" / "trdguide"
    key = cache.secret(folder)
    assert key is not None
    name, ckey = cache.cache_key(kb, bundled_data_dir())
    cache.write(folder / name, ckey, b, key)
    store = cache.read(folder / name, ckey, key)
    assert store is not None and store._reader is not None and not store._records, "read from the file"
    assert store.names() == direct.names()
    assert store.names() == {
        "alpha": "alpha",
        "alpha-alias": "alpha",
        "beta": "beta",
        "beta-alias": "beta",
    }
    assert [e._replace(offset=-1, digest="") for e in store.index.values()] == list(direct.index.values())
    assert list(store.all()) == b.interventions
    assert store.crisis_index == direct.crisis_index and store.faq_index == direct.faq_index
    assert dict(store.references) == dict(b.references)
    assert (store.head_to_head, store.faq, store.glossary, store.crisis) == (
        b.head_to_head,
        b.faq,
        b.glossary,
        b.crisis,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_cache_key_never_reads_a_fifo_or_a_device(kb: Path) -> None:
    """Hashing file contents must not hang on a FIFO or read /dev/zero without end (the loader reports
    such files; the key only marks them)."""
    os.mkfifo(kb / "faq.yaml")
    (kb / "glossary.yaml").symlink_to("/dev/zero")
    start = time.monotonic()
    _, key = cache.cache_key(kb, bundled_data_dir())
    lines = list(cache._file_lines(str(kb)))
    assert time.monotonic() - start < 5
    assert "faq.yaml\tnot a regular file" in lines and "glossary.yaml\tnot a regular file" in lines


def test_cache_folder_made_by_someone_else_is_not_used(
    kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `trdguide` folder that others can write to (someone else's, in a shared folder) is not used:
    they could replace the key. A link to a private folder of the user's own is fine."""
    shared = tmp_path / "shared"
    (shared / "trdguide").mkdir(parents=True)
    (shared / "trdguide").chmod(0o777)
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(shared))
    ref = no_cache(kb)
    assert answers(kb) == ref
    assert list((shared / "trdguide").iterdir()) == [], "nothing written, nothing read"
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    other = tmp_path / "linked"
    other.mkdir()
    (other / "trdguide").symlink_to(mine)
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(other))
    assert answers(kb) == ref
    assert (mine / "key").exists() and is_current(kb, cache_file_for(kb, other / "trdguide"))
