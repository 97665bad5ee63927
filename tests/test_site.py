"""`trdguide site OUTDIR`: the static website (pages, escaping, determinism, size, URL scheme, browser)."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import markupsafe
import pytest
from conftest import HOSTILE, axe_problems, dump, record, write_kb
from typer.testing import CliRunner

from trdguide import __version__
from trdguide.cli import app
from trdguide.knowledge import KnowledgeBase
from trdguide.render.site import ASSET_MARK, CSP, HTML_MARK, segments, site_files
from trdguide.wording import COMPARISON_CAVEAT, DISCLAIMER

runner = CliRunner()
PAGES = ["index.html", "compare.html", "faq.html", "glossary.html", "crisis.html", "about.html", "questions.html"]
MAX_BYTES = 5 * 1024 * 1024


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def names_data(root: Path) -> dict[str, Any]:
    text = (root / "assets" / "names.js").read_text(encoding="utf-8")
    prefix = ASSET_MARK + "window.TRDGUIDE_NAMES = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data: dict[str, Any] = json.loads(text[len(prefix) : -2])
    return data


def compare_data(root: Path) -> dict[str, Any]:
    text = (root / "assets" / "compare-data.js").read_text(encoding="utf-8")
    prefix = ASSET_MARK + "window.TRDGUIDE_COMPARE = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data: dict[str, Any] = json.loads(text[len(prefix) : -2])
    return data


# --- pages -------------------------------------------------------------------------------------------


def test_every_page_is_written(bundled_site: Path) -> None:
    kb = KnowledgeBase.load()
    for p in PAGES:
        assert (bundled_site / p).is_file(), p
    for iid in kb.filter():
        assert (bundled_site / "options" / f"{iid}.html").is_file(), iid
    for a in ("site.css", "site.js", "compare-data.js"):
        assert (bundled_site / "assets" / a).is_file()


def test_every_page_has_the_framing_and_a_strict_policy(bundled_site: Path) -> None:
    for page in html_pages(bundled_site):  # the English pages and the Spanish ones (es/)
        text = page.read_text(encoding="utf-8")
        name = page.relative_to(bundled_site).as_posix()
        lang = "es" if name.startswith("es/") else "en"
        assert f'<html lang="{lang}">' in text, name
        assert f'<meta http-equiv="Content-Security-Policy" content="{markupsafe.escape(CSP)}">' in text, name
        assert "default-src &#39;none&#39;" in text
        # the disclaimer near the top (in the header, before the main content), the crisis pointer once
        assert text.index('<p class="disclaimer">') < text.index("<main"), name
        assert text.count('<a href="tel:988">988</a> (US/CA)') == 1, name
        if lang == "en":
            assert text.index(htmllib.escape(DISCLAIMER)) < text.index("<main"), name
            # the web page cannot know the region: every covered region's number, each one tap to call
            assert text.count('In crisis? <a href="tel:988">988</a> (US/CA)') == 1, name
        assert 'href="' + "../" * name.removeprefix("es/").count("/") + 'crisis.html"' in text
        # no inline script or style (the policy forbids them), nothing loaded from elsewhere
        assert "<style" not in text and " style=" not in text, name
        assert re.findall(r"<script(?![^>]*\ssrc=)", text) == [], name
        assert re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', text) == [], name
        assert "googletagmanager" not in text and "gtag(" not in text and "@font-face" not in text
        for tag in ("<header", "<nav", "<main", "<footer", "<h1"):
            assert tag in text, (name, tag)
        assert text.count("<h1") == 1, name


def test_index_lists_every_option_grouped_with_links(bundled_site: Path) -> None:
    kb = KnowledgeBase.load()
    text = (bundled_site / "index.html").read_text(encoding="utf-8")
    assert "not medical advice" in text and "What it is not" not in text  # the what / what-not paragraphs
    assert "It is not medical advice, not a diagnosis" in text
    for iid in kb.filter():
        item = kb.get(iid)
        assert f'<a href="options/{iid}.html">{htmllib.escape(item.short_name)}</a>' in text, iid
    for group in ("Brain stimulation", "Medicines", "Talking therapies"):
        assert f'<th scope="colgroup" colspan="4">{group}</th>' in text
    assert text.count("<tr data-search=") == len(kb)
    assert 'id="filter-box" hidden' in text  # the filter appears only where JavaScript runs
    assert "approved/cleared" in text and "about 3 weeks" in text
    assert "trdguide show NAME" not in text  # command-line hints are left out of the website


def test_option_page_has_everything_show_has(bundled_site: Path) -> None:
    text = (bundled_site / "options" / "rtms.html").read_text(encoding="utf-8")
    for heading in (
        "What it is like",
        "Will it work? What studies found",
        "Common side effects",
        "Serious risks",
        "Who may not be suitable",
        "How strong is the evidence?",
        "Cost and access",
        "Questions to ask your clinician",
        "Compare with",
        "References",
    ):
        assert f"<h2>{htmllib.escape(heading)}</h2>" in text, heading
    assert "<svg" in text and 'aria-label="29 of 100 people filled (rTMS)"' in text
    assert "rTMS: 29 in 100" in text
    assert "Last reviewed: 20" in text
    assert '<a href="https://doi.org/10.1017/S0033291713000512">' in text
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/' in text
    assert '<a href="../compare.html?options=rtms,ect">rTMS and ECT</a>' in text
    assert '<a href="../options/' in text  # "See also" links to the related options' pages
    assert "trdguide show" not in text
    # the "Compare with" links come before the references
    assert text.index("Compare with") < text.index("<h2>References</h2>")


def test_other_pages(bundled_site: Path) -> None:
    faq = (bundled_site / "faq.html").read_text(encoding="utf-8")
    assert "<h1>Frequently asked questions</h1>" in faq and faq.count('<section class="part" id="') >= 5
    crisis = (bundled_site / "crisis.html").read_text(encoding="utf-8")
    assert "988" in crisis and "<h1>Urgent help</h1>" in crisis
    about = (bundled_site / "about.html").read_text(encoding="utf-8")
    assert "the knowledge base bundled with trdguide" in about and "no cookies" not in about.lower().split("what")[0]
    assert "sets no cookies" in about
    assert str(Path.cwd()) not in about and "/data" not in about  # no local paths on a public page
    questions = (bundled_site / "questions.html").read_text(encoding="utf-8")
    assert 'class="checklist"' in questions and "What matters most to me" in questions
    assert "data-print hidden" in questions
    glossary = (bundled_site / "glossary.html").read_text(encoding="utf-8")
    assert "<h1>Glossary</h1>" in glossary


def test_compare_page_without_javascript_links_every_option(bundled_site: Path) -> None:
    kb = KnowledgeBase.load()
    text = (bundled_site / "compare.html").read_text(encoding="utf-8")
    noscript = text[text.index("<noscript>") : text.index("</noscript>")]
    assert "JavaScript" in noscript
    for iid in kb.filter():
        assert f'href="options/{iid}.html"' in noscript
        assert f'<input type="checkbox" name="options" value="{iid}" id="opt-{iid}">' in text
    assert '<form id="compare-form" class="compare-form" action="compare.html" method="get" hidden>' in text
    # the data file comes before the script that uses it, both from this site
    assert text.index('src="assets/compare-data.js"') < text.index('src="assets/site.js"')


def test_compare_data_holds_every_short_answer(bundled_site: Path) -> None:
    kb = KnowledgeBase.load()
    data = compare_data(bundled_site)
    assert sorted(data["options"]) == sorted(kb.filter())
    rtms = data["options"]["rtms"]
    assert "in 100" in rtms["cells"]["work"]["short"]
    assert rtms["cells"]["work"]["detail"][0].startswith("Symptoms fell by half")
    assert [r["key"] for r in data["rows"]] == ["work", "soon", "like", "common", "serious", "unsuitable",
                                                 "lasting", "status", "evidence", "cost"]  # fmt: skip
    assert data["caveat"] == COMPARISON_CAVEAT
    assert data["trials"] and all(len(t["options"]) >= 2 for t in data["trials"])


def test_site_js_never_puts_data_in_as_markup() -> None:
    from importlib import resources

    js = resources.files("trdguide.render").joinpath("static/site.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
    assert "document.write" not in js and "eval(" not in js
    assert "textContent" in js
    assert "cookie" not in js and "localStorage" not in js and "fetch(" not in js and "XMLHttpRequest" not in js
    css = resources.files("trdguide.render").joinpath("static/site.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "@import" not in css and "url(" not in css


# --- the URL scheme ----------------------------------------------------------------------------------


def test_url_scheme_compare_links_name_known_options(bundled_site: Path) -> None:
    data = compare_data(bundled_site)
    ids = set(data["options"])
    links = []
    for page in html_pages(bundled_site):
        links += re.findall(r'href="(?:\.\./)?compare\.html\?options=([^"]*)"', page.read_text(encoding="utf-8"))
    assert links, "option pages link to the compare page"
    for q in links:
        chosen = q.split(",")
        assert 1 <= len(chosen) <= 5 and set(chosen) <= ids, q
        assert all(re.fullmatch(r"[a-z0-9-]+", c) for c in chosen)
    # names, short names and aliases resolve as on the command line (tms means rTMS): the knowledge
    # layer's own table, written as it is
    from trdguide.folding import fold

    names = names_data(bundled_site)["names"]
    assert names[fold("tms")] == "rtms" and names[fold("rTMS")] == "rtms"
    assert names[fold("ketamine")] == "iv-ketamine" and names[fold("Spravato")] == "esketamine"
    assert names_data(bundled_site) == json.loads(json.dumps(KnowledgeBase.load().name_table()))


def test_segments_make_only_safe_links() -> None:
    names = {"rtms": "rTMS"}
    text = "See also: rTMS (trdguide show rtms), X (trdguide show nope). PMID 123 doi:10.1/ab."
    segs = segments(text, names, "../")
    assert "".join(t for t, _ in segs) == text, "the words are never changed: option links come from data"
    links = [(t, h) for t, h in segs if h]
    assert ("PMID 123", "https://pubmed.ncbi.nlm.nih.gov/123/") in links
    assert ("doi:10.1/ab", "https://doi.org/10.1/ab") in links
    assert all(h != "../options/nope.html" for _, h in links)
    assert "".join(t for t, _ in segments("javascript:alert(1) data:text/html,x", names, "")) == (
        "javascript:alert(1) data:text/html,x"
    )
    assert all(not h for _, h in segments("javascript:alert(1) data:text/html,x", names, ""))
    assert segments("Go to https://example.org/a.", names, "") == [
        ("Go to ", ""),
        ("https://example.org/a", "https://example.org/a"),
        (".", ""),
    ]


def test_reference_ids_link_to_the_page_s_own_list_of_references(bundled_site: Path) -> None:
    assert segments("Trials [a-1] and [b-2].", {}, "", {"a-1"}) == [
        ("Trials ", ""),
        ("[a-1]", "#ref-a-1"),
        (" and [b-2].", ""),
    ], "only ids the page lists become links"
    assert segments("Both [a-1, b-2, c-3].", {}, "", {"a-1", "c-3"}) == [
        ("Both ", ""),
        ("[", ""),
        ("a-1", "#ref-a-1"),
        (", ", ""),
        ("b-2", ""),
        (", ", ""),
        ("c-3", "#ref-c-3"),
        ("]", ""),
        (".", ""),
    ], "each id of a list of citations links to its entry"
    page = (bundled_site / "options" / "rtms.html").read_text(encoding="utf-8")
    targets = re.findall(r'<li id="ref-([a-z0-9-]+)">\[\1\] ', page)
    links = set(re.findall(r'<a href="#ref-([a-z0-9-]+)">\[\1\]</a>', page))
    assert "berlim-2014-rtms" in links and len(targets) == len(set(targets)) >= 10
    assert links <= set(targets), "every link has its entry on the same page"
    assert not re.search(r'<li id="ref-[^"]+"><a href="#ref-', page), "an entry does not link to itself"


def test_nothing_from_the_knowledge_base_is_dropped_whatever_its_words(tmp_path: Path) -> None:
    said = "Some clinics use --x settings; a leaflet may say trdguide show NAME or trdguide compare NAME."
    a = record("alpha", summary="A short plain summary. " + said, related=["beta"])
    a["side_effects"]["common"][0]["text"] = "Headache. See --detail in trdguide show alpha."
    faq = [{"id": "hint-words", "question": "Why?", "answer": said, "related": ["alpha"]}]
    kb = write_kb(tmp_path / "kb", [a, record("beta")], extra={"faq.yaml": dump(faq)})
    out = tmp_path / "public"
    assert runner.invoke(app, ["--data", str(kb), "site", str(out)]).exit_code == 0
    page = (out / "options" / "alpha.html").read_text(encoding="utf-8")
    assert htmllib.escape(said, quote=False) in page
    assert 'Headache. See --detail in trdguide show alpha. <a href="#ref-ref-one">[ref-one]</a>' in page
    faq_page = (out / "faq.html").read_text(encoding="utf-8")
    assert htmllib.escape(said, quote=False) in faq_page
    # what the program itself adds for the command line (its hints) is left out, from the data, not the words
    assert "On the website:" not in faq_page and 'See: <a href="options/alpha.html">ALPHA</a>' in faq_page
    assert '<p class="note">See also: <a href="../options/beta.html">BETA</a></p>' in page
    assert "trdguide show beta" not in page


def test_the_site_reads_structure_not_sentences() -> None:
    from importlib import resources

    code = resources.files("trdguide.render").joinpath("site.py").read_text(encoding="utf-8")
    for phrase in ('"References"', "trdguide show", "_CLI_HINT", "_REF_HEAD", "trdguide crisis"):
        assert phrase not in code, phrase


# --- escaping, --data, determinism, size -------------------------------------------------------------


def test_data_is_always_escaped(hostile_kb: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    r = runner.invoke(app, ["--data", str(hostile_kb), "site", str(out)])
    assert r.exit_code == 0, r.output
    pages = html_pages(out)
    assert {p.relative_to(out).as_posix() for p in pages} >= {"options/alpha.html", "options/beta.html", *PAGES}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>" not in text and "<img" not in text and "<b>" not in text and "<i>" not in text, page
        assert '"><script' not in text and "onerror=alert" not in text.replace("onerror=alert(1)&gt;", "")
    alpha = (out / "options" / "alpha.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in alpha
    assert "B&amp;&lt;i&gt;" in (out / "index.html").read_text(encoding="utf-8")
    # the compare data is JSON in a script file: the text is kept whole, for the script to set as text
    data = compare_data(out)
    assert data["options"]["alpha"]["cells"]["work"]["short"] == "About 30 in 100 " + HOSTILE
    assert data["options"]["beta"]["name"] == "B&<i>"
    raw = (out / "assets" / "compare-data.js").read_text(encoding="ascii")  # ASCII only, whatever the page charset
    assert raw.isascii()


def test_data_option_reaches_the_site(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "clinic-site"
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (out / "options").iterdir()) == ["alpha.html", "beta.html"]
    about = (out / "about.html").read_text(encoding="utf-8")
    assert "the folder &#39;kb&#39;" in about and str(kb_dir) not in about


def test_a_rebuild_removes_the_pages_an_earlier_build_wrote_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "public"
    two = write_kb(tmp_path / "kb2", [record("alpha"), record("beta")])
    one = write_kb(tmp_path / "kb1", [record("alpha")])
    r = runner.invoke(app, ["--data", str(two), "site", str(out)])
    assert r.exit_code == 0 and "Removed" not in r.output, r.output
    assert (out / "options" / "beta.html").is_file()
    (out / "CNAME").write_text("guide.example.org\n", encoding="utf-8")  # the host's own files
    (out / "options" / "local-note.html").write_text("<p>ours</p>\n", encoding="utf-8")
    (out / "es" / "options" / "local-note.html").write_text("<p>ours</p>\n", encoding="utf-8")
    r = runner.invoke(app, ["--data", str(one), "site", str(out)])
    # its page in English and in Spanish (es/)
    assert r.exit_code == 0 and "Removed 2 files an earlier build wrote" in r.output, r.output
    assert not (out / "options" / "beta.html").exists(), "an option taken out keeps no page"
    assert not (out / "es" / "options" / "beta.html").exists()
    assert (out / "es" / "options" / "local-note.html").is_file() and (out / "es" / "options" / "alpha.html").is_file()
    assert (out / "options" / "alpha.html").is_file() and (out / "index.html").is_file()
    assert (out / "CNAME").is_file() and (out / "options" / "local-note.html").is_file()
    listed = (out / ".trdguide-site-files").read_text(encoding="utf-8").splitlines()
    assert "options/alpha.html" in listed and "options/beta.html" not in listed and "CNAME" not in listed


def test_a_rebuild_removes_only_plain_files_inside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "public"
    outside = tmp_path / "keep.txt"
    outside.write_text("x", encoding="utf-8")
    out.mkdir()
    (out / "linked.html").symlink_to(outside)
    (out / ".trdguide-site-files").write_text(
        f"../keep.txt\n{outside}\nlinked.html\n.trdguide-site-files\n", encoding="utf-8"
    )
    r = runner.invoke(app, ["site", str(out)])
    assert r.exit_code == 0 and "Removed" not in r.output, r.output
    assert outside.read_text(encoding="utf-8") == "x" and (out / "linked.html").is_symlink()


# --- the output folder is the host's: no links, nothing outside, nothing trdguide did not write ---------


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("planted", "is_dir"),
    [("options", True), ("assets", True), ("index.html", False), (".trdguide-site-files", False)],
)
def test_a_planted_link_stops_the_build_before_anything_is_written(
    kb_dir: Path, tmp_path: Path, planted: str, is_dir: bool
) -> None:
    out = tmp_path / "public"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep\n", encoding="utf-8")
    target = elsewhere if is_dir else elsewhere / "precious.txt"
    out.mkdir()
    (out / planted).symlink_to(target, target_is_directory=is_dir)
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 1, r.output
    assert r.output == (
        f"Error: Nothing was written: {out / planted} is a symbolic link. The site writes only plain files inside "
        "its folder, never through a link. Remove the link or choose another folder.\n"
    )
    assert _tree(elsewhere) == {"precious.txt": b"keep\n"}, "nothing written through the link"
    assert sorted(p.name for p in out.iterdir()) == [planted], "nothing written at all"
    # --force replaces files the host wrote, never links
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out), "--force"])
    assert r.exit_code == 1 and "is a symbolic link" in r.output
    assert _tree(elsewhere) == {"precious.txt": b"keep\n"}


def test_a_link_inside_the_options_folder_is_not_written_through(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert runner.invoke(app, ["--data", str(kb_dir), "site", str(out)]).exit_code == 0
    outside = tmp_path / "outside.html"
    outside.write_text("mine", encoding="utf-8")
    (out / "options" / "alpha.html").unlink()
    (out / "options" / "alpha.html").symlink_to(outside)
    (out / "faq.html").unlink()
    (out / "faq.html").symlink_to(outside)
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 1
    assert f"Nothing was written: {out / 'faq.html'}, {out / 'options/alpha.html'} are symbolic links." in r.output
    assert outside.read_text(encoding="utf-8") == "mine"


def test_the_host_s_own_files_are_not_replaced_without_force(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("<h1>Our clinic</h1>\n", encoding="utf-8")
    (out / "faq.html").write_text("<h1>Our FAQ</h1>\n", encoding="utf-8")
    (out / "CNAME").write_text("guide.example.org\n", encoding="utf-8")
    before = _tree(out)
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 1
    assert r.output == (
        f"Error: Nothing was written: {out / 'faq.html'}, {out / 'index.html'} were not written by trdguide. "
        "Move them away or choose another folder; to replace them, add --force.\n"
    )
    assert _tree(out) == before
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out), "--force"])
    assert r.exit_code == 0, r.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert HTML_MARK in index and "Our clinic" not in index
    assert (out / "CNAME").read_text(encoding="utf-8") == "guide.example.org\n"
    # a rebuild over its own files needs no --force
    assert runner.invoke(app, ["--data", str(kb_dir), "site", str(out)]).exit_code == 0


def test_more_than_five_files_are_counted_not_listed(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    for name in PAGES:
        (out / name).write_text("host\n", encoding="utf-8")
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 1 and "were not written by trdguide" in r.output
    named = ", ".join(str(out / p) for p in sorted(PAGES)[:5])
    assert r.output.startswith(f"Error: Nothing was written: {named} and 2 more were not written by trdguide.")


def test_a_planted_manifest_removes_nothing_trdguide_did_not_write(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert runner.invoke(app, ["--data", str(kb_dir), "site", str(out)]).exit_code == 0
    (out / ".git").mkdir()
    host = {
        "CNAME": "guide.example.org\n",
        "robots.txt": "User-agent: *\n",
        ".git/config": "[core]\n",
        "contact.html": "<h1>Contact us</h1>\n",  # a name like the site's, without the generator mark
        "options/our-service.html": "<h1>Our service</h1>\n",
    }
    for rel, text in host.items():
        (out / rel).write_text(text, encoding="utf-8")
    (out / ".trdguide-site-files").write_text("".join(f"{rel}\n" for rel in host), encoding="utf-8")
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 0 and "Removed" not in r.output, r.output
    for rel, text in host.items():
        assert (out / rel).read_text(encoding="utf-8") == text, rel


def test_a_manifest_that_is_too_big_or_not_a_file_is_not_read(kb_dir: Path, tmp_path: Path) -> None:
    one = write_kb(tmp_path / "kb1", [record("alpha")])
    out = tmp_path / "public"
    assert runner.invoke(app, ["--data", str(kb_dir), "site", str(out)]).exit_code == 0
    manifest = out / ".trdguide-site-files"
    manifest.write_text("options/beta.html\n" + "x" * 300_000 + "\n", encoding="utf-8")
    r = runner.invoke(app, ["--data", str(one), "site", str(out)])
    assert r.exit_code == 0 and "Removed" not in r.output, r.output
    assert (out / "options" / "beta.html").is_file(), "an oversized list is not trusted"
    manifest.write_text("options/beta.html\n", encoding="utf-8")  # the same list, of sane size: trusted
    r = runner.invoke(app, ["--data", str(one), "site", str(out)])
    assert r.exit_code == 0 and "Removed 1 file" in r.output and not (out / "options" / "beta.html").exists()
    manifest.unlink()
    manifest.mkdir()
    r = runner.invoke(app, ["--data", str(one), "site", str(out)])
    assert r.exit_code == 1 and r.output == (
        f"Error: Nothing was written: {manifest} is in the way (not a plain file). Move it or choose another folder.\n"
    )


def test_unwritable_outdir_fails_cleanly(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = runner.invoke(app, ["site", str(blocker / "sub")])
    assert r.exit_code == 1 and "could not write" in r.output and "Traceback" not in r.output


def test_same_input_same_bytes_and_small_and_quick(tmp_path: Path) -> None:
    kb = KnowledgeBase.load()
    start = time.perf_counter()
    first = site_files(kb.site(__version__))
    took = time.perf_counter() - start
    second = site_files(KnowledgeBase.load().site(__version__))
    assert first == second
    assert list(first) == sorted(first)
    total = sum(len(b) for b in first.values())
    assert total <= MAX_BYTES, f"{total} bytes"
    assert took < 5, f"{took:.1f} s"
    # and written to two folders, the files are byte for byte the same
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert runner.invoke(app, ["site", str(out)]).exit_code == 0
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert any(f.parts[0] == "es" for f in files_a), "the Spanish pages too"
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


# --- a real browser ----------------------------------------------------------------------------------

AXE_PAGES = [
    "index.html",
    "options/rtms.html",
    "compare.html?options=rtms,iv-ketamine,ect",
    "faq.html",
    "crisis.html",
    "options/ect.html#common",
    "glossary.html",
]


def _where(pg: Any) -> str:
    """The page's address as the page itself has it now (history.replaceState included)."""
    where: str = pg.evaluate("location.pathname + location.search")
    return where


