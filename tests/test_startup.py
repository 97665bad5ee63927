"""Structural guards for fast start (not timing tests): what the light paths must not import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "yaml", "rich", "trdguide.knowledge", "trdguide.loader", "trdguide.models")


def imported_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_cli_module_imports_no_heavy_modules() -> None:
    mods = imported_after("import trdguide.cli")
    assert not {m for m in HEAVY if m in mods}, sorted(m for m in HEAVY if m in mods)


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_no_heavy_modules(args: list[str]) -> None:
    code = (
        f"import sys\nfrom trdguide.cli import app\nsys.argv=['trdguide', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    mods = imported_after(code)
    assert not {m for m in HEAVY if m in mods}, sorted(m for m in HEAVY if m in mods)


def test_completion_reads_names_without_pydantic(warm_cache: Path) -> None:
    env = {"TRDGUIDE_CACHE_DIR": str(warm_cache)}
    code = "from trdguide.cache import names\nn = names(None)\nassert n and 'tms' in n, n"
    mods = imported_after(code, env)
    assert "pydantic" not in mods and "yaml" not in mods


def test_cache_is_used_and_any_edit_invalidates_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import record, write_kb

    from trdguide import cache
    from trdguide.knowledge import KnowledgeBase

    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    root = write_kb(tmp_path / "kb", [record("alpha"), record("beta")])
    first = KnowledgeBase.load(root)
    assert first.get("alpha").name == "Treatment Alpha"
    files = [p for p in (tmp_path / "cache" / "trdguide").iterdir() if p.name != "key"]
    assert len(files) == 1 and files[0].suffix == ".jsonl"
    second = KnowledgeBase.load(root)
    assert second.store._reader is not None, "second load reads the cache"
    assert second.get("alpha").name == "Treatment Alpha"
    # edit a record: the next load must see the change
    f = root / "interventions" / "alpha.yaml"
    f.write_text(f.read_text().replace("Treatment Alpha", "Treatment Alpha Edited"))
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 1_000_000))
    third = KnowledgeBase.load(root)
    assert third.get("alpha").name == "Treatment Alpha Edited"
    # a damaged cache line is revalidated, rejected, and the YAML is read instead
    fourth = KnowledgeBase.load(root)
    assert fourth.store._reader is not None, "the rewritten cache is read"
    path = files[0]
    text = path.read_text().replace("Treatment Alpha Edited", "X" * 300)
    path.write_text(text)
    fifth = KnowledgeBase.load(root)
    assert fifth.get("alpha").name == "Treatment Alpha Edited"
    assert fifth.store._reader is None, "the damaged cache was refused: this load read the YAML"
    assert "X" * 300 not in path.read_text(), "and the cache was rewritten"
    assert cache.cache_dir() == tmp_path / "cache" / "trdguide"


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import record, write_kb

    from trdguide.knowledge import KnowledgeBase

    monkeypatch.setenv("TRDGUIDE_NO_CACHE", "1")
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    KnowledgeBase.load(write_kb(tmp_path / "kb", [record()]))
    assert not (tmp_path / "cache").exists()


def test_broken_base_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import record, write_kb

    from trdguide.knowledge import KnowledgeBase
    from trdguide.loader import DataError

    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    root = write_kb(tmp_path / "kb", [record(category="magic")])
    with pytest.raises(DataError):
        KnowledgeBase.load(root)
    assert not list((tmp_path / "cache").rglob("*.jsonl"))


def test_warm_cache_run_does_not_import_the_yaml_loader(warm_cache: Path) -> None:
    env = {"TRDGUIDE_CACHE_DIR": str(warm_cache)}
    run = (
        "import sys, io, contextlib\nfrom trdguide.cli import app\n"
        "sys.argv=['trdguide', 'compare', 'tms', 'ketamine', '--format', '{fmt}']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        app()\n    except SystemExit:\n        pass"
    )
    for fmt in ("table", "json", "text"):
        mods = imported_after(run.format(fmt=fmt), env)
        assert "yaml" not in mods and "trdguide.loader" not in mods and "trdguide.lint" not in mods, fmt


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("list", "table"), ("list", "json"), ("list", "text"), ("faq", "table"), ("faq", "text")],
)
def test_warm_list_and_faq_questions_read_no_record(warm_cache: Path, command: str, fmt: str) -> None:
    """`list`, the numbered FAQ questions and the crisis footer under them answer from the checked
    index: no record model is built. (The JSON of the FAQ carries the answers, so it validates them.)"""
    env = {"TRDGUIDE_CACHE_DIR": str(warm_cache)}
    run = (
        "import sys, io, contextlib\nfrom trdguide.cli import app\n"
        f"sys.argv=['trdguide', '{command}', '--format', '{fmt}']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        app()\n    except SystemExit:\n        pass"
    )
    mods = imported_after(run, env)
    assert "trdguide.models" not in mods and "yaml" not in mods


START_PATH_RECORDS = (
    "trdguide.views",
    "trdguide.render.document",
    "trdguide.wording",
    "trdguide.kinds",
    "trdguide.errors",
)


def test_the_start_path_defines_named_tuples_with_docstrings_not_dataclasses() -> None:
    """Every command defines these classes at start. A dataclass cost 0.3 to 0.9 ms to define, a named
    tuple about a third of that; and a class without a docstring gets one built with inspect.signature."""
    import dataclasses
    import importlib

    tuples = 0
    for name in START_PATH_RECORDS:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if not isinstance(obj, type) or obj.__module__ != name:
                continue
            assert not dataclasses.is_dataclass(obj), f"{name}.{obj.__name__} is a dataclass: make it a named tuple"
            if issubclass(obj, tuple) and hasattr(obj, "_fields"):
                tuples += 1
                doc = obj.__dict__.get("__doc__") or ""
                assert doc and not doc.startswith(obj.__name__ + "("), f"{name}.{obj.__name__} has no docstring"
    assert tuples >= 20, "the views and document blocks are named tuples"


def test_warm_weigh_reads_no_yaml(warm_cache: Path) -> None:
    """`weigh` reads every record, from the cache: like compare, a warm run never imports the YAML loader."""
    env = {"TRDGUIDE_CACHE_DIR": str(warm_cache)}
    run = (
        "import sys, io, contextlib\nfrom trdguide.cli import app\n"
        "sys.argv=['trdguide', 'weigh', '--avoid', 'slow', '--matters', 'soon', '--format', 'text']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        app()\n    except SystemExit:\n        pass"
    )
    mods = imported_after(run, env)
    assert "yaml" not in mods and "trdguide.loader" not in mods and "trdguide.lint" not in mods
    assert "textstat" not in mods


@pytest.mark.parametrize(
    ("args", "env", "catalog"),
    [
        (["compare", "tms", "ketamine"], {}, "None"),
        (["list", "--format", "json"], {"LANG": "en_US.UTF-8"}, "None"),
        (["compare", "tms", "ketamine"], {"LANG": "fr_FR.UTF-8"}, "None"),  # a language without a catalog
        (["--lang", "es", "compare", "tms", "ketamine"], {}, "GNUTranslations"),
        (["compare", "tms", "ketamine"], {"LANG": "es_MX.UTF-8"}, "GNUTranslations"),
    ],
)
def test_english_loads_no_catalog(args: list[str], env: dict[str, str], catalog: str) -> None:
    """English is the messages themselves: no catalog is read (click imports the gettext module for its own
    messages at every start, so the module itself is no measure; the hook alone does not import it)."""
    code = (
        f"import sys\nfrom trdguide.cli import app\nfrom trdguide import i18n\nsys.argv=['trdguide', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\nprint(type(i18n._catalog).__name__ if i18n._catalog else None)"
    )
    base = {"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "TRDGUIDE_LANG": ""}
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env={**os.environ, **base, **env}
    )
    assert out.stdout.strip().splitlines()[-2] == catalog


def test_the_hook_alone_does_not_import_gettext() -> None:
    mods = imported_after("from trdguide import i18n\ni18n.set_language('en')\nassert i18n._('x {n}', n=1) == 'x 1'")
    assert "gettext" not in mods
    mods = imported_after("from trdguide import i18n\ni18n.set_language('es')")
    assert "gettext" in mods
