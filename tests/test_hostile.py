"""The hostile-input battery: data that attacks the terminal, odd command lines, odd environments.

Every case must end with exit code 0, 1 or 2, a clear message, no traceback, and no raw control
sequence from the data in the output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import dump, record, write_kb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from trdguide.cli import app

runner = CliRunner()
ATTACK = (
    "[bold]bold[/bold] [/] [link=https://evil.example]click[/link] :warning: "
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07osc\x1b]8;;\x07 \x1b]0;title\x07 "
    "bell\x07 back\x08space \u202eevil-rtl\u202c \u2066iso\u2069 \x9b31m " + "x" * 300
)
RAW = ["\x1b", "\x07", "\x08", "\u202e", "\u2066", "\x9b"]
FORMATS = ["table", "text", "markdown", "json"]


@pytest.fixture
def attack_kb(tmp_path: Path) -> Path:
    r = record("alpha", summary="Plain words. " + ATTACK, name="Alpha " + ATTACK[:40])
    r["side_effects"]["common"][0]["text"] = ATTACK
    r["outcomes"][0]["study"] = "Study " + ATTACK[:60]
    faq = [{"id": "qq", "question": "Why " + ATTACK[:30] + "?", "answer": ATTACK}]
    gloss = [{"term": "Term [bold]x[/]", "definition": ATTACK}]
    return write_kb(tmp_path / "kb", [r, record("beta")], extra={"faq.yaml": dump(faq), "glossary.yaml": dump(gloss)})


def assert_inert(out: str) -> None:
    for ch in RAW:
        assert ch not in out, repr(ch)
    assert "Traceback" not in out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args",
    [["show", "alpha"], ["compare", "alpha", "beta"], ["list"], ["faq"], ["faq", "--all"], ["glossary"]],
)
def test_terminal_attacks_in_data_are_inert(attack_kb: Path, fmt: str, args: list[str]) -> None:
    r = runner.invoke(app, ["--data", str(attack_kb), *args, "--format", fmt])
    assert r.exit_code == 0, r.output
    assert_inert(r.output)
    if fmt in ("table", "text") and (args[0] in ("show", "glossary") or args == ["faq", "--all"]):
        flat = "".join(r.stdout.split())
        assert "[bold]bold[/bold]" in flat, "markup must be shown literally"
        assert "<U+001B>" in flat and "<U+202E>" in flat, "control characters are shown as visible codes"


def test_markup_in_forced_colour_terminal_is_still_literal(attack_kb: Path) -> None:
    r = runner.invoke(app, ["--data", str(attack_kb), "show", "alpha"], env={"FORCE_COLOR": "1"})
    assert r.exit_code == 0
    assert "[bold]bold[/bold]" in "".join(r.stdout.split())
    assert "\x1b[31mred" not in r.stdout and "\u202e" not in r.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "\x1b[31mtms"], 1, "No intervention called '\\x1b[31mtms'"),
        (["show", "x" * 5000], 1, "No intervention"),
        (["show", ""], 2, "cannot be empty"),
        (["show", "   "], 2, "cannot be empty"),
        (["compare", "alpha"], 2, "2 to 5"),
        (["compare", "alpha", "beta", "alpha", "beta", "alpha", "beta"], 2, "2 to 5"),
        (["compare", "alpha", "ALPHA"], 2, "same option"),
        (["list", "--frobnicate"], 2, "No such option"),
        (["list", "--format", "pdf"], 2, "pdf"),
        (["nonsense-command"], 2, "No such command"),
        (["faq", "0"], 1, "FAQ"),
        (["crisis", "--region", "\u202eSU"], 0, "no crisis line of its own for '\\u202eSU'"),
    ],
)
def test_command_line_abuse(attack_kb: Path, args: list[str], code: int, message: str) -> None:
    r = runner.invoke(app, ["--data", str(attack_kb), *args])
    assert r.exit_code == code, r.output
    assert message in r.output
    assert_inert(r.output)


def _run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, **kw: object
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS")}
    full_env.update(env or {})
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "trdguide", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=60,
        **kw,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"NO_COLOR": "1"},
        {"TERM": "dumb"},
        {"COLUMNS": "20"},
        {"COLUMNS": "40"},
        {"COLUMNS": "300"},
        {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
    ],
)
def test_environments(env: dict[str, str], tmp_path: Path) -> None:
    r = _run("compare", "tms", "ketamine", env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "Traceback" not in r.stderr
    assert "Education, not medical advice" in " ".join(r.stdout.split())
    width = int(env.get("COLUMNS", "80"))
    if width >= 40:
        assert max(len(x) for x in r.stdout.splitlines()) <= width
    assert list(tmp_path.iterdir()) == [], "nothing is written"


def test_stdout_closed_early(tmp_path: Path) -> None:
    """`trdguide faq | head -1`: no BrokenPipeError, no traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "trdguide", "faq"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) in (0, 1)
    assert "Traceback" not in err and "BrokenPipe" not in err


# --- property-based ----------------------------------------------------------------------------------

NAMES = st.sampled_from(["alpha", "beta", "ALPHA", "b-alias", "nope", "", " ", "al", "x" * 200, "\x1b[1m"])
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
OPTIONS = st.sampled_from(
    [
        [],
        ["--format", "json"],
        ["--format", "text"],
        ["--format", "markdown"],
        ["--rows", "work"],
        ["--format", "bogus"],
        ["--zzz"],
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cmd=st.sampled_from(["show", "compare", "list", "faq", "glossary", "crisis"]),
    names=st.lists(st.one_of(NAMES, WORDS), max_size=6),
    opts=OPTIONS,
)
def test_property_any_arguments(attack_kb: Path, cmd: str, names: list[str], opts: list[str]) -> None:
    args = [cmd, *names] if cmd in ("show", "compare", "faq", "glossary") else [cmd]
    if cmd == "compare" or opts != ["--rows", "work"]:
        args += opts
    r = runner.invoke(app, ["--data", str(attack_kb), *args])
    assert r.exit_code in (0, 1, 2), (args, r.output)
    assert r.exception is None or isinstance(r.exception, SystemExit), (args, repr(r.exception))
    assert_inert(r.output)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=120))
def test_property_any_record_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = tmp_path_factory.mktemp("kb")
    r = record("alpha", summary="S " + text)
    r["side_effects"]["serious"][0]["text"] = "T " + text
    write_kb(root, [r, record("beta")])
    for args in (["show", "alpha"], ["compare", "alpha", "beta", "--format", "text"], ["list", "--format", "json"]):
        res = runner.invoke(app, ["--data", str(root), *args])
        assert res.exit_code in (0, 1), res.output
        assert res.exception is None or isinstance(res.exception, SystemExit)
        assert_inert(res.output)
