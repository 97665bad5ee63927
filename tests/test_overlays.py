"""Translations of the knowledge base (docs/i18n.md): the overlay models, `KnowledgeBase.load(lang=...)`
laying data/i18n/LANG/ over the English, and the translation rules of `trdguide validate`.

Every overlay here is a fixture written in tmp_path over a small English knowledge base (conftest.write_kb):
the tests never depend on the Spanish files in data/i18n/es/.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import SHORT_TEXTS, dump, record, write_kb
from pydantic import ValidationError
from typer.testing import CliRunner

from trdguide import kinds
from trdguide.cli import app
from trdguide.i18n import digest
from trdguide.knowledge import KnowledgeBase, about_info
from trdguide.lint import numbers_of, validate
from trdguide.models import FieldTranslation, Overlay, Term

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
WORK_EN = SHORT_TEXTS["work"]  # "About 30 in 100 improved by half, against about 10 in 100 with sham: ..."
WORK_ES = (
    "Unas 30 de cada 100 mejoraron a la mitad, frente a unas 10 de cada 100 con simulado: unas 20 más de cada 100."
)
HEADER = {
    "language": "es",
    "translated": _dt.date(2026, 12, 1),
    "method": "Escrito para las pruebas.",
    "clinician_review": "none",
}


def tr(english: str, spanish: str | None) -> dict[str, Any]:
    """One translated field: the digest of the English it translates, and the Spanish."""
    return {"en": digest(english), "es": spanish}


def overlay_text(fields: dict[str, Any] | None = None, entries: dict[str, Any] | None = None, **header: Any) -> str:
    doc: dict[str, Any] = {"translation": {**HEADER, **header}}
    if fields is not None:
        doc["fields"] = fields
    if entries is not None:
        doc["entries"] = entries
    return dump(doc)


ALPHA_ES = {
    "name": tr("Treatment Alpha", "Tratamiento Alfa"),
    "short_name": tr("ALPHA", "ALFA"),
    "short.work.text": tr(WORK_EN, WORK_ES),
}


def kb_with(tmp_path: Path, overlays: dict[str, str], records: list[dict[str, Any]] | None = None) -> Path:
    """A small English knowledge base with the given files under i18n/es/ (and an FAQ entry to translate)."""
    faq = [{"id": "does-it-hurt", "question": "Does it hurt?", "answer": "Most people feel little pain."}]
    extra = {f"i18n/es/{rel}": text for rel, text in overlays.items()}
    return write_kb(
        tmp_path / "kb", records or [record("alpha"), record("beta")], extra={"faq.yaml": dump(faq), **extra}
    )


# --- the models -----------------------------------------------------------------------------------------------


def test_overlay_model_reads_a_record_file_and_a_list_file() -> None:
    o = Overlay.model_validate({"translation": HEADER, "fields": {"name": tr("Treatment Alpha", "Tratamiento Alfa")}})
    assert o.items() == [("", o.fields)] and o.fields is not None
    assert o.fields["name"].text == "Tratamiento Alfa" and o.fields["name"].language == "es"
    assert o.fields["name"].en == digest("Treatment Alpha") and not o.translation.reviewed
    lst = Overlay.model_validate({"translation": HEADER, "entries": {"does-it-hurt": {"question": tr("Q", "¿P?")}}})
    assert [k for k, _ in lst.items()] == ["does-it-hurt"]
    # a skeleton's blank text is "not translated yet"; its placeholder digest is "no digest yet"
    blank = FieldTranslation.model_validate({"en": "TODO", "es": None})
    assert blank.text is None and blank.en is None


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"translation": HEADER}, "has `fields:` (a record's file) or `entries:` (a list file), not both"),
        (
            {"translation": HEADER, "fields": {"name": {"en": "0123456789ab", "fr": "Traitement"}}},
            "name: the text is under 'fr', but the file's language is 'es'",
        ),
        (
            {"translation": {**HEADER, "translated": _dt.date(2999, 1, 1)}, "fields": {}},
            "translated 2999-01-01 is in the future",
        ),
        ({"translation": {**HEADER, "language": "Spanish"}, "fields": {}}, "String should match pattern"),
        ({"translation": HEADER, "fields": {"Name": tr("x", "y")}}, "String should match pattern"),
    ],
)
def test_overlay_model_says_what_is_wrong(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Overlay.model_validate(doc)
    assert message in str(exc.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"en": "0123456789ab"},
            "a translated field needs its text under one language code (such as es:), besides en: found none",
        ),
        ({"en": "0123456789ab", "es": "a", "fr": "b"}, "found 'es', 'fr'"),
        ({"en": "0123456789ab", "ES": "a"}, "'ES' is not a language code"),
        ({"en": "0123456789ab", "es": 3}, "the text under es must be text"),
        ({"en": "not-a-digest", "es": "a"}, "String should match pattern '^[0-9a-f]{12}$'"),
    ],
)
def test_field_translation_model(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        FieldTranslation.model_validate(data)
    assert message in str(exc.value)


def test_term_model() -> None:
    t = Term.model_validate({"en": "sham", "es": "simulado", "avoid": ["falso"], "note": "EMT simulada"})
    assert (t.language, t.text, t.avoid) == ("es", "simulado", ["falso"])
    with pytest.raises(ValidationError, match="an agreed term needs its words in the language"):
        Term.model_validate({"en": "sham", "es": " "})
    with pytest.raises(ValidationError, match="found none"):
        Term.model_validate({"en": "sham", "avoid": []})


def test_the_bundled_terms_file_is_valid() -> None:
    files, problems = __import__("trdguide.overlays", fromlist=["read_terms"]).read_terms([ROOT / "data"], "es")
    assert problems == [] and len(files) >= 20


def test_schemas_cover_overlays_and_terms() -> None:
    r = runner.invoke(app, ["schema", "overlay"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert {"translation", "fields", "entries"} <= set(doc["properties"]) and doc["required"] == ["translation"]
    r = runner.invoke(app, ["schema", "terms"])
    assert r.exit_code == 0 and json.loads(r.stdout)["type"] == "array"


def test_release_scope_lives_in_the_package_and_the_script_uses_it() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.SCOPE is kinds.TRANSLATED
    assert script.ENTRY_KEY == {
        "head_to_head": "id",
        "faq.yaml": "id",
        "glossary.yaml": "term",
        "crisis.yaml": "service",
    }
    assert kinds.in_release_scope("interventions", "short.work.text")
    assert kinds.in_release_scope("crisis.yaml", "other_services.1.who")
    assert not kinds.in_release_scope("interventions", "outcomes.0.label")
    assert not kinds.in_release_scope("interventions", "short.work")


# --- loading: the translations laid over the English ----------------------------------------------------------


def test_load_in_spanish_replaces_translated_fields_and_keeps_the_rest(tmp_path: Path) -> None:
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(ALPHA_ES)})
    english = KnowledgeBase.load(root)
    kb = KnowledgeBase.load(root, lang="es")
    assert kb.lang == "es" and english.lang == "en"
    alpha, en_alpha = kb.get("alpha"), english.get("alpha")
    assert (alpha.name, alpha.short_name, alpha.short.work.text) == ("Tratamiento Alfa", "ALFA", WORK_ES)  # type: ignore[union-attr]
    # ids, figures, references, dates and statuses are inherited; the English is the rest
    assert alpha.id == "alpha" and alpha.outcomes == en_alpha.outcomes and alpha.references == en_alpha.references
    assert alpha.status.label == en_alpha.status.label and alpha.last_reviewed == en_alpha.last_reviewed
    assert alpha.summary == en_alpha.summary and alpha.short.soon == en_alpha.short.soon  # type: ignore[union-attr]
    # the English short name still finds the option, and the Spanish one too
    assert kb.resolve("ALPHA").id == "alpha" and kb.resolve("alfa").id == "alpha"
    assert kb.brief("alpha").short_name == "ALFA"
    # the English knowledge base is untouched
    assert en_alpha.name == "Treatment Alpha" and english.show("alpha").in_english == frozenset()


def test_in_english_names_the_parts_still_in_english(tmp_path: Path) -> None:
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(ALPHA_ES)})
    kb = KnowledgeBase.load(root, lang="es")
    alpha = kb.show("alpha").in_english
    # name and short_name are wholly translated; `short` only partly (one answer of ten): still marked
    assert "name" not in alpha and "short_name" not in alpha
    assert {"short", "summary", "outcomes", "setting", "access", "questions_to_ask"} <= alpha
    beta = kb.show("beta").in_english  # no overlay at all
    assert {"name", "short_name", "summary", "short"} <= beta
    handout = kb.handout([kb.get("alpha"), kb.get("beta")]).in_english
    assert handout is not None and handout["alpha"] == alpha and handout["beta"] == beta
    assert KnowledgeBase.load(root).handout([kb.get("alpha")]).in_english is None


def test_a_stale_translation_falls_back_to_the_english(tmp_path: Path) -> None:
    fields = {**ALPHA_ES, "summary": {"en": digest("An older English summary."), "es": "Un resumen viejo."}}
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(fields)})
    kb = KnowledgeBase.load(root, lang="es")
    assert kb.get("alpha").summary == "A short plain summary without figures."
    assert "summary" in kb.show("alpha").in_english
    # no digest yet: never shown either
    fields["summary"] = {"en": None, "es": "Un resumen sin comprobar."}
    (root / "i18n/es/interventions/alpha.yaml").write_text(overlay_text(fields), encoding="utf-8")
    assert KnowledgeBase.load(root, lang="es").get("alpha").summary == "A short plain summary without figures."


def test_translation_info_for_about(tmp_path: Path) -> None:
    faq = {"does-it-hurt": {"question": tr("Does it hurt?", "¿Duele?")}}
    root = kb_with(
        tmp_path,
        {
            "interventions/alpha.yaml": overlay_text(ALPHA_ES),
            "faq.yaml": overlay_text(
                entries=faq, translated=_dt.date(2026, 12, 5), clinician_review="Dr. A, psiquiatra, 2026-12-05"
            ),
        },
    )
    kb = KnowledgeBase.load(root, lang="es")
    info = about_info(kb, "1.0").translation
    assert info is not None
    assert info.language == "es" and info.latest == _dt.date(2026, 12, 5)
    assert list(info.methods) == ["Escrito para las pruebas."]
    assert list(info.clinician_review) == ["Dr. A, psiquiatra, 2026-12-05"]
    # the release scope: two records (name, short_name, summary, 10 short answers, 4 setting texts, status note,
    # one question) and the FAQ entry (question, answer); translated: alpha's three fields and the question
    # and the crisis line (region_name, contact, hours)
    assert (info.translated, info.in_scope) == (4, 2 * 19 + 2 + 3)
    assert kb.faq("1")[0][1].question == "¿Duele?"
    assert about_info(KnowledgeBase.load(root), "1.0").translation is None


def test_a_language_without_overlays_is_all_english(tmp_path: Path) -> None:
    root = kb_with(tmp_path, {})
    kb = KnowledgeBase.load(root, lang="es")
    assert kb.get("alpha").name == "Treatment Alpha" and "name" in kb.show("alpha").in_english
    info = about_info(kb, "1.0").translation
    assert info is not None and (info.translated, list(info.methods), info.latest) == (0, [], None)


def test_spanish_has_its_own_cache_keyed_on_the_overlays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(ALPHA_ES)})
    KnowledgeBase.load(root)
    KnowledgeBase.load(root, lang="es")
    files = sorted(p.name for p in (tmp_path / "cache" / "trdguide").glob("*.jsonl"))
    assert len(files) == 2 and [f.endswith("-es.jsonl") for f in files].count(True) == 1, files
    warm = KnowledgeBase.load(root, lang="es")
    assert warm.store._reader is not None, "the second load reads the cache"
    assert warm.get("alpha").name == "Tratamiento Alfa" and "summary" in warm.show("alpha").in_english
    assert warm.store.translation is not None and warm.store.translation.translated == 3
    # an edit to an overlay changes the key: the next load reads the YAML again
    fields = {**ALPHA_ES, "name": tr("Treatment Alpha", "Tratamiento Alfa (editado)")}
    (root / "i18n/es/interventions/alpha.yaml").write_text(overlay_text(fields), encoding="utf-8")
    assert KnowledgeBase.load(root, lang="es").get("alpha").name == "Tratamiento Alfa (editado)"
    english = KnowledgeBase.load(root)
    assert english.store._reader is not None and english.get("alpha").name == "Treatment Alpha"


def test_a_users_folder_lays_its_translations_over_the_bundled_ones(tmp_path: Path) -> None:
    """A folder that extends the bundled base: its overlays replace bundled ones field by field."""
    base = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(ALPHA_ES)})
    from trdguide import overlays

    user = tmp_path / "user"
    (user / "i18n/es/interventions").mkdir(parents=True)
    (user / "i18n/es/interventions/alpha.yaml").write_text(
        overlay_text({"name": tr("Treatment Alpha", "Tratamiento A")}), encoding="utf-8"
    )
    files, problems = overlays.read([base, user], "es")
    assert problems == [] and [f.file for f in files] == [
        "kb/i18n/es/interventions/alpha.yaml",
        "user/i18n/es/interventions/alpha.yaml",
    ]
    from trdguide.loader import load

    bundle = load(base)
    placed = overlays.place(bundle, files)
    translated, problems = overlays.apply(bundle, "es", placed, files)
    alpha = next(i for i in translated.interventions if i.id == "alpha")
    assert problems == [] and alpha.name == "Tratamiento A" and alpha.short_name == "ALFA"


def test_a_skeleton_of_a_bundled_record_loads_once_filled_in(tmp_path: Path) -> None:
    """The format `scripts/i18n.py skeleton` prints (digests unquoted, English as comments) is what the loader
    reads: fill in a bundled record's skeleton in a folder laid over the bundled base."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "skeleton", "es", "interventions/ect.yaml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = []
    for line in out.splitlines():
        if line.strip() == "es:":
            line += " Texto de prueba."
        lines.append(line.replace("YYYY-MM-DD", "2026-12-01").replace("    ...", "    Prueba."))
    user = tmp_path / "user"
    (user / "i18n/es/interventions").mkdir(parents=True)
    (user / "kb.yaml").write_text("extends: bundled\n", encoding="utf-8")
    (user / "i18n/es/interventions/ect.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kb = KnowledgeBase.load(user, lang="es")
    ect = kb.get("ect")
    assert ect.name == ect.summary == ect.short.work.text == "Texto de prueba."  # type: ignore[union-attr]
    assert {"name", "summary", "short", "short_name"}.isdisjoint(kb.show("ect").in_english)


def test_a_digest_of_digits_only_is_read_as_written(tmp_path: Path) -> None:
    """`en: 012345670123` is an octal number to YAML: the loader reads the digits from the line instead."""
    text = overlay_text({"name": {"en": "PLACEHOLDER", "es": "Tratamiento Alfa"}})
    root = kb_with(tmp_path, {"interventions/alpha.yaml": text.replace("PLACEHOLDER", "012345670123")})
    from trdguide import overlays
    from trdguide.loader import load

    files, problems = overlays.read([root], "es")
    assert problems == [] and files[0].overlay.fields is not None
    assert files[0].overlay.fields["name"].en == "012345670123"
    placed = overlays.place(load(root), files)
    assert [p.status for p in placed] == ["stale"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("translation: [unclosed\n", "kb/i18n/es/interventions/alpha.yaml:2: YAML syntax error"),
        ("- a list\n", "kb/i18n/es/interventions/alpha.yaml:1: must be a translation file"),
        (
            overlay_text({"name": {"en": digest("Treatment Alpha"), "fr": "Traitement Alpha"}}, language="fr"),
            "kb/i18n/es/interventions/alpha.yaml:2: translation.language: is 'fr', but the file is in the folder "
            "of 'es'",
        ),
        (overlay_text({"name": {"en": digest("Treatment Alpha")}}), "fields.name: a translated field needs its text"),
        (
            overlay_text({"short.work.text": tr(WORK_EN, "x" * 241)}),
            "kb/i18n/es/interventions/alpha.yaml:9: short.work.text: string should have at most 240 characters",
        ),
        (
            overlay_text({"short_name": tr("ALPHA", "BETA")}),
            "short_name: the name 'BETA' is already used by intervention 'beta'",
        ),
    ],
)
def test_broken_overlays_leave_the_english_and_validate_names_them(tmp_path: Path, text: str, problem: str) -> None:
    """A translation with a problem never stops a command (a Spanish reader still gets an answer): its parts
    stay English, marked as such, and `trdguide validate` names the problem with file and line."""
    root = kb_with(tmp_path, {"interventions/alpha.yaml": text})
    kb = KnowledgeBase.load(root, lang="es")
    item = kb.get("alpha")
    assert (item.name, item.short_name) == ("Treatment Alpha", "ALPHA")
    assert item.short is not None and item.short.work.text == WORK_EN
    assert {"name", "short"} & set(kb.show_view(item).in_english)
    r = runner.invoke(app, ["validate", str(root), "--no-readability"], env={"COLUMNS": "300"})
    uncoded = re.sub(r": [EWI]\d{3} ", ": ", r.stdout)  # validate's lines carry the rule's code
    assert r.exit_code == 1 and problem in uncoded, r.stdout
    assert KnowledgeBase.load(root).get("alpha").name == "Treatment Alpha"  # English never reads overlays


