"""The hostile-input battery: data that attacks the terminal, odd command lines, odd environments.

Every case must end with exit code 0, 1 or 2, a clear message, no traceback, and no raw control
sequence from the data in the output.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
    assert proc.wait(timeout=60) == 0, "the reader going away is not an error (README: ends quietly)"
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


# --- hostile knowledge-base files: never a crash or a hang (issue 19) -----------------------------------

EVERY_COMMAND = [["list"], ["show", "alpha"], ["compare", "alpha", "beta"], ["faq"], ["crisis"], ["about"]]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def _kb_with(tmp_path: Path, rel: str, text: str) -> Path:
    return write_kb(tmp_path / "kb", [record("alpha"), record("beta")], extra={rel: text})


DATE = "is not a real date or time (write it as YYYY-MM-DD, or in quotes if it is text)"
LONG_NUMBER = "the number is too long to read (put it in quotes if it is text)"
CRISIS_ENTRY = (
    "- region: US\n  region_name: United States\n  service: Line\n  contact: Call 988\n  hours: 24 hours\n"
    "  url: https://988lifeline.org\n  source: https://988lifeline.org\n"
)


@pytest.mark.parametrize(
    ("rel", "text", "needle", "field", "message"),
    [
        (
            "faq.yaml",
            "- id: qq\n  question: Why?\n  answer: 2024-02-30\n",
            "answer",
            "[0].answer",
            f"'2024-02-30' {DATE}",
        ),
        (
            "faq.yaml",
            "- id: qq\n  question: Why?\n  answer: 2024-02-28 25:00:00\n",
            "answer",
            "[0].answer",
            f"'2024-02-28 25:00:00' {DATE}",
        ),
        ("crisis.yaml", CRISIS_ENTRY + "  checked: 2024-13-45\n", "checked", "[0].checked", f"'2024-13-45' {DATE}"),
        ("faq.yaml", "- id: qq\n  question: Why?\n  2024-02-30: x\n", "2024-02-30", "[0]", f"'2024-02-30' {DATE}"),
        ("faq.yaml", "- id: qq\n  question: Why?\n  answer: " + "9" * 5000 + "\n", "answer", "[0].answer", LONG_NUMBER),
        (
            "glossary.yaml",
            "- term: T\n  definition: D\n  refs:\n  - " + "7" * 5000 + "\n",
            "777",
            "[0].refs[0]",
            LONG_NUMBER,
        ),
        (
            "interventions/alpha.yaml",
            dump(record("alpha")).replace("last_reviewed: 2026-01-01", "last_reviewed: 2024-02-30"),
            "last_reviewed",
            "last_reviewed",
            f"'2024-02-30' {DATE}",
        ),
    ],
)
def test_impossible_dates_and_huge_numbers_are_findings(
    tmp_path: Path, rel: str, text: str, needle: str, field: str, message: str
) -> None:
    root = _kb_with(tmp_path, rel, text)
    line = _line_of(text, needle)
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == f"kb/{rel}:{line}: E110 {field}: {message}"
    for args in EVERY_COMMAND:
        r = runner.invoke(app, ["--data", str(root), *args])
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, repr(r.exception))
        assert r.exit_code == 1, args
        assert f"  kb/{rel}:{line}: {field}: {message}" in r.stderr.splitlines(), r.stderr


def _not_regular(path: Path, kind: str) -> None:
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("rel", ["kb.yaml", "faq.yaml", "glossary.yaml", "crisis.yaml", "interventions/beta.yaml"])
def test_a_knowledge_base_file_that_is_not_a_regular_file(
    tmp_path: Path, kind: str, rel: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO would block a reader for ever, /dev/zero never ends (and reports size 0): neither is read."""
    root = write_kb(tmp_path / "kb", [record("alpha"), record("beta")])
    _not_regular(root / rel, kind)
    monkeypatch.chdir(tmp_path)
    with _within(20):  # a reader that blocked would fail the test, not hang it
        r = runner.invoke(app, ["--data", str(root), "validate", "--no-readability"], env={"TRDGUIDE_NO_CACHE": "1"})
        assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
        assert r.exit_code == 1, r.output
        assert r.stdout.splitlines()[0] == f"kb/{rel}: E102 is not a regular file"
        r = runner.invoke(app, ["--data", str(root), "list"], env={"TRDGUIDE_NO_CACHE": "1"})
        assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
        assert r.exit_code == 1
        assert f"  kb/{rel}: is not a regular file" in r.stderr.splitlines()


