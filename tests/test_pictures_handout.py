"""Icon arrays, the questions list, and the printable HTML handout (including a real browser)."""

from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import record, write_kb
from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.knowledge import KnowledgeBase
from trdguide.render.terminal import glyphs, icon_grid
from trdguide.wording import DISCLAIMER

runner = CliRunner()


def test_icon_grid_counts_and_fallback() -> None:
    grid = icon_grid(29, "#", ".")
    assert len(grid) == 10 and all(len(r.split()) == 10 for r in grid)
    assert sum(r.count("#") for r in grid) == 29 and sum(r.count(".") for r in grid) == 71
    assert glyphs("utf-8") == ("\u25cf", "\u25cb")
    assert glyphs("ascii") == ("#", ".")
    assert glyphs("latin-1") == ("#", ".")


def test_show_draws_arrays_with_comparator_and_words() -> None:
    r = runner.invoke(app, ["show", "rtms"], env={"COLUMNS": "80"})
    assert r.exit_code == 0
    assert "rTMS: 29 in 100" in r.stdout and "sham (fake) stimul" in r.stdout
    assert r.stdout.count("\u25cf") >= 29 + 10
    assert "a person with this result" in r.stdout
    # filled and empty differ in shape, not only in colour
    assert "\u25cb" in r.stdout


def test_no_pictures_flag_and_text_format_use_words_only() -> None:
    r = runner.invoke(app, ["show", "rtms", "--no-pictures"])
    assert r.exit_code == 0 and "\u25cf" not in r.stdout and "about 29 in 100" in r.stdout
    r = runner.invoke(app, ["show", "rtms", "--format", "text"])
    assert "\u25cf" not in r.stdout and "#" not in r.stdout and "about 29 in 100" in r.stdout


def test_ascii_fallback_when_encoding_cannot_show_glyphs(tmp_path: Path) -> None:
    import os
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii", "TRDGUIDE_CACHE_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "trdguide", "show", "rtms"], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "# # # # # # # # # #" in out.stdout and ". . . . . . . . . ." in out.stdout


def test_compare_pictures_are_opt_in() -> None:
    r = runner.invoke(app, ["compare", "tms", "ketamine"])
    assert "\u25cf" not in r.stdout
    r = runner.invoke(app, ["compare", "tms", "ketamine", "--pictures"], env={"COLUMNS": "80"})
    assert r.exit_code == 0 and "drawn as 100 people" in r.stdout and "\u25cf" in r.stdout


def test_no_picture_without_a_figure(tmp_path: Path) -> None:
    r = record("alpha")
    del r["outcomes"][0]["per_100"]
    r["outcomes"][0]["measure"] = "scale-change"
    del r["outcomes"][0]["threshold"]
    r["outcomes"][0]["result"] = "Scores fell by 3 points more than with sham."
    r["outcomes"][0]["comparator"] = {"label": "sham", "kind": "sham"}
    root = write_kb(tmp_path / "kb", [r, record("beta")])
    out = runner.invoke(app, ["--data", str(root), "show", "alpha"])
    assert out.exit_code == 0 and "\u25cf" not in out.stdout and "in 100:" not in out.stdout


def test_questions_command() -> None:
    r = runner.invoke(app, ["questions", "tms", "ect", "--format", "text"])
    assert r.exit_code == 0, r.output
    text = " ".join(r.stdout.split())
    assert (
        "About Repetitive transcranial magnetic stimulation (rTMS)" in text
        and "About Electroconvulsive therapy (ECT)" in text
    )
    assert "What matters most to me" in text
    for word in ("benefits", "speed", "Side effects", "time commitment", "Cost", "Travel"):
        assert word in text, word
    assert text.count("[ ]") >= 10
    assert "Education, not medical advice" in text
    assert runner.invoke(app, ["questions"]).exit_code == 2
    assert runner.invoke(app, ["questions", "tms", "rtms"]).exit_code == 2
    md = runner.invoke(app, ["questions", "tms", "--format", "markdown"]).stdout
    assert "- [ ] " in md


def _handout(tmp_path: Path, *names: str, paper: str = "a4", detail: bool = False) -> Path:
    out = tmp_path / f"handout-{len(names)}-{paper}{'-detail' if detail else ''}.html"
    extra = ["--detail"] if detail else []
    r = runner.invoke(app, ["compare", *names, "--format", "html", "--output", str(out), "--paper", paper, *extra])
    assert r.exit_code == 0, r.output
    return out


