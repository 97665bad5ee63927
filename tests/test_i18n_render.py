"""The renderers' interface text in Spanish (issue 22): the hook, the date in a sentence, the "this part is in
English" markers, the translation's provenance in `about`, and the JSON envelope's `lang`."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest

from trdguide import i18n
from trdguide.knowledge import KnowledgeBase, about_info
from trdguide.render import document, html, terminal, text
from trdguide.render import json as json_out
from trdguide.render.document import Heading, Para, Table, Title
from trdguide.views import ListPage, TranslationInfo

MARKER = "Esta parte aún está en inglés."
NO_REVIEW = "Ningún profesional de la salud que hable este idioma ha revisado todavía esta traducción."


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()



def flat(s: str) -> str:
    return " ".join(s.split())


def figures(s: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?", s)


def test_date_in_a_sentence() -> None:
    day = dt.date(2026, 12, 7)
    assert i18n.date_text(day) == "2026-12-07"  # English keeps the ISO form it always printed
    i18n.set_language("es")
    try:
        assert i18n.date_text(day) == "7 de diciembre de 2026"
        assert i18n.date_text(dt.date(2027, 5, 1)) == "1 de mayo de 2027"
    finally:
        i18n.set_language("en")
    assert i18n.date_text(day) == "2026-12-07"


def test_compare_grid_in_spanish_keeps_rows_and_figures(kb: KnowledgeBase, es: None) -> None:
    c = kb.compare(["tms", "ketamine"])
    spanish = document.compare_document(c)
    i18n.set_language("en")
    english = document.compare_document(c)
    i18n.set_language("es")
    assert isinstance(spanish.blocks[0], Title) and spanish.blocks[0].text.startswith("Comparación: rTMS")
    es_grid, en_grid = (next(b for b in d.blocks if isinstance(b, Table)) for d in (spanish, english))
    # the same rows in the same order, with the same cells (the figures are never translated)
    assert len(es_grid.rows) == len(en_grid.rows) == len(c.rows) == 10
    assert [cells for _, cells in es_grid.rows] == [cells for _, cells in en_grid.rows]
    assert figures(str(es_grid.rows)) == figures(str(en_grid.rows))
    assert [col.split(" (")[0] for col in es_grid.columns] == ["rTMS", "IV ketamine"]
    caveat = spanish.blocks[-1]
    assert isinstance(caveat, Para)
    newest = c.reviewed[1]
    month = i18n._(i18n.MONTHS[newest.month - 1])
    assert "Texto completo: agregue --detail." in caveat.text
    assert "Información completa: trdguide show rtms, trdguide show iv-ketamine." in caveat.text
    assert f"Revisado el {newest.day} de {month} de {newest.year}." in caveat.text
    assert "Full text" not in caveat.text and "Reviewed" not in caveat.text


def test_spanish_compare_grid_fits_the_budget(es: None) -> None:
    # the knowledge base in Spanish (its overlays applied, once they are loaded): the whole grid as a reader sees it
    spanish = KnowledgeBase.load(lang="es")
    doc = document.framed(document.compare_document(spanish.compare(["tms", "ketamine"])))
    for width, most in ((80, 70), (40, None)):
        out = io.StringIO()
        terminal.render(doc, out, width=width)
        lines = out.getvalue().splitlines()
        assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
        if most is not None:
            assert len(lines) <= most, len(lines)
        assert "Comparación:" in out.getvalue() and "agregue --detail" in flat(out.getvalue())


def test_show_marks_the_parts_still_in_english(kb: KnowledgeBase, es: None) -> None:
    view = kb.show("rtms")._replace(in_english=frozenset({"outcomes", "access", "side_effects"}))
    blocks = document.show_document(view).blocks
    marked = [blocks[i - 1].text for i, b in enumerate(blocks) if isinstance(b, Para) and b.text == MARKER]
    # one marker under each section that comes from such a field, right under its heading
    assert marked == [
        "¿Funcionará? Lo que encontraron los estudios",
        "Efectos secundarios frecuentes",
        "Riesgos graves",
        "Costo y acceso",
    ]
    assert all(isinstance(blocks[i - 1], Heading) for i, b in enumerate(blocks) if b == Para(MARKER, "note"))
    # nothing still in English: no marker at all (English output never has one)
    assert Para(MARKER, "note") not in document.show_document(kb.show("rtms")).blocks
    # the handout of `show` carries the markers too, in every format
    out = text.render(document.show_document(view, handout=True), 80)
    assert flat(out).count("Nota: " + MARKER) == 4


def test_show_in_spanish_says_its_own_words(kb: KnowledgeBase, es: None) -> None:
    view = kb.show("rtms")
    out = flat(text.render(document.show_document(view), 100))
    assert "Estado: " in out and "Cómo se cree que funciona" in out and "Dónde: clínica" in out
    assert "Cómo es el tratamiento" in out
    assert "Anestesia: " in out and "¿Qué tan sólida es la evidencia?" in out
    d = view.item.last_reviewed
    assert f"Última revisión: {d.day} de {i18n._(i18n.MONTHS[d.month - 1])} de {d.year}." in out
    assert "Last reviewed" not in out and "How it is thought to work" not in out


def test_about_says_how_the_translation_was_made(kb: KnowledgeBase, es: None) -> None:
    method = "Borrador hecho por un modelo de lenguaje y revisado por otro."
    t = TranslationInfo("es", [method], (), dt.date(2026, 12, 7), 150, 200)
    info = about_info(kb, "1.0")._replace(translation=t)
    out = flat(text.render(document.about_document(info), 80))
    assert "Sobre esta traducción" in out
    assert "Cómo se hizo: Borrador hecho por un modelo de lenguaje y revisado por otro." in out
    assert "Escrita o actualizada por última vez: 7 de diciembre de 2026." in out
    assert "150 de 200 partes del texto principal están traducidas y al día (75%)." in out
    assert NO_REVIEW in out  # said plainly where no clinician who speaks Spanish reviewed it
    reviewed = info._replace(translation=t._replace(clinician_review=["Dra. A, psiquiatra, 2027-01-10"]))
    out = flat(text.render(document.about_document(reviewed), 80))
    assert "Revisada por un profesional de la salud que habla este idioma: Dra. A, psiquiatra, 2027-01-10." in out
    assert NO_REVIEW not in out
    # without a translation (English), no such section
    assert "Sobre esta traducción" not in flat(text.render(document.about_document(about_info(kb, "1.0")), 80))
    doc = json.loads(json_out.about_json(info))
    assert doc["lang"] == "es" and doc["data"]["translation"]["clinician_review"] == []
    assert doc["data"]["translation"]["translated"] == 150 and doc["data"]["translation"]["latest"] == "2026-12-07"


def test_json_envelope_says_its_language(kb: KnowledgeBase, es: None) -> None:
    doc = json.loads(json_out.compare_json(kb.compare(["tms", "ketamine"])))
    assert doc["lang"] == "es" and list(doc)[:4] == ["trdguide", "schema_version", "command", "lang"]
    assert [r["key"] for r in doc["data"]["rows"]] == [r.key for r in kb.compare(["tms", "ketamine"]).rows]
    i18n.set_language("en")
    assert "translation" not in json.loads(json_out.about_json(about_info(kb, "1.0")))["data"]
    assert json.loads(json_out.compare_json(kb.compare(["tms", "ketamine"])))["lang"] == "en"


def test_list_questions_crisis_and_faq_in_spanish(kb: KnowledgeBase, es: None) -> None:
    empty = ListPage([], 0, 0, 0, ("status", "where"))
    out = flat(text.render(document.list_document(empty), 100))
    assert out == "Ninguna opción cumple estos filtros. Pruebe quitar o ampliar --status o --where."
    out = flat(text.render(document.list_document(ListPage([], 3, 5, 10, ())), 100))
    assert out.startswith("Hay 3 opciones que cumplen los filtros; esta página va más allá del final.")
    q = flat(text.render(document.questions_document([kb.get("rtms")]), 100))
    assert "Preguntas para llevar a su cita" in q and "Lo que más me importa" in q
    crisis = flat(text.render(document.crisis_document(kb.crisis("US")), 100))
    assert crisis.startswith("Ayuda urgente Si cree que podría actuar") and "Horario: " in crisis
    checked = kb.crisis("US")[0].checked
    assert f"Verificado el {checked.day} de {i18n._(i18n.MONTHS[checked.month - 1])} de {checked.year}" in crisis
    faq = flat(text.render(document.faq_index_document([(1, "¿Una pregunta?")]), 100))
    assert "Preguntas frecuentes" in faq and "trdguide faq NÚMERO" in faq


def test_pictures_and_handout_in_spanish(kb: KnowledgeBase, es: None) -> None:
    doc = document.compare_document(kb.compare(["tms", "ketamine"]), pictures=True)
    out = io.StringIO()
    terminal.render(doc, out, width=80)
    shown = out.getvalue()
    assert "de cada 100" in shown and "= una persona con este resultado;" in shown and "Izquierda: " in shown
    assert "¿Funcionará? El primer resultado de cada opción, dibujado como 100 personas" in flat(shown)
    page = html.render(doc, "Comparación", "a4")
    assert '<html lang="es">' in page and "de 100 personas marcadas (rTMS)" in page
    assert re.search(r"<p>rTMS: \d+ de cada 100</p>", page) and not re.search(r"<p>rTMS: \d+ in 100</p>", page)
    page = html.render(document.show_document(kb.show("rtms")), "rTMS", "a4")  # a picture with its own key
    assert "Círculo relleno: una persona con este resultado; círculo vacío: una persona sin él." in page
    i18n.set_language("en")
    assert '<html lang="en">' in html.render(doc, "Comparing", "a4")


def test_weigh_headings_in_spanish(kb: KnowledgeBase, es: None) -> None:
    from trdguide.weighing import weigh

    out = flat(text.render(document.weigh_document(weigh(kb, ["anaesthesia"], [])), 100))
    assert "Lo que usted dijo" in out and "Preguntas para hacer" in out


def test_every_string_added_here_has_spanish() -> None:
    """The catalog has Spanish for every sentence of the renderers (an empty one would show English)."""
    from babel.messages.pofile import read_po

    with open(i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "trdguide.po", "rb") as fh:
        catalog = read_po(fh, locale="es")
    wanted = {"This part is still in English.", "Comparing: {options}", "{year}-{mm}-{dd}", "Full text: add --detail."}
    have = {m.id: m.string for m in catalog if m.id in wanted}
    assert set(have) == wanted and all(have.values())
    for m in catalog:  # placeholders survive translation (a date may use any of its five)
        if m.id and m.string and isinstance(m.id, str) and isinstance(m.string, str) and m.id != "{year}-{mm}-{dd}":
            assert set(re.findall(r"\{\w+\}", m.string)) <= set(re.findall(r"\{\w+\}", m.id)), m.id


def test_ipdas_self_check_in_spanish(kb: KnowledgeBase, es: None) -> None:
    from trdguide.ipdas import ipdas_check

    view = ipdas_check(kb)
    facts = {r.code: r.facts for r in view.rows}
    assert facts["Q1"]["glossary"] == "sí" and facts["B1"]["found"] == "sí"
    doc = document.ipdas_document(view)
    [table] = [b for b in doc.blocks if isinstance(b, document.GroupedTable)]
    assert table.columns == ["Cómo se comprobó", "Lo que hace la guía"] and table.first_column == "Criterio"
    assert "Fuentes" in flat(text.render(doc, 120))
    i18n.set_language("en")
    assert {r.code: r.facts for r in ipdas_check(kb).rows}["Q1"]["glossary"] == "yes"
