"""Golden files: every command's output on the bundled knowledge base, pinned, so that every change of
wording or layout is reviewed as a diff.

After an intended change, rewrite the files (and the README's example blocks) and review the diff:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py
    git diff tests/golden README.md

Outputs are taken with colour off, no region (LANG=C) and a fixed width, as a person piping them sees.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trdguide import i18n
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
# the same commands in Spanish (--lang es): the interface from the catalog, the content from data/i18n/es/
SPANISH: dict[str, list[str]] = {
    "compare-tms-ketamine": ["compare", "tms", "ketamine"],
    "compare-tms-ketamine-ect": ["compare", "tms", "ketamine", "ect"],
    "show-rtms": ["show", "rtms"],
    "list": ["list"],
    "faq": ["faq"],
    "faq-spravato-drive": ["faq", "spravato", "drive"],
    "crisis": ["crisis"],
    "about": ["about"],
    "questions-tms-ect": ["questions", "tms", "ect"],
    "weigh": ["weigh", "--avoid", "anaesthesia,weekday-visits", "--matters", "soon,side-effects"],
    "glossary-remission": ["glossary", "remission"],
    "changes": ["changes", "--since", "2026-12-01"],
}
SPANISH_VARIANTS = ("40", "80", "json")
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
    """Compare bytes, line endings included (reading text would turn a \\r\\n into \\n unseen)."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    expected = path.read_bytes()
    assert actual.encode("utf-8") == expected, (
        f"{name} differs from its golden file; after an intended change: UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_command_output(command: str, variant: str) -> None:
    extra, columns = VARIANTS[variant]
    ext = {"md": "md", "json": "json"}.get(variant, "txt")
    check(f"{command}.{variant}.{ext}", output(COMMANDS[command] + extra, columns))


@pytest.mark.parametrize("variant", SPANISH_VARIANTS)
@pytest.mark.parametrize("command", list(SPANISH))
def test_spanish_output(command: str, variant: str) -> None:
    extra, columns = VARIANTS[variant]
    ext = {"md": "md", "json": "json"}.get(variant, "txt")
    check(f"es/{command}.{variant}.{ext}", output(["--lang", "es", *SPANISH[command], *extra], columns))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("command", list(HANDOUTS))
def test_handout_html(command: str, lang: str, tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    args = ["--lang", lang, *HANDOUTS[command], "--format", "html", "--output", str(out)]
    r = runner.invoke(app, args, env=ENV)
    assert r.exit_code == 0, r.output
    check(f"{'es/' if lang == 'es' else ''}{command}.handout.html", out.read_text(encoding="utf-8"))


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


# --- validate, --help, and the error messages -----------------------------------------------------------

# every command's --help (and the program's own), at 80 columns
HELP = ["", *(c.name or c.callback.__name__ for c in app.registered_commands if c.callback is not None)]


@pytest.mark.parametrize("command", HELP, ids=lambda c: c or "trdguide")
def test_help_output(command: str) -> None:
    check(f"help-{command or 'trdguide'}.txt", output([*([command] if command else []), "--help"], 80))


@pytest.mark.parametrize("command", ["", "compare"], ids=lambda c: c or "trdguide")
def test_spanish_help_output(command: str) -> None:
    """Typer reads the --help texts when trdguide.cli is imported (trdguide.__main__ chooses the language
    first): a fresh copy of the module, made in Spanish, shows what `trdguide --lang es ... --help` shows."""
    i18n.set_language("es")
    spec = importlib.util.find_spec("trdguide.cli")
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    args = ["--lang", "es", *([command] if command else []), "--help"]
    r = runner.invoke(fresh.app, args, env={**ENV, "COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    check(f"es/help-{command or 'trdguide'}.txt", r.stdout)


def _broken_kb(tmp_path: Path) -> Path:
    """A small knowledge base that loads but has errors and warnings of the linter (`kb`), and one that
    does not load (`bad`: a YAML syntax error and a name used twice)."""
    from conftest import record, write_kb

    bad = write_kb(tmp_path / "bad", [record("alpha"), record("beta", aliases=["alpha-alias"])])
    (bad / "interventions" / "gamma.yaml").write_text("id: gamma\nname: [unclosed\n")
    good = record("alpha", summary="A miracle for everyone.")
    root = write_kb(tmp_path / "kb", [good, record("beta")])
    (root / "faq.yaml").write_text('- id: hours\n  question: When?\n  answer: "Open \\u202e <b>daily</b>."\n')
    (root / "glossary.YAML").write_text("- term: x\n")
    return root


def _pinned_run(args: list[str], tmp_path: Path) -> str:
    """Exit status, standard output and standard error of one run, with machine paths replaced."""
    r = runner.invoke(app, args, env={**ENV, "COLUMNS": "80"})
    text = f"exit status: {r.exit_code}\n--- stdout\n{r.stdout}--- stderr\n{r.stderr}"
    return text.replace(str(bundled_data_dir()), "<bundled data>").replace(str(tmp_path), "<tmp>")


def test_validate_output_of_the_bundled_base(tmp_path: Path) -> None:
    check("validate.txt", _pinned_run(["validate", "--no-readability"], tmp_path))
    check("validate.json", _pinned_run(["validate", "--no-readability", "--format", "json"], tmp_path))


def test_validate_output_of_a_broken_base(tmp_path: Path) -> None:
    root = _broken_kb(tmp_path)
    check("validate-broken.txt", _pinned_run(["validate", "--no-readability", str(root)], tmp_path))


# the main error paths: what a reader sees on standard error, and the exit status
ERRORS: dict[str, list[str]] = {
    "unknown-name": ["show", "tmss"],
    "unknown-name-compare": ["compare", "tms", "nonsense"],
    "compare-one": ["compare", "tms"],
    "compare-same": ["compare", "tms", "rtms"],
    "unknown-region": ["crisis", "--region", "atlantis"],
    "faq-out-of-range": ["faq", "999"],
    "glossary-unknown": ["glossary", "nonsense"],
    "bad-format": ["list", "--format", "pdf"],
    "unknown-command": ["lst"],
    "missing-data-folder": ["--data", "<tmp>/missing", "list"],
    "broken-data": ["--data", "<tmp>/bad", "list"],
    "unknown-schema": ["schema", "nonsense"],
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_error_messages(case: str, tmp_path: Path) -> None:
    _broken_kb(tmp_path)
    args = [a.replace("<tmp>", str(tmp_path)) for a in ERRORS[case]]
    check(f"error-{case}.txt", _pinned_run(args, tmp_path))