def _headings(pg: Any) -> list[int]:
    levels: list[int] = pg.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6",
        "els => els.filter(e => e.offsetParent !== null).map(e => Number(e.tagName[1]))",
    )
    return levels


def test_axe_headings_and_landmarks(page: Any, server: str) -> None:
    for path in AXE_PAGES:
        page.goto(server + path)
        assert axe_problems(page) == [], path
        levels = _headings(page)
        assert levels[0] == 1 and levels.count(1) == 1, (path, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)
        for role in ("banner", "navigation", "main", "contentinfo"):
            assert page.get_by_role(role).count() >= 1, (path, role)


def test_compare_answers_within_one_second(page: Any, server: str) -> None:
    start = time.perf_counter()
    page.goto(server + "compare.html?options=rtms,iv-ketamine", wait_until="commit")
    page.wait_for_function(
        """() => ['rtms', 'iv-ketamine'].every(id => {
             const c = document.querySelector(`#grid td[data-row=work][data-option="${id}"]`);
             return c && c.offsetParent !== null && c.textContent.includes('in 100');
           })""",
        timeout=1000,
    )
    assert time.perf_counter() - start < 1.0
    assert page.evaluate("performance.now()") < 1000
    grid = page.locator("#grid")
    assert "About 29 in 100" in grid.inner_text() and "About 47 in 100" in grid.inner_text()
    assert COMPARISON_CAVEAT in page.locator("#caveat").inner_text()
    assert page.locator("#compare-form").is_visible() and page.locator("noscript").count() == 1
    # the detail is one click away, and the address says so
    page.get_by_label("Show the full answers", exact=False).check()
    assert _where(page).endswith("compare.html?options=rtms,iv-ketamine&detail=1")
    assert "Study:" in page.locator("#grid").inner_text()