def test_a_text_too_long_for_its_field_leaves_only_that_field_english(tmp_path: Path) -> None:
    fields = {"name": tr("Treatment Alpha", "Tratamiento Alfa"), "short.work.text": tr(WORK_EN, "x" * 241)}
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(fields)})
    kb = KnowledgeBase.load(root, lang="es")
    item = kb.get("alpha")
    assert item.name == "Tratamiento Alfa" and item.short is not None and item.short.work.text == WORK_EN
    assert "short" in kb.show_view(item).in_english and "name" not in kb.show_view(item).in_english


def test_cli_reports_a_broken_overlay_without_a_traceback(tmp_path: Path) -> None:
    root = kb_with(tmp_path, {"interventions/alpha.yaml": "translation: [unclosed\n"})
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 1 and "kb/i18n/es/interventions/alpha.yaml:2: E101 YAML syntax error" in r.stdout
    assert "Traceback" not in r.stdout


# --- validate: the translation rules ---------------------------------------------------------------------------


def es_line(root: Path, rel: str, path: str) -> int:
    """The line of a field's Spanish text in an overlay file (where findings about it point)."""
    lines = (root / "i18n" / "es" / rel).read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip() == f"{path}:")
    return next(n for n, line in enumerate(lines) if n > at and line.strip().startswith("es:")) + 1


