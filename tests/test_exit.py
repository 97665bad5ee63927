"""How the `trdguide` process ends: the whole output, the documented exit status, no traceback.

`main()` ends the process with os._exit after flushing (Python's own teardown takes longer than most
commands), so these run the real entry point in a child process and compare with CliRunner's output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trdguide.cli import app

runner = CliRunner()


def _env(tmp_path: Path) -> dict[str, str]:
    # PYTHONUNBUFFERED would hide a missing flush: output is buffered, as for most users
    drop = ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "PYTHONUNBUFFERED")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, "TRDGUIDE_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80", "NO_COLOR": "1"}


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trdguide", *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["compare", "tms", "ketamine", "ect", "--detail"], 0),  # a long output: all of it arrives
        (["list", "--format", "json"], 0),
        (["show", "rtms-nope"], 1),
        (["faq", "999"], 1),
        (["list", "--zzz"], 2),
        (["compare", "tms"], 2),
    ],
)
def test_output_and_exit_status_are_those_of_the_command(tmp_path: Path, args: list[str], status: int) -> None:
    expected = runner.invoke(app, args, env={"COLUMNS": "80", "NO_COLOR": "1"})
    r = _run(tmp_path, *args)
    assert r.returncode == status == expected.exit_code, r.stderr
    assert "Traceback" not in r.stderr
    if status == 0:
        assert r.stdout == expected.stdout and r.stdout.endswith("\n")
    else:
        assert r.stdout == "" and r.stderr.strip(), "the problem is said on stderr"


def test_output_file_is_whole(tmp_path: Path) -> None:
    out = tmp_path / "grid.md"
    r = _run(tmp_path, "compare", "tms", "ketamine", "--format", "markdown", "--output", str(out))
    assert r.returncode == 0, r.stderr
    expected = runner.invoke(app, ["compare", "tms", "ketamine", "--format", "markdown"]).stdout
    assert out.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(("code", "status", "err"), [("None", 0, ""), ("3", 3, ""), ("'stopped'", 1, "stopped\n")])
def test_finish_keeps_the_exit_status_python_would_give(code: str, status: int, err: str) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys\nfrom trdguide.cli import _finish\nsys.stdout.write('kept')\n_finish({code})",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
    )
    assert (r.returncode, r.stdout, r.stderr) == (status, "kept", err)


def _run_closing(tmp_path: Path, fd: int, *args: str) -> subprocess.CompletedProcess[str]:
    """Run trdguide with stdout (fd 1) or stderr (fd 2) closed, as `trdguide ... >&-` does."""
    return subprocess.run(
        ["sh", "-c", f'"$0" -m trdguide "$@" {fd}>&-', sys.executable, *args],
        stdout=subprocess.PIPE if fd == 2 else None,
        stderr=subprocess.PIPE if fd == 1 else None,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
    )


def test_closed_stdout_is_said_on_stderr_with_status_1(tmp_path: Path) -> None:
    r = _run_closing(tmp_path, 1, "list")
    assert r.returncode == 1
    assert "standard output is closed" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(("args", "status"), [(["list"], 0), (["show", "rtms-nope"], 1)])
def test_closed_stderr_changes_nothing_else(tmp_path: Path, args: list[str], status: int) -> None:
    r = _run_closing(tmp_path, 2, *args)
    assert r.returncode == status
    assert ("Education, not medical advice" in r.stdout) == (status == 0)


def test_the_entry_point_raises_the_collector_threshold_before_the_command_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import trdguide.__main__ as entry
    import trdguide.cli

    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(trdguide.cli, "main", lambda: seen.append(gc.get_threshold()))
    before = gc.get_threshold()
    try:
        entry.main()
    finally:
        gc.set_threshold(*before)
    assert seen and seen[0][0] == 100_000 and seen[0][1:] == before[1:]


def test_importing_trdguide_leaves_the_collector_alone() -> None:
    code = (
        "import gc; t = gc.get_threshold(); import trdguide, trdguide.cli, trdguide.__main__; "
        "print(gc.get_threshold() == t)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "True", r.stderr


def test_the_console_script_starts_at_the_entry_point() -> None:
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'trdguide = "trdguide.__main__:main"' in pyproject