def test_compare_url_names_and_aliases_are_read_and_the_address_kept(page: Any, server: str) -> None:
    page.goto(server + "compare.html?options=tms,KETAMINE,ect,nosuch")
    assert _where(page).endswith("compare.html?options=tms,KETAMINE,ect,nosuch"), "the address is not rewritten"
    assert page.locator("#compare-unknown li").all_inner_texts() == ["\u201cnosuch\u201d"]
    assert page.locator("#compare-status").inner_text() == (
        "Showing rTMS, IV ketamine, ECT. Some names were not used: see the note below the comparison."
    )
    assert page.locator("#grid thead th").count() == 4
    # the reader's own change writes the choice, by id
    page.locator("#chooser summary").click()
    page.locator("#opt-ect").uncheck()
    assert _where(page).endswith("compare.html?options=rtms,iv-ketamine")
    # a form submitted without the script (options=a&options=b) is read the same way
    page.goto(server + "compare.html?options=ect&options=rtms")
    assert page.locator("#grid thead th").count() == 3
    page.goto(server + "compare.html?options=rtms")
    assert page.locator("#result").is_hidden() and "Choose 2 to 5" in page.locator("#compare-status").inner_text()


def test_compare_form_works_with_the_keyboard_alone(page: Any, server: str) -> None:
    page.goto(server + "compare.html")
    assert page.locator("#result").is_hidden()

    def tab_to(selector: str) -> None:
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                # the focus is visible
                outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                assert outline not in ("none", ""), selector
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#opt-ect")
    page.keyboard.press("Space")
    tab_to("#opt-rtms")
    page.keyboard.press("Space")
    assert _where(page).endswith("compare.html?options=ect,rtms")
    assert page.locator("#grid thead th").count() == 3
    assert "ECT" in page.locator("#result-heading").inner_text()
    tab_to("#compare-form button[type=submit]")
    page.keyboard.press("Enter")
    assert page.locator("#result").is_visible()