def findings(root: Path, code: str, readability: bool = False) -> list[str]:
    return [str(f) for f in validate(root, readability=readability).findings if f.code == code]


def test_validate_unknown_files_entries_and_fields(tmp_path: Path) -> None:
    root = kb_with(
        tmp_path,
        {
            "interventions/gamma.yaml": overlay_text({"name": tr("x", "y")}),
            "references/refs.yaml": overlay_text(entries={"ref-one": {"citation": tr("x", "y")}}),
            "faq.yaml": overlay_text({"question": tr("Does it hurt?", "¿Duele?")}),
            "glossary.yaml": overlay_text(entries={"sham": {"term": tr("sham", "simulado")}}),
            "interventions/alpha.yaml": overlay_text(
                {
                    "summry": tr("x", "y"),
                    "questions_to_ask.5": tr("x", "y"),
                    "aliases.0": tr("alpha-alias", "alias"),
                    "outcomes.0.refs.0": tr("ref-one", "ref-two"),
                }
            ),
        },
    )
    e401 = findings(root, "E401")
    assert (
        "kb/i18n/es/interventions/gamma.yaml:1: E401 mirrors 'interventions/gamma.yaml', which is not in the "
        "English knowledge base" in e401
    )
    assert any("references/refs.yaml" in f and "which is not a translated file" in f for f in e401)
    assert any(
        "i18n/es/faq.yaml" in f and "the translation of a list file has `entries:` (each FAQ entry by its id)" in f
        for f in e401
    )
    assert findings(root, "E402") == [
        "kb/i18n/es/glossary.yaml:8: E402 sham: glossary term 'sham' is not in the English glossary.yaml: "
        "a translated entry that is not in the English file"
    ]
    e403 = findings(root, "E403")
    assert len(e403) == 2 and "E403 summry: the English has no field 'summry' here" in e403[0]
    assert "questions_to_ask.5" in e403[1]
    e404 = findings(root, "E404")
    assert len(e404) == 2 and "E404 aliases.0: 'aliases.0' is never translated" in e404[0]
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 1