@contextlib.contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the code under test if it has not finished after `seconds` (a blocked open or read
    is interrupted by the alarm; the test process goes on)."""

    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def test_a_file_over_the_limit_is_refused_while_reading(tmp_path: Path) -> None:
    from trdguide.loader import MAX_FILE_BYTES, read_limited

    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert read_limited(path, MAX_FILE_BYTES) is None
    path.write_bytes(b"#" * MAX_FILE_BYTES)
    assert read_limited(path, MAX_FILE_BYTES) == b"#" * MAX_FILE_BYTES


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_cache_file_that_is_not_a_regular_file_is_ignored(tmp_path: Path, kind: str) -> None:
    env = {"TRDGUIDE_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80"}
    first = _run("list", cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    (cached,) = (tmp_path / "cache" / "trdguide").glob("kb-*.jsonl")
    _not_regular(cached, kind)
    r = _run("list", cwd=tmp_path, env=env)
    assert (r.returncode, r.stdout, r.stderr) == (0, first.stdout, "")
    assert cached.is_file() and not cached.is_symlink(), "the cache was written again, as a file"
    from trdguide import cache

    _not_regular(cached, kind)
    with pytest.raises(OSError, match="is not a regular file"):
        cache._open_regular(cached)
    signer = cache.secret(cached.parent)
    assert signer is not None
    cache.clean(cached.parent, signer)  # reads every cache file's header: must not block or read for ever


def test_a_data_path_the_system_refuses(tmp_path: Path) -> None:
    long = tmp_path / ("a" * 300)
    r = runner.invoke(app, ["--data", str(long), "list"])
    assert r.exit_code == 1, r.output
    assert r.stderr.splitlines()[1] == f"  {long}: the knowledge-base folder cannot be used (File name too long)"
    r = runner.invoke(app, ["validate", str(long)])
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == f"{long}: E102 the knowledge-base folder cannot be used (File name too long)"


# --- widths: clamped on every path, never an empty answer ----------------------------------------------

TABLE_COMMANDS = [["crisis"], ["list"], ["faq"], ["compare", "tms", "ect"], ["glossary", "remission"], ["about"]]


def _at(columns: str | None, args: list[str], *more: str) -> str:
    env = {"NO_COLOR": "1", "COLUMNS": columns}
    r = runner.invoke(app, [*args, *more], env=env)  # type: ignore[arg-type]  # None unsets COLUMNS
    assert r.exit_code == 0, (columns, args, r.output)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.stdout


@pytest.mark.parametrize("fmt", ["table", "text"])
@pytest.mark.parametrize("args", TABLE_COMMANDS)
def test_any_columns_value_gives_the_whole_answer(args: list[str], fmt: str) -> None:
    """COLUMNS=0 printed nothing, a huge value crashed (OverflowError), 20000 took 11 s: all are clamped."""
    unset, narrow, wide = (_at(c, args, "--format", fmt) for c in (None, "20", "160"))
    for text in (unset, narrow, wide):
        flat = " ".join(text.split())
        assert "Education, not medical advice" in flat[:40] and "In crisis?" in flat
    assert max(len(line) for line in wide.splitlines()) <= 160
    for columns in ("0", "-3", "abc", ""):
        assert _at(columns, args, "--format", fmt) == unset, columns
    for columns in ("1", "5", "19"):
        assert _at(columns, args, "--format", fmt) == narrow, columns
    for columns in ("161", "20000", "99999999999999999999"):
        assert _at(columns, args, "--format", fmt) == wide, columns


def test_columns_zero_never_writes_an_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "crisis.txt"
    r = runner.invoke(app, ["crisis", "-o", str(out)], env={"COLUMNS": "0", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == _at(None, ["crisis"])


# --- writing the answer: a full disk, a reader that goes away, a closed standard output ----------------


def _run_to(stdout: int, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run trdguide with its standard output on `stdout` (a file descriptor), its errors captured."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS", "PYTHONUNBUFFERED")}
    return subprocess.run(
        [sys.executable, "-m", "trdguide", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**env, "NO_COLOR": "1", "COLUMNS": "80"},
        cwd=cwd,
        timeout=60,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["table", "text", "markdown", "json", "html"])
def test_a_full_disk_is_a_one_line_error(tmp_path: Path, fmt: str) -> None:
    for args in (["crisis"], ["compare", "tms", "ect", "--detail"]):
        with open("/dev/full", "w") as full:
            r = _run_to(full.fileno(), tmp_path, *args, "--format", fmt)
        assert r.returncode == 1
        assert r.stderr == "Error: could not write the answer to standard output: No space left on device.\n"
    r = _run("crisis", "--format", fmt, "-o", "/dev/full", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr == "Error: could not write /dev/full: No space left on device\n"


@pytest.mark.parametrize(
    "args",
    [[*a, "--format", f] for a in (["faq", "--all"], ["list"]) for f in FORMATS + ["html"]]
    + [["validate", "--no-readability"], ["schema"]],
)
def test_a_reader_that_went_away_ends_quietly_with_0_in_every_format(tmp_path: Path, args: list[str]) -> None:
    """`trdguide faq --all | head -1`, made certain: the pipe's reading end is closed before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        r = _run_to(write_end, tmp_path, *args)
    finally:
        os.close(write_end)
    assert (r.returncode, r.stderr) == (0, "")


def _closed_stdout(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS")}
    return subprocess.run(
        ["sh", "-c", '"$0" -m trdguide "$@" >&-', sys.executable, *args],
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "NO_COLOR": "1", "COLUMNS": "80"},
        cwd=tmp_path,
        timeout=60,
    )


