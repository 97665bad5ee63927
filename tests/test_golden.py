"""Golden files: every command's output on the bundled knowledge base, pinned, so that every change of
wording or layout is reviewed as a diff.

After an intended change, rewrite the files (and the README's example blocks) and review the diff:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py
    git diff tests/golden README.md

Outputs are taken with colour off, no region (LANG=C) and a fixed width, as a person piping them sees.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.paths import bundled_data_dir

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
ENV = {"NO_COLOR": "1", "LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "TRDGUIDE_REGION": "", "PAGER": "cat"}

COMMANDS: dict[str, list[str]] = {
    "list": ["list"],
    "show-rtms": ["show", "rtms"],
    "compare-tms-ketamine": ["compare", "tms", "ketamine"],
    "compare-tms-ketamine-ect": ["compare", "tms", "ketamine", "ect"],
    "compare-ketamine-ect-detail": ["compare", "ketamine", "ect", "--detail"],
    "faq": ["faq"],
    "faq-3": ["faq", "3"],
    "glossary-remission": ["glossary", "remission"],
    "crisis": ["crisis"],
    "crisis-uk": ["crisis", "--region", "UK"],
    "about": ["about"],
    "about-ipdas": ["about", "--ipdas"],
    "questions-tms-ect": ["questions", "tms", "ect"],
    "weigh": ["weigh", "--avoid", "anaesthesia,weekday-visits", "--matters", "soon,side-effects"],
    "faq-spravato-drive": ["faq", "spravato", "drive"],
    "search-ketamine-addictive": ["search", "is", "ketamine", "addictive", "--limit", "3"],
    "search-antipsychotics": ["search", "antipsychotics"],
    "search-nothing": ["search", "zzqx"],
}
HANDOUTS: dict[str, list[str]] = {
    "compare-tms-ketamine": ["compare", "tms", "ketamine"],
    "show-ect": ["show", "ect"],
    "weigh": ["weigh", "--avoid", "anaesthesia,weekday-visits", "--matters", "soon,side-effects"],
}
VARIANTS: dict[str, tuple[list[str], int]] = {  # name -> (extra arguments, columns)
    "40": ([], 40),
    "80": ([], 80),
    "120": ([], 120),
    "text": (["--format", "text"], 80),
    "md": (["--format", "markdown"], 80),
    "json": (["--format", "json"], 80),
}
# README blocks that show an output in full: the line before the block names the command
README_EXAMPLES = {
    "compare-tms-ketamine.80": "`trdguide compare tms ketamine`, at 80",
    "list.80": "`trdguide list` (",
    "search-ketamine-addictive.80": "`trdguide search is ketamine addictive --limit 3`, at 80",
}

runner = CliRunner()


def output(args: list[str], columns: int) -> str:
    r = runner.invoke(app, args, env={**ENV, "COLUMNS": str(columns)})
    assert r.exit_code == 0, r.output
    # where the knowledge base was loaded from differs between machines
    return r.stdout.replace(str(bundled_data_dir()), "<bundled data>")


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file; after an intended change: UPDATE_GOLDEN=1"


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_command_output(command: str, variant: str) -> None:
    extra, columns = VARIANTS[variant]
    ext = {"md": "md", "json": "json"}.get(variant, "txt")
    check(f"{command}.{variant}.{ext}", output(COMMANDS[command] + extra, columns))


@pytest.mark.parametrize("command", list(HANDOUTS))
def test_handout_html(command: str, tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    r = runner.invoke(app, [*HANDOUTS[command], "--format", "html", "--output", str(out)], env=ENV)
    assert r.exit_code == 0, r.output
    check(f"{command}.handout.html", out.read_text(encoding="utf-8"))


def _readme_block(text: str, marker: str) -> re.Match[str]:
    m = re.search(re.escape(marker) + r"[^\n]*\n\n```text\n(.*?)```", text, re.S)
    assert m, f"README.md has no example block after {marker!r}"
    return m


@pytest.mark.parametrize("golden", list(README_EXAMPLES))
def test_readme_examples_are_current(golden: str) -> None:
    """The outputs the README shows in full are the real ones (the same as the golden files)."""
    name, width = golden.rsplit(".", 1)
    actual = output(COMMANDS[name], int(width))
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    m = _readme_block(readme, README_EXAMPLES[golden])
    if UPDATE:
        readme_path.write_text(readme[: m.start(1)] + actual + readme[m.end(1) :], encoding="utf-8")
        return
    assert m.group(1) == actual, "README.md shows an old output: UPDATE_GOLDEN=1 pytest tests/test_golden.py"