def test_validate_stale_and_undigested(tmp_path: Path) -> None:
    fields = {
        **ALPHA_ES,
        "summary": {"en": digest("Old English."), "es": "Resumen viejo."},
        "setting.given_by": {"en": None, "es": "Una enfermera."},
    }
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(fields)})
    w401 = findings(root, "W401")
    now = digest("A short plain summary without figures.")
    summary_at = es_line(root, "interventions/alpha.yaml", "summary")
    given_at = es_line(root, "interventions/alpha.yaml", "setting.given_by")
    assert w401 == [
        f"kb/i18n/es/interventions/alpha.yaml:{summary_at}: W401 summary: the English changed since this was "
        f"translated (digest {digest('Old English.')}, now {now}): the English is shown until the translation is "
        "brought up to date",
        f"kb/i18n/es/interventions/alpha.yaml:{given_at}: W401 setting.given_by: has no digest of the English it "
        "translates "
        "(scripts/i18n.py digests): the English is shown",
    ]


def test_validate_missing_fields_of_the_release_scope_and_coverage(tmp_path: Path) -> None:
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(ALPHA_ES)})
    w402 = findings(root, "W402")
    assert (
        "kb/i18n/es/interventions/alpha.yaml: W402 16 fields of the release scope have no 'es' translation (summary, "
        "setting.given_by, setting.schedule, setting.time_to_effect, setting.daily_life, status.note and 10 more): "
        "shown in English" in w402
    )
    assert any(f.startswith("kb/i18n/es/faq.yaml: W402 does-it-hurt: 2 fields") for f in w402)
    assert any(f.startswith("kb/i18n/es/interventions/beta.yaml: W402 19 fields") for f in w402)
    report = validate(root, readability=False)
    assert [tuple(c) for c in report.coverage] == [("es", 3, 43, 0, 40)]
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[-1] == (
        "es: 3 of 43 fields of the release scope translated; 0 stale and 40 missing (shown in English)"
    )
    doc = json.loads(runner.invoke(app, ["validate", str(root), "--no-readability", "--format", "json"]).stdout)
    assert doc["coverage"] == [{"language": "es", "translated": 3, "in_scope": 43, "stale": 0, "missing": 40}]