def test_filter_works_as_you_type(page: Any, server: str) -> None:
    page.goto(server + "index.html")
    rows = page.locator("tr[data-search]")
    total = rows.count()
    page.get_by_label("Filter the options", exact=False).press_sequentially("magnet")
    visible = [r.inner_text() for r in rows.all() if r.is_visible()]
    assert any("rTMS" in v for v in visible) and not any("Exercise" in v for v in visible)
    assert 0 < len(visible) < total
    assert f"of {total} options" in page.locator("#filter-status").inner_text()
    page.get_by_label("Filter the options", exact=False).fill("zzzz")
    assert not any(r.is_visible() for r in rows.all())
    assert "No options match" in page.locator("#filter-status").inner_text()


def test_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(server + "index.html")
        rows = pg.locator("tr[data-search]")
        assert rows.count() > 20 and all(r.is_visible() for r in rows.all())
        assert pg.locator("#filter-box").is_hidden()
        pg.goto(server + "compare.html?options=rtms,ect")
        assert "JavaScript" in pg.locator("main").inner_text()
        assert pg.locator("main a[href='options/rtms.html']").is_visible()
        assert pg.locator("#compare-form").is_hidden()
    finally:
        context.close()


def test_phone_width_no_sideways_scroll_and_cards(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        for path in AXE_PAGES:
            pg.goto(server + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (path, width)
        pg.goto(server + "compare.html?options=rtms,iv-ketamine,ect")
        cards = pg.locator("#cards .card")
        assert cards.count() == 3 and all(c.is_visible() for c in cards.all())
        assert pg.locator("#grid").is_hidden()
        assert "in 100" in cards.first.inner_text()
    finally:
        context.close()


def test_hostile_data_stays_text_in_the_browser(browser: Any, hostile_kb: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert runner.invoke(app, ["--data", str(hostile_kb), "site", str(out)]).exit_code == 0
    pg = browser.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        # from file:// too: the data file is a script, not fetched JSON
        pg.goto((out / "compare.html").as_uri() + "?options=alpha,beta")
        pg.wait_for_selector("#grid td[data-option=alpha]")
        assert HOSTILE in pg.locator("#grid").inner_text()
        assert pg.locator("#grid script, #grid img, #cards img").count() == 0
        pg.goto((out / "options" / "alpha.html").as_uri())
        assert HOSTILE in pg.locator("main").inner_text()
        assert dialogs == []
    finally:
        pg.close()


def test_print_gives_the_grid_on_one_page(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "compare.html?options=rtms,iv-ketamine,ect")
    page.wait_for_selector("#grid td")
    page.emulate_media(media="print")
    assert page.locator("#grid").is_visible() and page.locator("#cards").is_hidden()
    assert page.locator("#compare-form").is_hidden() and page.locator("nav").is_hidden()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return  # the layout checks above still ran; the page count needs poppler-utils
    import subprocess

    pdf = tmp_path / "grid.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    first = subprocess.run([pdftotext, "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    for words in ("Education, not medical advice", "Will it work?", "Cost and access", "About 29 in 100", "ECT"):
        assert words in first, words


# --- one name table, both faces ----------------------------------------------------------------------

# brand names, aliases, prefixes, family words, spellings and names that are not there
NAMES = [
    "spravato", "abilify", "neurostar", "zura", "tms", "ketamine", "magnetic stimulation", "esketamine",
    "ECT", "electro-convulsive therapy", "R.T.M.S", "Deep TMS", "itbs", "theta burst", "vns", "dbs",
    "brain stimulation", "antipsychotics", "add-on medicines", "lithium", "thyroid", "psilocybin",
    "talking therapies", "cbt", "exercise", "keta", "rexulti", "vraylar", "auvelity", "zurzuvae",
    "seroquel", "Spravatos", "ÉCT", "stanford", "snt", "nosuch", "medication", "implants", "stim",
    "quetiapine", "electrical stimulation", "psychedelics", "ketamine infusion", "magnetic", "deep",
    "transcranial", "anti",
]  # fmt: skip


def _cli_choice(name: str) -> tuple[str, list[str]]:
    """What `trdguide compare NAME OTHER --format json` makes of NAME: (kind, ids)."""
    for other in ("ect", "rtms"):
        r = runner.invoke(app, ["compare", name, other, "--format", "json"])
        if r.exit_code == 0:
            first = json.loads(r.stdout)["data"]["options"][0]["id"]
            if first != other:
                return "option", [first]
            continue
        if "names a group of options" in r.output:
            return "family", re.findall(r"\(([a-z0-9-]+)\)[,.]", r.output.split(":", 1)[1])
        if "could mean more than one option" in r.output:
            return "ambiguous", re.findall(r"(?:: |, )([a-z0-9-]+) \(", r.output.split("option", 1)[1])
        if "No intervention called" in r.output:
            return "unknown", []
        if "are the same option" in r.output:
            continue
        raise AssertionError(r.output)
    raise AssertionError(name)


def _site_choice(pg: Any, server: str, name: str, other: str) -> tuple[str, list[str]]:
    """What compare.html makes of NAME (with OTHER beside it, as on the command line).

    The page reads a new address as it does on the back button (popstate): the same reading as on
    load, without loading its data again for every name."""
    if "compare.html" not in pg.url:
        pg.goto(server + "compare.html")
    pg.evaluate(
        "q => { history.pushState(null, '', q); window.dispatchEvent(new PopStateEvent('popstate')); }",
        "compare.html?options=" + quote(name) + "," + other,
    )
    grid: list[str] = pg.eval_on_selector_all("#grid td[data-row=work]", "els => els.map(e => e.dataset.option)")
    if not pg.locator("#result").is_hidden():
        return "option", [grid[0]]
    lists = pg.locator("#compare-names ul[data-kind]")
    if lists.count():
        kind: str = lists.first.get_attribute("data-kind")
        ids: list[str] = lists.first.evaluate("u => [...u.querySelectorAll('li')].map(li => li.dataset.option)")
        return kind, ids
    if pg.locator("#compare-unknown li").count():
        return "unknown", []
    return "option", pg.eval_on_selector_all(
        "#compare-form input[name=options]:checked", "els => els.map(e => e.value)"
    )


def test_the_name_table_is_the_resolver() -> None:
    """Looking a name up in the exported table (as the page's script does) gives what resolve gives."""
    from trdguide.folding import compact, fold
    from trdguide.knowledge import Ambiguous, Family, NotFound

    kb = KnowledgeBase.load()
    t: dict[str, Any] = kb.name_table()

    def look(raw: str) -> tuple[str, list[str]]:
        key = fold(raw)
        if key not in t["names"]:
            key = t["compact"].get(compact(raw), key)
        if key in t["names"]:
            return "option", [t["names"][key]]
        if key in t["families"]:
            return "family", t["families"][key]
        if len(key.replace(" ", "")) >= 4 and key in t["prefixes"]:
            ids = t["prefixes"][key]
            return ("option", ids) if len(ids) == 1 else ("ambiguous", ids[:10])
        return "unknown", []

    def resolved(raw: str) -> tuple[str, list[str]]:
        try:
            return "option", [kb.resolve(raw).id]
        except Family as exc:
            return "family", sorted(m.id for m in exc.members)
        except Ambiguous as exc:
            return "ambiguous", [c.id for c in exc.candidates]
        except NotFound:
            return "unknown", []

    words = set(NAMES) | set(t["names"]) | set(t["families"]) | {n[:k] for n in t["names"] for k in range(3, 9)}
    assert len(words) > 500
    for w in sorted(words):
        assert look(w) == resolved(w), w


def test_the_compare_page_chooses_what_the_command_line_chooses(page: Any, server: str) -> None:
    assert len(NAMES) >= 30
    kinds = set()
    for name in NAMES:
        cli = _cli_choice(name)
        other = "rtms" if cli == ("option", ["ect"]) else "ect"
        site = _site_choice(page, server, name, other)
        assert site == cli, (name, site, cli)
        kinds.add(cli[0])
    assert kinds == {"option", "family", "ambiguous", "unknown"}
    # a brand name is said to be one, as on the command line
    page.goto(server + "compare.html?options=spravato,ect")
    assert "\u201cSpravato\u201d is a brand name of Esketamine." in page.locator("#compare-names").inner_text()


INJECTION = "x.%20IMPORTANT%20NOTICE:%20this%20treatment%20is%20dangerous,%20stop%20it%20now.%20" + "A" * 200


def test_an_address_cannot_make_the_page_say_anything(page: Any, server: str) -> None:
    page.goto(server + "compare.html?options=rtms,ect," + INJECTION)
    typed = "x. IMPORTANT NOTICE: this treatment is dangerous, stop it now. " + "A" * 200
    # the comparison is shown, with nothing above it but the page's own words
    above = page.evaluate(
        "() => { const r = document.getElementById('result'); let t = ''; "
        "for (const e of document.querySelectorAll('main *')) { "
        "  const before = e.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING; "
        "  if (before && !e.children.length) t += e.textContent; }"
        " return t; }"
    )
    assert "IMPORTANT" not in above
    assert page.locator("#grid thead th").count() == 3
    # the unknown name is shown quoted and cut as the command line cuts it, in a quiet note below
    first, second = typed.split(",")  # a comma separates names in the address, as in the form
    shown = page.locator("#compare-unknown li").all_inner_texts()
    assert shown == ["\u201c" + first + "\u201d", "\u201c" + second.strip()[:80] + "\u2026\u201d"]
    assert page.locator("#compare-names").evaluate("e => getComputedStyle(e).fontWeight") in ("400", "normal")
    r = runner.invoke(app, ["compare", "rtms", second.strip()])
    assert r.exit_code == 1 and f"No intervention called {second.strip()[:80]!r}" in r.output
    # and the address still says what was typed
    assert "IMPORTANT%20NOTICE" in page.url


def test_home_filter_finds_brand_names_and_families(page: Any, server: str) -> None:
    page.goto(server + "index.html")
    box = page.get_by_label("Filter the options", exact=False)
    rows = page.locator("tr[data-search]")

    def visible() -> set[str]:
        return {r.get_attribute("data-id") or "" for r in rows.all() if r.is_visible()}

    box.fill("spravato")
    assert visible() == {"esketamine"}
    box.fill("magnetic stimulation")
    assert {"rtms", "itbs", "deep-tms"} <= visible() and "ect" not in visible()
    box.fill("antipsychotics")
    assert {"aripiprazole", "cariprazine"} <= visible() and "rtms" not in visible()
    box.fill("neurostar")
    assert "rtms" in visible()


# --- pages a person can use on a phone ---------------------------------------------------------------

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    yield pg
    context.close()


def test_faq_opens_with_its_questions_and_every_answer_has_an_anchor(bundled_site: Path) -> None:
    kb = KnowledgeBase.load()
    entries = kb.faq_view().entries
    text = (bundled_site / "faq.html").read_text(encoding="utf-8")
    listing = text.index('<nav class="contents" id="questions"')
    assert listing < text.index('<section class="part"')
    for n, f in entries:
        assert f'<li><a href="#{f.id}">{markupsafe.escape(f"{n}. {f.question}")}</a></li>' in text, f.id
        section = text[text.index(f'<section class="part" id="{f.id}"') :]
        section = section[: section.index("</section>")]
        assert '<p class="back"><a href="#questions">Back to the questions</a></p>' in section
    # the command line names each answer's place on the website, one short line under it
    r = runner.invoke(app, ["faq", "--all", "--format", "text"])
    assert r.exit_code == 0
    for _, f in entries:
        assert r.stdout.count(f"On the website: faq.html#{f.id}\n") == 1, f.id


def test_option_page_contents_and_folding_sections(bundled_site: Path) -> None:
    text = (bundled_site / "options" / "ect.html").read_text(encoding="utf-8")
    nav = text[text.index('<nav class="contents" id="contents"') :]
    nav = nav[: nav.index("</nav>")]
    targets = re.findall(r'<a href="#([a-z-]+)">', nav)
    assert targets[:4] == ["mechanism", "like", "work", "common"] and "references" in targets
    for t in targets:
        assert f'<details class="part" id="{t}">' in text, t
    assert text.index('id="contents"') < text.index('<details class="part"')


def test_no_paragraph_is_printed_twice(bundled_site: Path) -> None:
    for page in sorted((bundled_site / "options").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        main = text[text.index("<main") : text.index("</main>")]
        pieces = [re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<(?:p|li|figcaption)[^>]*>(.*?)</", main)]
        long = [p for p in pieces if len(p) > 60]
        twice = {p for p in long if long.count(p) > 1}
        assert not twice, (page.name, twice)


def test_phone_first_screens(phone: Any, server: str) -> None:
    phone.goto(server + "index.html")
    crisis = phone.locator("header .crisis").bounding_box()
    assert crisis["y"] + crisis["height"] <= 740, "the crisis line is on the home page's first screen"
    phone.goto(server + "faq.html")
    header = phone.locator("header").bounding_box()
    questions = phone.locator("#questions").bounding_box()
    first_question = phone.locator("#questions li").first.bounding_box()
    assert questions["y"] >= header["y"] + header["height"]
    assert first_question["y"] + first_question["height"] <= 740, "the questions start on the first screen"
    # an answer's anchor brings it up, with its way back
    phone.goto(server + "faq.html#why-hard-to-treat")
    assert phone.evaluate("scrollY") > 0
    phone.locator("#why-hard-to-treat .back a").click()
    assert phone.url.endswith("faq.html#questions")
    # the long option pages are short until a section is opened; an anchor opens its section
    phone.goto(server + "options/esketamine.html")
    folded = phone.evaluate("document.documentElement.scrollHeight")
    phone.evaluate("document.querySelectorAll('details.part').forEach(d => d.open = true)")
    assert 4 * folded < phone.evaluate("document.documentElement.scrollHeight")
    phone.goto(server + "options/ect.html#common")
    assert phone.locator("details#common").evaluate("d => d.open") is True
    assert "memory" in phone.locator("details#common").inner_text().lower()
    assert phone.locator("details#serious").evaluate("d => d.open") is False


def test_phone_home_first_screen_shows_the_search_box(phone: Any, server: str) -> None:
    phone.goto(server + "index.html")
    for what in ("header .crisis", "#search-q", "#search button"):
        box = phone.locator(what).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 740, what
    # and it works there: the results come right under it
    phone.locator("#search-q").fill("weight gain")
    phone.locator("#search-q").press("Enter")
    phone.wait_for_function(
        "q => document.getElementById('search-results').getAttribute('data-query') === q", arg="weight gain"
    )
    first = phone.locator("#search-list a").first.bounding_box()
    assert first["y"] + first["height"] <= 740
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_in_short_is_every_short_answer_with_its_question_in_bold(bundled_site: Path) -> None:
    """The dense "In short" block hides nothing: each line is `in_short_line`, its question in bold."""
    from trdguide.wording import in_short_line

    kb = KnowledgeBase.load()
    for iid in kb.filter():
        view = kb.show_view(kb.get(iid))
        rows = [r for r in view.in_short if r.cells[0].short is not None]
        text = (bundled_site / "options" / f"{iid}.html").read_text(encoding="utf-8")
        block = text[text.index('<ul class="in-short">') :]
        items = re.findall(r"<li>(.*?)</li>", block[: block.index("</ul>")])
        assert len(items) == len(rows) == 10, iid
        for item, r in zip(items, rows):
            assert item.startswith("<strong>") and "</strong> " in item, item
            words = htmllib.unescape(re.sub(r"<[^>]+>", "", item))
            assert words == in_short_line(r.key, r.cells[0].short or ""), (iid, words)


# where "In short" ends at 375 by 740 px: within 2 screens (1,480 px) on every option page, the goal.
# 2026-12-07: 1,329-1,472 px, after the phone header went from 7 lines to 5 (the name and the search box share
# a line; the links scroll sideways on one line) and the "In short" lines were set closer. It was 1,393-1,679 px.
IN_SHORT_MAX = 1480


def test_in_short_ends_near_the_top_on_a_phone(phone: Any, server: str, bundled_site: Path) -> None:
    ends = {}
    for page in sorted((bundled_site / "options").glob("*.html")):
        phone.goto(server + f"options/{page.name}")
        ends[page.stem] = phone.eval_on_selector("ul.in-short", "u => u.getBoundingClientRect().bottom + scrollY")
    assert len(ends) > 20 and max(ends.values()) <= IN_SHORT_MAX, sorted(ends.items(), key=lambda x: -x[1])[:5]


def test_folded_sections_are_printed_open(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "options/ect.html")
    assert page.locator("details#serious li").first.is_hidden()
    page.emulate_media(media="print")
    assert page.locator("details#serious li").first.is_visible(), "open when printed, even without the script"
    assert page.locator("#contents").is_hidden()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    import subprocess

    pdf = tmp_path / "ect.pdf"
    page.pdf(path=str(pdf))
    words = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout
    assert "KetECT trial" in words and "On this page" not in words


def test_crisis_page_numbers_call_and_text(bundled_site: Path) -> None:
    text = (bundled_site / "crisis.html").read_text(encoding="utf-8")
    assert '<a href="tel:988">988</a>' in text and '<a href="tel:116123">116 123</a>' in text
    assert '<a href="sms:988">Text 988</a>' in text
    assert '<a href="sms:85258?body=SHOUT">text SHOUT to 85258</a>' in text
    kb = KnowledgeBase.load()
    for line in kb.crisis():
        section = text[text.index(f'data-region="{line.region}"') :]
        section = section[section.index("<ul>") : section.index("</section>")]  # the lines under its name
        plain = re.sub(r"<a [^>]*>.*?</a>", "", section)  # what is left outside links
        for m in re.finditer(r"(?<![\w-])\d[\d -]*\d(?![\w-])", re.sub(r"<[^>]+>", " ", plain)):
            digits_ = re.sub(r"\D", "", m.group(0))
            if re.fullmatch(r"\d{4}-\d\d-\d\d", m.group(0).strip()):
                continue  # the date the line was checked
            assert len(digits_) < 3, (line.region, m.group(0))  # every number of 3+ digits is a link
        if line.text_service:
            assert 'href="sms:' in section, line.region


@pytest.mark.parametrize(("locale", "first"), [("en-GB", "UK"), ("en-AU", "AU"), ("fr-CA", "CA"), ("de-DE", "US")])
def test_crisis_page_puts_the_reader_s_region_first(browser: Any, server: str, locale: str, first: str) -> None:
    context = browser.new_context(locale=locale)
    pg = context.new_page()
    try:
        pg.goto(server + "crisis.html")
        order = pg.eval_on_selector_all("#regions section", "els => els.map(e => e.dataset.region)")
        assert order[0] == first, order
        assert sorted(order) == sorted(
            pg.eval_on_selector_all("section[data-region]", "e => e.map(x => x.dataset.region)")
        )
        pg.select_option("#region-first", "IE")
        assert pg.eval_on_selector("#regions section", "e => e.dataset.region") == "IE"
    finally:
        context.close()


def test_dark_scheme_passes_axe(browser: Any, server: str) -> None:
    """The pages of the light-scheme check (every rule), in the dark scheme (the rules colours can change)."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        for path in AXE_PAGES:
            pg.goto(server + path)
            assert pg.evaluate("getComputedStyle(document.documentElement).backgroundColor") == "rgb(18, 18, 18)"
            assert axe_problems(pg, colours_only=True) == [], path
    finally:
        context.close()


# --- the search box on every page: the command line's search, in the browser -----------------------------

# everyday phrasings, names, lay words, misspellings (ketmine, esketamin, pregnat, electroshok), a word
# forms the guide never uses (only the stemmer knows "relapsing", "addictions"), words of danger
SEARCH_QUERIES = [
    "can i drive after spravato",
    "is ketamine addictive",
    "pregnant",
    "pacemaker",
    "teenager",
    "weight gain",
    "cost of esketamine in australia",
    "ketmine clinic",
    "esketamin",
    "pregnat",
    "electroshok therapy",
    "memory loss ect",
    "how much does rtms cost",
    "mushrooms",
    "shock therapy",
    "is tms fda approved",
    "what does response mean",
    "how soon does ketamine work",
    "lithium blood tests",
    "side effects of tms",
    "breast feeding",
    "under 18",
    "abilify",
    "drivers",
    "relapsing",
    "addictions",
    "pregnancies",
    "i want to die",
    "self-harm",
    "dissociation",
    "psychedelics",
    "pcmkr",  # too far from any word of the guide ("pacemaker"): nothing found, nothing corrected
]


def _box_search(pg: Any, query: str) -> tuple[list[int], list[str], str]:
    """What the site's search box shows for a query: the documents linked (by number in the index), their
    addresses, and the status line read out."""
    box = pg.locator("#search-q")
    box.fill(query)
    box.press("Enter")
    pg.wait_for_function(
        "q => document.getElementById('search-results').getAttribute('data-query') === q", arg=query, timeout=5000
    )
    docs = pg.eval_on_selector_all("#search-list a", "as => as.map(a => Number(a.dataset.doc))")
    hrefs = pg.eval_on_selector_all("#search-list a", "as => as.map(a => a.getAttribute('href'))")
    return docs, hrefs, pg.locator("#search-status").inner_text()


def test_search_box_finds_what_the_command_line_finds(page: Any, server: str) -> None:
    """The same top results, in the same order, for every query (the site shows the 10 best, as
    `trdguide search` does), and each link goes where the command line's result is."""
    kb = KnowledgeBase.load()
    export = kb.search_export()
    docs = export["docs"]
    assert isinstance(docs, list)
    number = {(d[0], d[1], d[3]): n for n, d in enumerate(docs)}
    faq_ids = [f.id for f in kb.store.faq]
    assert len(SEARCH_QUERIES) >= 20
    page.goto(server + "options/rtms.html")
    for query in SEARCH_QUERIES:
        r = runner.invoke(app, ["search", *query.split(), "--format", "json"])
        assert r.exit_code == 0, (query, r.output)
        data = json.loads(r.output)["data"]
        ours = [number[(h["kind"], h["target"], h["section"] or "")] for h in data["results"]]
        assert len(ours) >= 3 or query in ("abilify", "esketamin", "pcmkr"), (query, ours)
        theirs, hrefs, status = _box_search(page, query)
        assert theirs == ours, query
        for h, href in zip(data["results"], hrefs):
            if h["kind"] == "faq":
                assert href == f"../faq.html#{faq_ids[int(h['target']) - 1]}", (query, href)
            elif h["kind"] == "section":
                anchor = "" if h["section"] == "summary" else "#" + h["section"]
                assert href == f"../options/{h['target']}.html{anchor}", (query, href)
            else:
                assert href.startswith("../glossary.html#term-"), (query, href)
        said = {0: "Nothing in this guide matches {q}.", 1: "1 result for {q}."}
        assert status == said.get(len(ours), "{n} results for {q}. The best match is first.").format(
            n=len(ours), q=f"\u201c{query}\u201d"
        ), query
        read_as = [
            f"\u201c{c['typed']}\u201d is not a word in this guide, so it was read as \u201c{c['read_as']}\u201d."
            for c in data["corrections"]
        ]
        assert page.locator("#search-results .note").all_inner_texts()[: len(read_as)] == read_as, query
        urgent = page.locator("#search-results .warn")
        assert urgent.count() == (1 if data["urgent"] else 0), query
    assert page.problems == []


def test_the_website_stems_words_as_the_command_line_does(page: Any, server: str) -> None:
    """assets/stemmer.js against the Snowball stemmer search.py uses: every word of the knowledge base, and
    forms of them the guide may never use (plurals, -ing, -ed, -ly, -ness, -ation, ...)."""
    from trdguide import search

    stems = KnowledgeBase.load().search_export()["stems"]
    assert isinstance(stems, dict) and len(stems) > 1000
    endings = ("", "s", "es", "ing", "ed", "ly", "ness", "ation", "ful", "ive", "ize", "ised", "er", "y", "ies")
    words = sorted({w + e for w in stems for e in endings if not w.isdigit()} | {"skies", "dying", "news", "past"})
    page.goto(server + "index.html")
    page.add_script_tag(url=server + "assets/stemmer.js")
    theirs = page.evaluate("ws => ws.map(w => window.TRDGUIDE_STEM(w))", words)
    wrong = [(w, search.stem(w), t) for w, t in zip(words, theirs) if search.stem(w) != t]
    assert wrong == [] and len(words) > 30000


def test_search_links_land_on_their_anchor(page: Any, server: str, bundled_site: Path) -> None:
    """Every address the search can link to exists: FAQ entries, option sections, glossary terms."""
    text = (bundled_site / "assets" / "search-data.js").read_text(encoding="utf-8")
    prefix = ASSET_MARK + "window.TRDGUIDE_SEARCH = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data = json.loads(text[len(prefix) : -2])
    for _label, href in data["docs"]:
        path, _, anchor = href.partition("#")
        page_text = (bundled_site / path).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in page_text, href
    # the glossary's terms have anchors; a result opens its folded section
    page.goto(server + "index.html")
    _box_search(page, "cost of esketamine in australia")
    page.locator("#search-list a").first.click()
    page.wait_for_url("**/options/esketamine.html#cost")
    assert page.locator("details#cost").get_attribute("open") is not None


def test_search_box_with_the_keyboard_and_without_javascript(page: Any, server: str, browser: Any) -> None:
    page.goto(server + "faq.html")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-q":
            break
    else:
        raise AssertionError("Tab never reached the search box")
    page.keyboard.type("pacemaker")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "q => document.getElementById('search-results').getAttribute('data-query') === q", arg="pacemaker"
    )
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    page.keyboard.press("Tab")  # the button, then the first result
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#search-list li:first-child') !== null")
    page.locator("#search-q").fill("zzqxv")
    page.locator("#search-q").press("Enter")
    page.wait_for_function(
        "q => document.getElementById('search-results').getAttribute('data-query') === q", arg="zzqxv"
    )
    assert page.locator("#search-status").inner_text() == "Nothing in this guide matches \u201czzqxv\u201d."
    assert page.locator("#search-results a").get_attribute("href") == "faq.html#questions"
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(server + "faq.html")
        assert pg.locator("#search").is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_pass_axe_in_both_schemes(browser: Any, server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 375, "height": 740})
    pg = context.new_page()
    try:
        for path, query in [("glossary.html", "i want to die"), ("options/rtms.html", "ketmine clinic")]:
            pg.goto(server + path)
            pg.locator("#search-q").fill(query)
            pg.locator("#search-q").press("Enter")
            pg.wait_for_function(
                "q => document.getElementById('search-results').getAttribute('data-query') === q", arg=query
            )
            assert pg.locator("#search-list li").count() >= 3
            assert axe_problems(pg, colours_only=scheme == "dark") == [], (scheme, path)
    finally:
        context.close()
