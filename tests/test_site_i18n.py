"""The website in Spanish (`es/` beside the English pages): the hook, the language switch and hreflang
links on every page, the scripts' words from the catalog, the translation's provenance, file safety, and
the browser checks (axe in both schemes, phone width, the switch by keyboard). One built site and one
browser per test process (conftest's fixtures); the browser tests run in parallel with the rest (pytest-xdist)."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import axe_problems
from typer.testing import CliRunner

from trdguide import __version__, i18n
from trdguide.cli import app
from trdguide.knowledge import KnowledgeBase
from trdguide.render.site import (
    ASSET_MARK,
    COMPARE_TEXT,
    HTML_MARK,
    MANIFEST,
    SiteRefused,
    bracket_link,
    build_site,
    phone_links,
    site_files,
    translation_note,
)
from trdguide.views import TranslationInfo
from trdguide.wording import WEB_SEARCH_TEXT

runner = CliRunner()


def es(message: str, **values: object) -> str:
    """`message` as the Spanish catalog has it (the hook speaking Spanish for one call)."""
    i18n.set_language("es")
    try:
        return i18n._(message, **values)
    finally:
        i18n.set_language("en")


def english_pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if not p.is_relative_to(root / "es"))


def strings(root: Path) -> dict[str, Any]:
    text = (root / "assets" / "strings.js").read_text(encoding="utf-8")
    prefix = ASSET_MARK + "window.TRDGUIDE_TEXT = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data: dict[str, Any] = json.loads(text[len(prefix) : -2])
    return data


def _target(page: str, href: str) -> str:
    """Where a relative link on `page` (a path from the site's top) leads, from the site's top."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


# --- every page, in both languages -----------------------------------------------------------------------


def test_every_page_has_its_spanish_twin_with_lang_hreflang_and_a_switch(bundled_site: Path) -> None:
    pages = english_pages(bundled_site)
    assert len(pages) > 30 and "options/ect.html" in pages
    spanish = sorted(p.relative_to(bundled_site).as_posix() for p in (bundled_site / "es").rglob("*.html"))
    assert spanish == [f"es/{p}" for p in pages], "the same pages in Spanish, no more, no fewer"
    for en in pages:
        for page, lang, other, name in ((en, "en", f"es/{en}", "Español"), (f"es/{en}", "es", en, "English")):
            text = (bundled_site / page).read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in text, page
            links = dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', text))
            assert sorted(links) == ["en", "es", "x-default"], page
            assert _target(page, links["en"]) == en and _target(page, links["x-default"]) == en, page
            assert _target(page, links["es"]) == f"es/{en}", page
            # the switch: a real link to the same page in the other language, named in that language
            switch = re.findall(
                r'<p class="lang-switch"><a href="([^"]+)" hreflang="(\w+)" lang="(\w+)">([^<]+)</a>', text
            )
            assert len(switch) == 1, page
            href, hreflang, its_lang, label = switch[0]
            code = "es" if lang == "en" else "en"
            assert (_target(page, href), hreflang, its_lang, label) == (other, code, code, name), page
            assert (bundled_site / _target(page, href)).is_file()


def test_spanish_pages_speak_spanish_and_the_english_pages_are_as_before(bundled_site: Path) -> None:
    en = (bundled_site / "index.html").read_text(encoding="utf-8")
    sp = (bundled_site / "es" / "index.html").read_text(encoding="utf-8")
    for english, spanish in (
        ("Skip to the main content", "Saltar al contenido principal"),
        ('<nav aria-label="Site">', '<nav aria-label="Sitio">'),
        (">Options</a>", ">Opciones</a>"),
        ('<h2 id="options-heading">The options</h2>', '<h2 id="options-heading">Las opciones</h2>'),
        ("About this guide", "Acerca de esta guía"),
        ("Treatment options for treatment-resistant depression", "Opciones de tratamiento para la depresión"),
    ):
        assert english in en and english not in sp, english
        assert spanish in sp and spanish not in en, spanish
    # a sentence with a link inside it stays one sentence for the translator ([brackets] mark the link)
    assert 'To see options side by side, <a href="compare.html">compare 2 to 5 of them</a>.' in en
    assert 'Para ver opciones lado a lado, <a href="compare.html">compare de 2 a 5 opciones</a>.' in sp
    ect = (bundled_site / "es" / "options" / "ect.html").read_text(encoding="utf-8")
    assert 'class="array-label">' in ect and " de cada 100</p>" in ect and " in 100</p>" not in ect
    compare = (bundled_site / "es" / "compare.html").read_text(encoding="utf-8")
    assert "<h1>Comparar opciones</h1>" in compare and "Elija de 2 a 5 opciones</summary>" in compare
    # shared scripts and styles, the language's own data and words
    assert '<link rel="stylesheet" href="../assets/site.css">' in sp
    assert '<script src="assets/strings.js" defer></script>' in sp and '<script src="assets/names.js"' in sp
    assert '<script src="../assets/site.js" defer></script>' in sp
    assert 'data-root="" data-top="../"' in sp
    for name in ("strings.js", "names.js", "compare-data.js", "search-data.js", "weigh-data.js"):
        assert (bundled_site / "es" / "assets" / name).is_file(), name
    assert not (bundled_site / "es" / "assets" / "site.js").exists(), "the scripts are shared, not copied"


def test_the_scripts_words_come_from_the_catalog(bundled_site: Path) -> None:
    en, sp = strings(bundled_site), strings(bundled_site / "es")
    assert sorted(en) == sorted(sp) == ["compare", "filter", "search", "weigh"]
    assert en["compare"] == dict(COMPARE_TEXT)
    assert sp["compare"] == {k: es(v) for k, v in COMPARE_TEXT.items()}
    assert sp["compare"]["choose"] == "Elija de 2 a 5 opciones para comparar."
    assert sp["search"] == {k: es(v) for k, v in WEB_SEARCH_TEXT.items()}
    count = len(KnowledgeBase.load())
    assert en["filter"]["some"] == f"Showing {{shown}} of {count} options."
    assert sp["filter"]["none"] == "Ninguna opción coincide con {query}."
    # the data files no longer carry words of their own; the scripts carry none
    for name in ("compare-data.js", "search-data.js", "weigh-data.js"):
        body = (bundled_site / "assets" / name).read_text(encoding="utf-8").split(" = ", 1)[1]
        assert "text" not in json.loads(body.removesuffix(";\n")), name
    static = Path(__file__).resolve().parent.parent / "trdguide" / "render" / "static"
    for script in ("site.js", "search.js", "weigh.js"):
        code = (static / script).read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
        sentences = re.findall(r'"([A-Z][a-z]+ [^"]*)"', code)
        assert sentences == [], (script, sentences)


def test_bracket_link_keeps_the_sentence_whole() -> None:
    assert bracket_link("To see them, [compare 2 to 5]. Done.", "c.html") == [
        ("To see them, ", ""),
        ("compare 2 to 5", "c.html"),
        (". Done.", ""),
    ]
    assert bracket_link("[Compare] them.", "c.html") == [("Compare", "c.html"), (" them.", "")]
    assert bracket_link("No link here.", "c.html") == [("No link here.", "")]


def test_a_text_service_in_another_language_still_texts() -> None:
    assert phone_links("Text HOME to 741741", sms=True) == [("Text HOME to 741741", "sms:741741?body=HOME")]
    assert phone_links("Envíe un mensaje de texto al 988, las 24 horas", sms=True) == [
        ("Envíe un mensaje de texto al ", ""),
        ("988", "sms:988"),
        (", las 24 horas", ""),
    ]
    assert phone_links("Llame al 988", sms=False) == [("Llame al ", ""), ("988", "tel:988")]


# --- the translation's provenance, and the Spanish knowledge base -----------------------------------------


INFO = TranslationInfo(
    language="es",
    methods=["Drafted by an AI language model from the English record, then checked by a second AI pass."],
    clinician_review=[],
    latest=dt.date(2026, 12, 7),
    translated=180,
    in_scope=200,
)


def test_the_footer_says_how_the_text_was_translated_and_that_no_clinician_reviewed_it() -> None:
    kb = KnowledgeBase.load()
    site = kb.site(__version__)
    spanish = site._replace(about=site.about._replace(translation=INFO))
    files = site_files(site, {"es": spanish})
    footer = files["es/faq.html"].decode("utf-8").split('<footer class="site-footer">')[1]
    assert '<p class="translation">' in footer
    assert "Cómo se hizo esta traducción: Drafted by an AI language model" in footer
    assert "Traducida o actualizada el 2026-12-07." in footer
    assert "Ningún profesional clínico que hable español ha revisado esta traducción." in footer
    assert "Se tradujeron 180 de las 200 partes de esta guía que deben traducirse" in footer
    assert 'class="translation"' not in files["faq.html"].decode("utf-8"), "English has no translation note"
    # a review that happened is named, and then the page does not say there was none
    reviewed = INFO._replace(clinician_review=["Dr A. Pérez, psychiatrist, 2026-12-10"], translated=200)
    i18n.set_language("es")
    try:
        note = translation_note(reviewed)
    finally:
        i18n.set_language("en")
    assert "Revisada por: Dr A. Pérez, psychiatrist, 2026-12-10." in note
    assert not any("Ningún" in n or "inglés" in n for n in note)
    assert translation_note(None) == []


def test_the_spanish_pages_are_built_from_the_spanish_knowledge_base(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []
    load = KnowledgeBase.load

    def loading(data_dir: Path | None = None, lang: str = "en") -> KnowledgeBase:
        asked.append(lang)
        return load(data_dir, lang=lang)

    monkeypatch.setattr(KnowledgeBase, "load", staticmethod(loading))
    assert runner.invoke(app, ["site", str(tmp_path / "out")]).exit_code == 0
    assert sorted(asked) == ["en", "es"]
    # and what the Spanish view holds is what es/ shows (here a name changed in that view only)
    kb = KnowledgeBase.load()
    site = kb.site(__version__)
    ect = next(i for i in site.items if i.id == "ect")
    renamed = ect.model_copy(update={"short_name": "TEC"})
    spanish = site._replace(items=[renamed if i.id == "ect" else i for i in site.items])
    files = site_files(site, {"es": spanish})
    assert '<label for="opt-ect">TEC</label>' in files["es/compare.html"].decode()
    assert '<label for="opt-ect">ECT</label>' in files["compare.html"].decode()
    assert re.search(r'"ect":\{"cells":.*?"head":"TEC \(', files["es/assets/compare-data.js"].decode())
    assert re.search(r'"ect":\{"cells":.*?"head":"ECT \(', files["assets/compare-data.js"].decode())


def test_the_language_in_use_is_restored_after_a_build() -> None:
    def upper(message: str) -> str:  # the words in capitals, the placeholders as they are
        return re.sub(r"[^{}]+(?=\{|$)|(?<=\})[^{}]+", lambda m: m.group(0).upper(), message)

    class Loud:
        def gettext(self, message: str) -> str:
            return upper(message)

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return upper(singular if n == 1 else plural)

        def pgettext(self, context: str, message: str) -> str:
            return upper(message)

    site = KnowledgeBase.load().site(__version__)
    loud = Loud()
    i18n.use_catalog("xx", loud)
    try:
        files = site_files(site, {"xx": site})
        assert i18n.language() == "xx" and i18n._catalog is loud, "the catalog in use is put back"
        assert "<h1>COMPARE OPTIONS</h1>" in files["xx/compare.html"].decode()
        assert "<h1>Compare options</h1>" in files["compare.html"].decode(), "the top folder is English"
        assert ">ENGLISH</a>" in files["compare.html"].decode(), "the switch names the language in itself"
    finally:
        i18n.use_catalog("en", None)
    site_files(site, {"es": site})
    assert i18n.language() == "en" and i18n._catalog is None


# --- the output folder is the host's, in es/ too ---------------------------------------------------------


def test_es_follows_the_file_safety_rules(kb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "es").symlink_to(elsewhere, target_is_directory=True)
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 1 and f"{out / 'es'} is a symbolic link" in r.output, r.output
    assert list(elsewhere.iterdir()) == [] and sorted(p.name for p in out.iterdir()) == ["es"]
    (out / "es").unlink()
    (out / "es").mkdir()
    (out / "es" / "index.html").write_text("<h1>Nuestra clínica</h1>\n", encoding="utf-8")
    r = runner.invoke(app, ["--data", str(kb_dir), "site", str(out)])
    assert r.exit_code == 1 and f"{out / 'es' / 'index.html'} was not written by trdguide" in r.output, r.output
    assert (out / "es" / "index.html").read_text(encoding="utf-8") == "<h1>Nuestra clínica</h1>\n"
    assert runner.invoke(app, ["--data", str(kb_dir), "site", str(out), "--force"]).exit_code == 0
    assert HTML_MARK in (out / "es" / "index.html").read_text(encoding="utf-8")
    listed = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert "es/index.html" in listed and "es/options/alpha.html" in listed and "es/assets/strings.js" in listed
    # every file in es/ carries the generator mark
    assert all(
        HTML_MARK.encode() in p.read_bytes() or p.read_bytes().startswith(ASSET_MARK.encode())
        for p in (out / "es").rglob("*")
        if p.is_file()
    )
    # a planted link inside es/ is not written through either
    outside = tmp_path / "outside.html"
    outside.write_text("mine", encoding="utf-8")
    (out / "es" / "options" / "alpha.html").unlink()
    (out / "es" / "options" / "alpha.html").symlink_to(outside)
    with pytest.raises(SiteRefused):
        build_site(
            KnowledgeBase.load(kb_dir).site(__version__),
            out,
            translations={"es": KnowledgeBase.load(kb_dir, lang="es").site(__version__)},
        )
    assert outside.read_text(encoding="utf-8") == "mine"


# --- in a real browser -------------------------------------------------------------------------------------

ES_PAGES = [
    "es/index.html",
    "es/options/rtms.html",
    "es/compare.html?options=rtms,iv-ketamine,ect",
    "es/faq.html",
    "es/crisis.html",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_spanish_pages_pass_axe(browser: Any, server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        for path in ES_PAGES:
            pg.goto(server + path)
            assert pg.evaluate("document.documentElement.lang") == "es"
            assert axe_problems(pg, colours_only=scheme == "dark") == [], (path, scheme)
    finally:
        context.close()


def test_spanish_pages_fit_a_phone_and_keep_the_switch_in_view(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        for path in [
            *ES_PAGES,
            "es/weigh.html",
            "es/glossary.html",
            "es/about.html",
            "es/options/esketamine.html",
            "index.html",
        ]:
            pg.goto(server + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (path, width)
            box = pg.locator(".lang-switch a").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, (path, box)
            assert pg.locator(".lang-switch a").is_visible(), path
    finally:
        context.close()


def test_the_switch_leads_to_the_same_page_by_keyboard(page: Any, server: str) -> None:
    spanish = page
    for path, twin in (
        ("options/ect.html", "es/options/ect.html"),
        ("faq.html", "es/faq.html"),
        ("es/crisis.html", "crisis.html"),
        ("es/index.html", "index.html"),
    ):
        spanish.goto(server + path)
        for _ in range(30):
            spanish.keyboard.press("Tab")
            if spanish.evaluate("document.activeElement.closest('.lang-switch') !== null"):
                break
        else:
            raise AssertionError(f"Tab never reached the language switch on {path}")
        spanish.keyboard.press("Enter")
        spanish.wait_for_url(server + twin)
        assert spanish.evaluate("document.documentElement.lang") == ("es" if twin.startswith("es/") else "en")


def test_the_scripts_speak_spanish_on_spanish_pages(page: Any, server: str) -> None:
    spanish = page
    pg = spanish
    # the home page's filter
    pg.goto(server + "es/index.html")
    pg.locator("#filter").fill("zzqx")
    assert pg.locator("#filter-status").inner_text() == "Ninguna opción coincide con \u201czzqx\u201d."
    pg.locator("#filter").fill("ketamin")
    assert re.fullmatch(r"Opciones mostradas: \d+ de \d+\.", pg.locator("#filter-status").inner_text())
    # the search box: its label and its "nothing found", as the Spanish catalog has them
    label = es(WEB_SEARCH_TEXT["label"])
    assert pg.locator("label[for=search-q]").inner_text() == label
    assert pg.locator("#search-q").get_attribute("placeholder") == label
    pg.locator("#search-q").fill("zzqxv")
    pg.locator("#search-q").press("Enter")
    pg.wait_for_function("q => document.getElementById('search-results').getAttribute('data-query') === q", arg="zzqxv")
    assert pg.locator("#search-status").inner_text() == es(WEB_SEARCH_TEXT["none"], query="\u201czzqxv\u201d")
    assert pg.locator("#search-results a").get_attribute("href") == "faq.html#questions"
    # the compare page: too few options, then a comparison with its Spanish review line
    pg.goto(server + "es/compare.html?options=rtms")
    assert pg.locator("#compare-status").inner_text() == "Elija de 2 a 5 opciones para comparar."
    pg.goto(server + "es/compare.html?options=rtms,ect,nosuch")
    assert pg.locator("#compare-names p").first.inner_text() == "No se encontraron, así que se omitieron:"
    assert pg.locator("#result-heading").inner_text().startswith("Comparación: ")
    assert (
        "Revisión: " in pg.locator("#more").inner_text()
        and pg.locator("#more a").first.get_attribute("href") == "options/rtms.html"
    )
    # the same page in English is in English
    pg.goto(server + "compare.html?options=rtms")
    assert pg.locator("#compare-status").inner_text() == "Choose 2 to 5 options to compare."