def test_validate_without_language_folders_has_no_coverage_line(tmp_path: Path) -> None:
    root = write_kb(tmp_path / "kb", [record()])
    r = runner.invoke(app, ["validate", str(root), "--no-readability"])
    assert r.exit_code == 0 and r.stdout.splitlines()[-1].startswith("0 error(s)")


@pytest.mark.parametrize(
    ("spanish", "ok"),
    [
        (WORK_ES, True),
        ("Unas 30 de cada 100 mejoraron, frente a unas 10 de cada 100: unas 21 más de cada 100.", False),
        ("Unas 30 de cada 100 mejoraron, frente a unas 10 de cada 100.", False),
        ("Unas treinta de cada cien mejoraron, frente a unas diez de cada cien: unas veinte más de cada cien.", True),
    ],
)
def test_validate_numbers_differ(tmp_path: Path, spanish: str, ok: bool) -> None:
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text({"short.work.text": tr(WORK_EN, spanish)})})
    e405 = findings(root, "E405")
    if ok:
        assert e405 == []
    else:
        assert len(e405) == 1 and e405[0].startswith(
            "kb/i18n/es/interventions/alpha.yaml:9: E405 short.work.text: the numbers differ from the English: "
            "it has 30, 100, 10, 100, 20, 100; the translation has 30, 100, 10, 100"
        )


@pytest.mark.parametrize(
    ("english", "spanish", "same"),
    [
        ("1.5 kg", "1,5 kg", True),
        ("1.5 kg", "1.5 kg", True),
        ("10,000 people", "10 000 personas", True),
        ("10,000 people", "10\u00a0000 personas", True),
        ("2,000 people", "2000 personas", True),
        ("1,522 people", "1522 personas", True),
        ("Call 116 123", "Llame al 116 123", True),
        ("Call 1-800-668-6868", "Llame al 1-800-668-6868", True),
        ("about 48 in 100, 2019", "unas 48 de cada 100, 2019", True),
        ("1.5 kg", "15 kg", False),
        ("10,000 people", "10,000 personas", False),  # in Spanish 10,000 is ten, with three decimals
    ],
)
def test_numbers_as_each_language_writes_them(english: str, spanish: str, same: bool) -> None:
    from collections import Counter

    assert (Counter(numbers_of(english, "en")) == Counter(numbers_of(spanish, "es"))) is same