def test_html_handout_is_self_contained_and_complete(tmp_path: Path) -> None:
    page = _handout(tmp_path, "tms", "ketamine").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|src=\"http|url\(http|@import", page), "no external assets or scripts"
    assert "<svg" in page and page.count("<circle") >= 200
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", page))
    flat = " ".join(text.split())
    assert DISCLAIMER in flat and "988" in flat and "Samaritans" in flat
    assert "What matters most to me" in flat and "Reviewed 2026" in flat
    kb = KnowledgeBase.load()
    comparison = kb.compare(["tms", "ketamine"])
    # the grid shows the short answers; the references are those the grid cites
    for row in comparison.rows:
        for cell in row.cells:
            assert cell.short is not None and " ".join(cell.short.split()) in flat
            for rid in cell.refs:
                assert kb.references[rid].citation.split()[0] in flat, rid
    cited = {r.id for r in comparison.cited}
    assert {rid for row in comparison.rows for c in row.cells for rid in c.refs} <= cited
    assert "break-inside: avoid" in page and "@page { size: A4" in page
    # --detail keeps every cell's full text and every reference of the options
    full = _handout(tmp_path, "tms", "ketamine", detail=True).read_text()
    full_text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", full)).split())
    for o in kb.get("rtms").outcomes:
        assert " ".join(o.study.split()) in full_text
    assert len(full_text) > 1.5 * len(flat)


def test_html_escapes_data(tmp_path: Path) -> None:
    evil = record("alpha", summary="<script>alert(1)</script> & <b>bold</b>")
    root = write_kb(tmp_path / "kb", [evil, record("beta")])
    out = tmp_path / "x.html"
    r = runner.invoke(app, ["--data", str(root), "show", "alpha", "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page


def test_output_to_unwritable_place_fails_cleanly(tmp_path: Path) -> None:
    r = runner.invoke(app, ["show", "tms", "-o", str(tmp_path / "missing" / "x.txt")])
    assert r.exit_code == 1 and "could not write" in r.output and "Traceback" not in r.output


# --- a real browser -----------------------------------------------------------------------------------

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
pdf_tools = pytest.mark.skipif(
    not (PDFTOTEXT and PDFINFO),
    reason="poppler-utils is not installed (.ci/run installs it from Debian's packages)",
)
# the targets: 2 and 3 options on at most 3 A4 pages; measured 4 options: 4 pages, 5 options: 5
PAGE_LIMITS = {2: 3, 3: 3, 4: 5, 5: 6}


def _pdf(browser: Any, html_file: Path) -> tuple[int, str]:
    """Chromium prints the page, opened from disk, as a reader's print dialog would (the page's own paper size
    and margins, no header or footer); returns its number of pages and its text (poppler's pdftotext)."""
    pdf = html_file.with_suffix(".pdf")
    context = browser.new_context()
    try:
        pg = context.new_page()
        pg.goto(html_file.as_uri())
        pg.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        context.close()
    assert pdf.exists() and pdf.stat().st_size > 1000, "Chromium did not write a PDF"
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout  # type: ignore[list-item]
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,  # type: ignore[list-item]
        check=True,
    ).stdout
    return pages, text


def _pdf_page_text(browser: Any, html_file: Path, page: int) -> str:
    """The text of one page of the PDF that Chromium printed for `html_file` (printing it if needed)."""
    pdf = html_file.with_suffix(".pdf")
    if not pdf.exists():
        _pdf(browser, html_file)
    return subprocess.run(
        [PDFTOTEXT, "-f", str(page), "-l", str(page), str(pdf), "-"],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pdf_tools
@pytest.mark.parametrize(
    "names",
    [
        ("tms", "ketamine"),
        ("tms", "ketamine", "ect"),
        ("tms", "ketamine", "ect", "esketamine"),
        ("tms", "ketamine", "ect", "esketamine", "lithium"),
    ],
)
def test_handout_prints_in_a_real_browser(browser: Any, tmp_path: Path, names: tuple[str, ...]) -> None:
    pages, text = _pdf(browser, _handout(tmp_path, *names))
    assert 1 <= pages <= PAGE_LIMITS[len(names)], pages
    flat = " ".join(text.split())
    assert " ".join(DISCLAIMER.split()) in flat
    kb = KnowledgeBase.load()
    items = [kb.resolve(n) for n in names]
    for item in items:
        assert item.short_name in flat, item.short_name
    if len(names) <= 3:  # the whole grid is on page 1: its first and last question
        first_page = _pdf_page_text(browser, _handout(tmp_path, *names), 1)
        assert "Will it work?" in first_page and "Cost and access" in first_page


@pdf_tools
def test_handout_letter_paper(browser: Any, tmp_path: Path) -> None:
    pdf_html = _handout(tmp_path, "tms", "ketamine", paper="letter")
    pages, _ = _pdf(browser, pdf_html)
    info = subprocess.run(
        [PDFINFO, str(pdf_html.with_suffix(".pdf"))],
        capture_output=True,
        text=True,  # type: ignore[list-item]
        check=True,
    ).stdout
    assert "letter" in info and pages <= PAGE_LIMITS[2]
    three = _handout(tmp_path, "tms", "ketamine", "ect", paper="letter")
    first_page = _pdf_page_text(browser, three, 1)
    assert "Will it work?" in first_page and "Cost and access" in first_page