def test_commands_that_write_a_file_work_with_stdout_closed(tmp_path: Path) -> None:
    out = tmp_path / "crisis.txt"
    r = _closed_stdout(tmp_path, "crisis", "-o", str(out))
    assert (r.returncode, r.stderr) == (0, f"Wrote {out}\n")
    assert (
        out.read_text(encoding="utf-8") == runner.invoke(app, ["crisis"], env={"COLUMNS": "80", "NO_COLOR": "1"}).stdout
    )
    r = _closed_stdout(tmp_path, "site", str(tmp_path / "public"))
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("Wrote ") and (tmp_path / "public" / "index.html").is_file()
    r = _closed_stdout(tmp_path, "crisis")
    assert (r.returncode, r.stderr) == (
        1,
        "Error: standard output is closed, so there is nowhere to show the answer.\n",
    )


# --- a folder that is not a knowledge base ----------------------------------------------------------------


@pytest.mark.parametrize("files", [{"readme.txt": "notes\n"}, {"kb.yaml": "extends: none\n"}])
def test_a_folder_that_is_not_a_knowledge_base(tmp_path: Path, files: dict[str, str]) -> None:
    from trdguide.wording import CRISIS_POINTER_NO_DATA

    root = tmp_path / "kb"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    crisis = (
        "has no crisis lines: a knowledge base needs at least one, as every answer ends with where to get urgent help"
    )
    interventions = "has no intervention records: a knowledge base needs at least one (interventions/ID.yaml)"
    r = runner.invoke(app, ["validate", str(root)])
    assert r.exit_code == 1
    assert r.stdout.splitlines()[:2] == [f"kb/crisis.yaml: E112 {crisis}", f"kb/interventions: E112 {interventions}"]
    problems = [
        "Error: The knowledge base has 2 problems:",
        f"  kb/crisis.yaml: {crisis}",
        f"  kb/interventions: {interventions}",
    ]
    r = runner.invoke(app, ["--data", str(root), "crisis"])
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.splitlines() == [*problems, CRISIS_POINTER_NO_DATA], "help is still pointed to"
    r = runner.invoke(app, ["--data", str(root), "site", str(tmp_path / "public")])
    assert r.exit_code == 1 and r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.stderr.splitlines() == problems


def test_a_knowledge_base_without_crisis_lines_is_an_error(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record("alpha")], extra={"crisis.yaml": "[]\n"})
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0].startswith("kb/crisis.yaml: E112 has no crisis lines")
    # laid over the bundled base, whose crisis lines count
    (root / "kb.yaml").write_text("extends: bundled\n", encoding="utf-8")
    (root / "crisis.yaml").unlink()
    assert runner.invoke(app, ["validate", str(root), "--no-readability"]).exit_code == 0


# --- the pager never loses the answer -------------------------------------------------------------------


@pytest.fixture
def tall(monkeypatch: pytest.MonkeyPatch) -> str:
    import shutil

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((80, 5)))
    return "".join(f"\x1b[1mline {n}\x1b[0m\n" for n in range(20))


@pytest.mark.parametrize(
    ("pager", "how"), [("false", "ended with status 1"), ("trdguide-no-such-pager", "was not found")]
)
def test_a_failing_pager_does_not_lose_the_answer(
    tall: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], pager: str, how: str
) -> None:
    from trdguide.pager import page

    monkeypatch.setenv("PAGER", pager)
    page(tall)
    out, err = capfd.readouterr()
    assert out == tall
    note = (
        f"Note: the pager {pager!r} {how}, so the answer is shown without it. Set PAGER, or use --no-pager, to choose."
    )
    assert err.splitlines()[-1] == note


@pytest.mark.parametrize(
    ("less", "colour"),
    [
        ("F", False),
        ("--quit-if-one-screen", False),
        ("FRX", True),
        ("-R", True),
        ("-r", True),
        ("--RAW-CONTROL-CHARS", True),
        (None, True),
    ],
)
def test_less_without_R_gets_plain_text(
    tall: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, less: str | None, colour: bool
) -> None:
    from trdguide.pager import page

    fake = tmp_path / "less"  # stands in for less: keeps what it was given
    fake.write_text(f"#!/bin/sh\ncat > {tmp_path / 'seen'}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGER", str(fake))
    if less is None:
        monkeypatch.delenv("LESS", raising=False)  # trdguide sets LESS=FRX
    else:
        monkeypatch.setenv("LESS", less)
    page(tall)
    seen = (tmp_path / "seen").read_text(encoding="utf-8")
    assert seen == (tall if colour else tall.replace("\x1b[1m", "").replace("\x1b[0m", ""))


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_failing_pager_on_a_terminal_still_shows_the_answer(tmp_path: Path) -> None:
    """End to end, on a real (pseudo-)terminal, where trdguide pages: PAGER=false used to print nothing."""
    leader, follower = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS", "LINES")}
    env.update({"PAGER": "false", "LINES": "5", "COLUMNS": "80", "NO_COLOR": "1"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "trdguide", "crisis"],
        stdout=follower,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: everything was read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    shown = " ".join(b"".join(chunks).decode().split())
    assert "Education, not medical advice" in shown and "988" in shown and "In crisis?" in shown
    assert "Note: the pager 'false' ended with status 1" in err