def test_validate_reference_ids_named_in_a_translation(tmp_path: Path) -> None:
    fields = {"summary": tr("A short plain summary without figures.", "Un resumen [ref-one] [no-such-ref].")}
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(fields)})
    assert findings(root, "E406") == [
        "kb/i18n/es/interventions/alpha.yaml:9: E406 summary: names 'no-such-ref', which is not in references/"
    ]


def test_validate_terminology(tmp_path: Path) -> None:
    terms = dump(
        [
            {"en": "sham", "es": "simulado", "avoid": ["placebo falso"]},
            {"en": "treatment", "es": "tratamiento"},
            {"en": "depression", "es": "depresión"},
        ]
    )
    ok = "Unas 30 de cada 100 mejoraron a la mitad, frente a unas 10 de cada 100 con EMT simuladas: unas 20 más."
    bad = "Unas 30 de cada 100 mejoraron a la mitad, frente a unas 10 de cada 100 con placebo falso: unas 20 más."
    root = kb_with(
        tmp_path,
        {
            "terms.yaml": terms,
            "interventions/alpha.yaml": overlay_text(
                {"short.work.text": tr(WORK_EN, ok), "name": tr("Treatment Alpha", "Terapia Alfa")}
            ),
            "interventions/beta.yaml": overlay_text({"short.work.text": tr(WORK_EN, bad)}),
        },
    )
    # "simuladas" is the agreed "simulado" in another number and gender; "Terapia" is not "tratamiento"
    name_at = es_line(root, "interventions/alpha.yaml", "name")
    assert findings(root, "W403") == [
        f"kb/i18n/es/interventions/alpha.yaml:{name_at}: W403 name: the English says 'treatment': the agreed term is "
        "'tratamiento' (terms.yaml)",
        "kb/i18n/es/interventions/beta.yaml:9: W403 short.work.text: the English says 'sham': the agreed term is "
        "'simulado' (terms.yaml)",
    ]
    assert findings(root, "W404") == [
        "kb/i18n/es/interventions/beta.yaml:9: W404 short.work.text: uses 'placebo falso': the agreed term is "
        "'simulado' (terms.yaml)"
    ]


def test_a_term_in_another_sense_is_not_the_term(tmp_path: Path) -> None:
    terms = dump([{"en": "trial", "es": "ensayo", "other_senses": ["fair trial"]}])
    english = "Give each treatment a fair trial before you judge it."
    fields = {"summary": tr(english, "Dé a cada tratamiento una oportunidad justa antes de juzgarlo.")}
    root = write_kb(
        tmp_path / "kb",
        [record("alpha", summary=english)],
        extra={"i18n/es/terms.yaml": terms, "i18n/es/interventions/alpha.yaml": overlay_text(fields)},
    )
    assert findings(root, "W403") == []
    # the term in its own sense still needs the agreed word
    english = "A fair trial of it in a large trial showed a small effect."
    fields = {"summary": tr(english, "Un estudio grande mostró un efecto pequeño.")}
    (root / "interventions/alpha.yaml").write_text(dump(record("alpha", summary=english)), encoding="utf-8")
    (root / "i18n/es/interventions/alpha.yaml").write_text(overlay_text(fields), encoding="utf-8")
    assert [f.split(": ", 1)[1] for f in findings(root, "W403")] == [
        "W403 summary: the English says 'trial': the agreed term is 'ensayo' (terms.yaml)"
    ]


def test_terms_accept_other_forms_of_the_agreed_word(tmp_path: Path) -> None:
    terms = dump([{"en": "approved", "es": "aprobado"}])
    fields = {"summary": tr("A short plain summary without figures.", "La FDA lo aprobó. TODO: revisar.")}
    root = write_kb(
        tmp_path / "kb",
        [record("alpha", summary="The FDA approved it.")],
        extra={"i18n/es/terms.yaml": terms, "i18n/es/interventions/alpha.yaml": overlay_text(fields)},
    )
    assert findings(root, "W401") != [] and findings(root, "W403") == []  # stale: not checked further
    fields = {"summary": tr("The FDA approved it.", "La FDA lo aprobó. TODO: revisar.")}
    (root / "i18n/es/interventions/alpha.yaml").write_text(overlay_text(fields), encoding="utf-8")
    assert findings(root, "W403") == []
    assert findings(root, "E302") == [
        "kb/i18n/es/interventions/alpha.yaml:9: E302 summary: placeholder 'TODO': placeholder text"
    ]
    # "todo" is an everyday Spanish word ("all"): only the marker in capitals is a placeholder in a translation
    fields = {"summary": tr("The FDA approved it.", "La FDA lo aprobó para todo adulto. Todo esto es cierto.")}
    (root / "i18n/es/interventions/alpha.yaml").write_text(overlay_text(fields), encoding="utf-8")
    assert findings(root, "E302") == []


def test_validate_terms_file_problems(tmp_path: Path) -> None:
    root = kb_with(tmp_path, {"terms.yaml": dump([{"en": "sham"}])})
    assert findings(root, "E110") == [
        "kb/i18n/es/terms.yaml:1: E110 [0]: an agreed term needs its text under one language code (such as es:), "
        "besides en: found none"
    ]


def test_validate_spanish_reading_ease_and_textstat_language_is_restored(tmp_path: Path) -> None:
    pytest.importorskip("textstat")
    import textstat

    hard = (
        "La administración concomitante de antidepresivos serotoninérgicos con estimulación transcraneal "
        "condiciona modificaciones neurofisiológicas, hemodinámicas y electroencefalográficas considerablemente "
        "heterogéneas, dependiendo fundamentalmente de características constitucionales, farmacocinéticas "
        "y psicopatológicas individuales difícilmente cuantificables."
    )
    easy = (
        "Es una visita corta a la clínica. Usted se sienta en una silla. Una bobina toca su cabeza. Suena como "
        "un golpe suave. Usted está despierto todo el tiempo y puede irse a casa después."
    )
    summary = "A short plain summary without figures."
    root = kb_with(
        tmp_path,
        {
            "interventions/alpha.yaml": overlay_text({"summary": tr(summary, hard)}),
            "interventions/beta.yaml": overlay_text({"summary": tr(summary, easy)}),
        },
    )
    before = textstat.flesch_reading_ease("The cat sat on the mat. It was happy.")
    w405 = findings(root, "W405", readability=True)
    assert len(w405) == 1 and w405[0].startswith(
        "kb/i18n/es/interventions/alpha.yaml:9: W405 summary: reads at Fernández-Huerta "
    )
    assert w405[0].endswith("(aim for 70, fairly easy, or higher)")
    assert textstat.flesch_reading_ease("The cat sat on the mat. It was happy.") == before  # English again
    assert findings(root, "W405", readability=False) == []


def test_i18n_folder_is_not_an_unread_folder(tmp_path: Path) -> None:
    root = kb_with(tmp_path, {"interventions/alpha.yaml": overlay_text(ALPHA_ES)})
    assert findings(root, "W342") == []
    assert not [f for f in validate(None, readability=False).findings if f.code == "W342" and "i18n" in f.file]


def test_unread_files_and_folders_in_i18n(tmp_path: Path) -> None:
    root = kb_with(
        tmp_path, {"interventions/alpha.yaml": overlay_text(ALPHA_ES), "faq.yaml.txt": "x", "../ES/x.yaml": "x"}
    )
    assert findings(root, "W342") == [
        "kb/i18n/ES: W342 this is not read: `i18n/` holds one folder per language, named by its code (es, fr, ...)",
        "kb/i18n/es/faq.yaml.txt: W342 this file is not read: only files ending in .yaml or .yml are",
    ]


H2H = {
    "id": "alpha-beta",
    "title": "Alpha against beta",
    "interventions": ["alpha", "beta"],
    "summary": "One trial compared them.",
    "outcomes": [record()["outcomes"][0]],
    "short": {"text": "In one trial of 100 people, about 30 in 100 improved with each.", "refs": ["ref-one"]},
    "refs": ["ref-one"],
}


def test_head_to_head_and_crisis_overlays(tmp_path: Path) -> None:
    h2h = {
        "alpha-beta": {
            "title": tr("Alpha against beta", "Alfa frente a beta"),
            "short.text": tr(
                H2H["short"]["text"], "En un ensayo de 100 personas, unas 30 de cada 100 mejoraron con cada uno."
            ),
        }
    }
    crisis = {"Find A Helpline": {"region_name": tr("Everywhere", "En todas partes"), "hours": tr("Varies", "Varía")}}
    faq = [{"id": "does-it-hurt", "question": "Does it hurt?", "answer": "Most people feel little pain."}]
    root = write_kb(
        tmp_path / "kb",
        [record("alpha"), record("beta")],
        extra={
            "faq.yaml": dump(faq),
            "head_to_head/trials.yaml": dump([H2H]),
            "i18n/es/head_to_head/trials.yaml": overlay_text(entries=h2h),
            "i18n/es/head_to_head/other.yaml": overlay_text(entries=h2h),
            "i18n/es/crisis.yaml": overlay_text(entries=crisis),
        },
    )
    kb = KnowledgeBase.load(root, lang="es")
    trial = kb.compare(["alpha", "beta"]).head_to_head[0]
    assert (
        trial.title == "Alfa frente a beta" and trial.short is not None and trial.short.text.startswith("En un ensayo")
    )
    assert trial.outcomes == KnowledgeBase.load(root).compare(["alpha", "beta"]).head_to_head[0].outcomes
    line = kb.crisis()[0]
    assert (line.region_name, line.hours, line.contact, line.url) == (
        "En todas partes",
        "Varía",
        "findahelpline.com",
        "https://findahelpline.com",
    )
    assert [f.split(" E401 ")[0] for f in findings(root, "E401")] == ["kb/i18n/es/head_to_head/other.yaml:1:"]


def test_a_translated_glossary_term_is_found_by_its_english_name_too(tmp_path: Path) -> None:
    glossary = [{"term": "sham", "definition": "A fake procedure used for comparison.", "aliases": ["sham treatment"]}]
    entries = {
        "sham": {"term": tr("sham", "simulado"), "definition": tr(glossary[0]["definition"], "Un procedimiento falso.")}
    }
    root = kb_with(tmp_path, {"glossary.yaml": overlay_text(entries=entries)})
    (root / "glossary.yaml").write_text(dump(glossary), encoding="utf-8")
    kb = KnowledgeBase.load(root, lang="es")
    assert [g.term for g in kb.glossary("simulado")] == ["simulado"] == [g.term for g in kb.glossary("sham")]
    assert kb.glossary("sham")[0].definition == "Un procedimiento falso."


def test_validate_speaks_the_reader_s_language_about_translations(tmp_path: Path) -> None:
    """Every finding of the translation rules is a sentence of the catalog: `--lang es validate` says it in
    Spanish, with the same codes, files and lines."""
    terms = dump(
        [{"en": "sham", "es": "simulado", "avoid": ["placebo falso"]}, {"en": "treatment", "es": "tratamiento"}]
    )
    bad_work = "Unas 31 de cada 100 mejoraron a la mitad, frente a unas 10 de cada 100 con placebo falso: TODO."
    alpha = {
        **ALPHA_ES,
        "name": tr("Treatment Alpha", "Terapia Alfa"),  # W403: not the agreed term
        "short.work.text": tr(WORK_EN, bad_work),  # E405 numbers, W404 word to avoid, E302 placeholder
        "summary": {"en": digest("Old English."), "es": "Resumen viejo."},  # W401 stale
        "setting.given_by": {"en": None, "es": "Una enfermera [no-such-ref]."},  # W401 undigested, E406
        "summry": tr("x", "y"),  # E403
        "aliases.0": tr("alpha-alias", "alias"),  # E404
    }
    root = kb_with(
        tmp_path,
        {
            "terms.yaml": terms,
            "interventions/alpha.yaml": overlay_text(alpha),  # and W402: fields with no translation
            "interventions/gamma.yaml": overlay_text({"name": tr("x", "y")}),  # E401
            "references/refs.yaml": overlay_text(entries={"ref-one": {"citation": tr("x", "y")}}),  # E401
            "glossary.yaml": overlay_text(entries={"sham": {"term": tr("sham", "simulado")}}),  # E402
            "faq.yaml": overlay_text({"question": tr("Does it hurt?", "¿Duele?")}),  # E401: fields in a list
            # E110: a file in the wrong language's folder; a text under another language than its file's
            "interventions/beta.yaml": overlay_text({"name": {"en": digest("x"), "fr": "y"}}, language="fr"),
            "head_to_head/trials.yaml": overlay_text(entries={"t": {"summary": tr("x", "y")}}, language="fr"),
        },
    )
    english = runner.invoke(app, ["validate", str(root), "--no-readability"], env={"COLUMNS": "400"})
    spanish = runner.invoke(app, ["--lang", "es", "validate", str(root), "--no-readability"], env={"COLUMNS": "400"})
    assert english.exit_code == spanish.exit_code == 1, spanish.output
    codes = ("E401", "E402", "E403", "E404", "E405", "E406", "E302", "W401", "W402", "W403", "W404", "E110")

    def by_code(out: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for line in out.splitlines():
            m = re.match(r"(\S+:\d*:? ?)(E\d{3}|W\d{3})( .*)", line)
            if m and m.group(2) in codes:
                found.setdefault(m.group(2), []).append(line)
        return found

    en, es = by_code(english.stdout), by_code(spanish.stdout)
    assert sorted(en) == sorted(es) == sorted(codes), (sorted(en), sorted(es))
    for code in codes:
        assert len(en[code]) == len(es[code]), code
        for e_line, s_line in zip(en[code], es[code]):
            assert e_line.split(code)[0] == s_line.split(code)[0], "the same file and line"
            assert e_line != s_line, f"{code} is not translated: {s_line}"
    said = "\n".join(line for c in codes for line in es[c])
    for english_words in (
        "is not in the English", "has no field", "never translated", "the English changed", "has no digest",
        "the numbers differ", "which is not in references", "the agreed term is", "of the release scope",
        "which is not a translated file", "but the file is in the folder of", "placeholder",
    ):  # fmt: skip
        assert english_words not in spanish.stdout, english_words
    for spanish_words in ("no está en", "nunca se traduce", "el inglés cambió", "los números no coinciden",
                          "el término acordado es", "del alcance de esta versión", "pero el archivo está",
                          "pero el idioma del archivo es"):  # fmt: skip
        assert spanish_words in said, spanish_words
