"""The translation hook (trdguide/i18n.py, docs/i18n.md): choosing the language, the catalogs, and a
pseudo-language that finds any English sentence that bypassed the hook."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from trdguide import i18n, wording
from trdguide.cli import app
from trdguide.paths import bundled_data_dir
from trdguide.summaries import SHORT_KEYS
from trdguide.weighing import AVOID_KEYS, MATTER_ROWS

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "trdguide" / "locale"
ENGLISH_DISCLAIMER = "Education, not medical advice: ask your care team before changing treatment."
SPANISH_DISCLAIMER = "Educación, no consejo médico: hable con su equipo médico antes de cambiar nada."
NO_LOCALE = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C", "TRDGUIDE_LANG": ""}


def run(args: list[str], **env: str) -> Any:
    return CliRunner().invoke(app, args, env={**NO_LOCALE, "COLUMNS": "80", "NO_COLOR": "1", **env})


# --- choosing the language -------------------------------------------------------------------------


def test_english_by_default() -> None:
    result = run(["list"])
    assert result.exit_code == 0
    assert ENGLISH_DISCLAIMER in result.stdout
    assert i18n.language() == "en"


@pytest.mark.parametrize("code", ["es", "ES", " es "])
def test_lang_flag(code: str) -> None:
    result = run(["--lang", code, "list"])
    assert result.exit_code == 0, result.output
    assert SPANISH_DISCLAIMER in result.stdout
    assert i18n.language() == "es"


@pytest.mark.parametrize("code", ["xx", "es_MX", "spanish", ""])
def test_lang_flag_is_strict(code: str) -> None:
    result = run(["--lang", code, "list"])
    assert result.exit_code == 2
    assert f"Invalid value for '--lang': {code!r} is not a language this guide speaks. Available: en, es." in (
        result.stderr
    )
    assert result.stdout == ""


def test_lang_flag_beats_the_environment() -> None:
    result = run(["--lang", "en", "list"], TRDGUIDE_LANG="es", LANG="es_MX.UTF-8")
    assert ENGLISH_DISCLAIMER in result.stdout


@pytest.mark.parametrize("value", ["es", "es_MX.UTF-8", "ES-us"])
def test_trdguide_lang(value: str) -> None:
    result = run(["list"], TRDGUIDE_LANG=value)
    assert result.exit_code == 0
    assert SPANISH_DISCLAIMER in result.stdout
    assert result.stderr == ""


def test_unknown_trdguide_lang_is_a_note_and_english() -> None:
    result = run(["list"], TRDGUIDE_LANG="fr")
    assert result.exit_code == 0
    assert ENGLISH_DISCLAIMER in result.stdout
    assert result.stderr == (
        "Note: TRDGUIDE_LANG='fr' is not a language this guide speaks (en, es); the answer is in English.\n"
    )


def test_trdguide_lang_beats_the_locale() -> None:
    assert ENGLISH_DISCLAIMER in run(["list"], TRDGUIDE_LANG="en", LANG="es_ES.UTF-8").stdout


@pytest.mark.parametrize(
    ("env", "spanish"),
    [
        ({"LANGUAGE": "es"}, True),
        ({"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}, True),
        ({"LC_ALL": "es_ES.UTF-8"}, True),
        ({"LC_MESSAGES": "es_MX"}, True),
        ({"LANG": "es_US.UTF-8"}, True),
        ({"LANG": "fr_FR.UTF-8"}, False),
        ({"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, False),  # LC_ALL decides, as in POSIX
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "es_MX.UTF-8"}, False),
    ],
)
def test_locale_variables(env: dict[str, str], spanish: bool) -> None:
    result = run(["list"], **env)
    assert result.exit_code == 0
    assert (SPANISH_DISCLAIMER if spanish else ENGLISH_DISCLAIMER) in result.stdout
    assert result.stderr == ""


def test_the_knowledge_base_is_loaded_in_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from trdguide.knowledge import KnowledgeBase

    seen: list[str] = []
    real = KnowledgeBase.load.__func__  # type: ignore[attr-defined]

    def load(cls: type[KnowledgeBase], data_dir: Path | None = None, lang: str = "en") -> KnowledgeBase:
        seen.append(lang)
        return real(cls, data_dir, lang)  # type: ignore[no-any-return]

    monkeypatch.setattr(KnowledgeBase, "load", classmethod(load))
    run(["--lang", "es", "compare", "tms", "ect"])
    run(["list"], LANG="es_MX.UTF-8")
    run(["show", "ect"])
    assert seen == ["es", "es", "en"]


def test_spanish_errors_keep_their_exit_status() -> None:
    result = run(["--lang", "es", "compare", "tms"])
    assert result.exit_code == 2
    # the Spanish short name: rTMS is EMTr in Spanish (its English name still finds it)
    assert result.stderr.startswith("Error: compare necesita de 2 a 5 nombres; usted dio uno (EMTr).")
    result = run(["--lang", "es", "show", "zzqx"])
    assert result.exit_code == 1
    assert "Error: No hay ninguna opción llamada 'zzqx'." in result.stderr


# --- the --help texts (read when trdguide.cli is imported: trdguide.__main__ chooses the language first) ---


def help_text(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m trdguide ARGS` as a person runs it (the real entry point), at 80 columns without colour."""
    return subprocess.run(
        [sys.executable, "-m", "trdguide", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **NO_LOCALE, "COLUMNS": "80", "NO_COLOR": "1", **env},
    )


def flat(text: str) -> str:
    return " ".join(text.split())  # the help is wrapped to the width: compare its words


ES_ROOT = "Una guía sin conexión, con evidencia citada, de las opciones de tratamiento para la depresión resistente"
ES_COMPARE = "Compara de 2 a 5 opciones lado a lado: respuestas breves a las mismas preguntas, en el mismo orden."


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "es", "--help"], {}),
        (["--lang=es", "--help"], {}),
        (["--help"], {"TRDGUIDE_LANG": "es"}),
        (["--help"], {"LANG": "es_MX.UTF-8"}),
        (["--lang", "es", "--help"], {"TRDGUIDE_LANG": "en"}),  # the flag wins, as for the answers
    ],
)
def test_program_help_in_spanish(args: list[str], env: dict[str, str]) -> None:
    result = help_text(args, **env)
    assert result.returncode == 0, result.stderr
    shown = flat(result.stdout)
    assert ES_ROOT in shown
    assert "--lang CODE El idioma de las respuestas: en, es. Predeterminado: TRDGUIDE_LANG" in shown
    assert "compare Compara de 2 a 5 opciones lado a lado" in shown  # the commands' one-line summaries
    assert "Educación, no consejo médico. En una crisis: trdguide crisis" in shown  # the epilog
    assert "An offline" not in shown and "Use the knowledge base" not in shown
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "es", "compare", "--help"], {}),
        (["compare", "--help"], {"TRDGUIDE_LANG": "es"}),
        (["--lang", "xx", "--lang", "es", "compare", "--help"], {}),  # the last --lang counts, as click reads it
    ],
)
def test_command_help_in_spanish(args: list[str], env: dict[str, str]) -> None:
    result = help_text(args, **env)
    assert result.returncode == 0, result.stderr
    shown = flat(result.stdout)
    assert ES_COMPARE in shown
    assert "Ejemplos: trdguide compare tms ketamine trdguide compare tms ketamine --detail --rows work" in shown
    assert "--detail Mostrar el texto completo de cada celda (cada resultado, cada afirmación)." in shown
    assert "Formato de salida: table, text (simple, lineal), markdown, json o html (imprimible)." in shown
    assert "Compare 2 to 5" not in shown and "Examples:" not in shown
    # click's own words stay English (not in the catalog): "Usage:", "Options:", "Show this message and exit."
    assert "Usage: python -m trdguide compare [OPTIONS]" in result.stdout
    assert result.stderr == ""


def test_english_help_through_the_real_entry_says_what_the_golden_one_says() -> None:
    result = help_text(["compare", "--help"])
    golden = (ROOT / "tests" / "golden" / "help-compare.txt").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stderr
    # the same words (the in-process golden test pins the bytes; a real run wraps one line differently, as before)
    assert "".join(result.stdout.replace("Usage: python -m trdguide", "Usage: trdguide").split()) == "".join(
        golden.split()
    )


@pytest.mark.parametrize(
    ("args", "env", "status", "stderr"),
    [
        # an unknown --lang: --help is read first (as before), in English; a command reports the code
        (["--lang", "xx", "--help"], {}, 0, ""),
        (["--lang", "xx", "compare", "--help"], {}, 2, "Invalid value for '--lang': 'xx' is not a language"),
        (["--help"], {"TRDGUIDE_LANG": "fr"}, 0, ""),
        (["compare", "--help"], {"TRDGUIDE_LANG": "fr"}, 0, "Note: TRDGUIDE_LANG='fr' is not a language"),
        (["--help", "--", "--lang", "es"], {}, 0, ""),  # after --, --lang is an argument, not the option
    ],
)
def test_unknown_languages_leave_the_help_in_english(
    args: list[str], env: dict[str, str], status: int, stderr: str
) -> None:
    result = help_text(args, **env)
    assert result.returncode == status
    assert stderr in result.stderr and (stderr or result.stderr == "")
    assert "Compara" not in result.stdout and "Una guía" not in result.stdout
    if status == 0:
        assert "Usage:" in result.stdout and ("Compare 2 to 5" in result.stdout or "An offline" in result.stdout)


@pytest.mark.parametrize(
    ("argv", "environ", "code"),
    [
        ([], {}, None),
        (["--lang", "es", "list"], {}, "es"),
        (["--lang=ES", "list"], {}, "es"),
        (["list", "--lang", " es "], {}, "es"),
        (["--lang", "en", "list"], {"TRDGUIDE_LANG": "es"}, None),  # English: nothing to load
        (["--lang", "xx", "list"], {"TRDGUIDE_LANG": "es"}, None),  # left for the command line to report
        (["--lang"], {"TRDGUIDE_LANG": "es"}, None),  # a --lang without its value: click reports it
        (["--", "--lang", "es"], {}, None),
        (["list"], {"TRDGUIDE_LANG": "es_MX.UTF-8"}, "es"),
        (["list"], {"TRDGUIDE_LANG": "ES-us"}, "es"),
        (["list"], {"TRDGUIDE_LANG": "fr", "LANG": "es_MX.UTF-8"}, None),  # as the command line: a note, English
        (["list"], {"TRDGUIDE_LANG": " ", "LANG": "es_MX.UTF-8"}, "es"),
        (["list"], {"LANGUAGE": "fr:es", "LANG": "fr_FR.UTF-8"}, "es"),
        (["list"], {"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, None),
    ],
)
def test_early_choice_follows_the_command_lines_rules(
    argv: list[str], environ: dict[str, str], code: str | None
) -> None:
    assert i18n.early_choice(argv, environ) == code


def test_spanish_plural_forms() -> None:
    i18n.set_language("es")
    assert (
        wording.site_removed(1)
        == "Se eliminó 1 archivo que una compilación anterior escribió y que el sitio ya no tiene."
    )
    assert wording.site_removed(3).startswith("Se eliminaron 3 archivos")


# --- the catalogs --------------------------------------------------------------------------------------


def _compiled(po: Path) -> bytes:
    """The .po compiled by scripts/i18n.py's own code (what `scripts/i18n.py check` compares)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    compiled: bytes = script._compiled(po)
    return compiled


CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/trdguide.po"))


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_committed_mo_is_its_po_compiled(po: Path) -> None:
    """What `python scripts/i18n.py check` checks: a .po edit cannot ship with a stale .mo."""
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: python scripts/i18n.py compile"
    assert mo.read_bytes() == _compiled(po), f"{mo} is stale: python scripts/i18n.py compile"


# messages whose code gives values the English does not use, for languages that write it another way
OPTIONAL_VALUES = {"{year}-{mm}-{dd}": {"day", "month"}}  # i18n.date_text: "7 de diciembre de 2026"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_translations_keep_their_placeholders(po: Path) -> None:
    from babel.messages.pofile import read_po

    def names(text: str) -> set[str]:
        return set(re.findall(r"\{(\w*)\}", text))

    with open(po, "rb") as fh:
        catalog = read_po(fh)
    for m in catalog:
        if not m.id or not m.string:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        given = names(ids[-1]) | names(ids[0]) | OPTIONAL_VALUES.get(ids[0], set())
        for s in strings:
            if s:  # every placeholder the English has, and no other than the code gives
                assert names(s) <= given and (names(s) >= names(ids[0]) or ids[0] in OPTIONAL_VALUES), (m.id, s)


def test_the_spanish_catalog_says_who_translated_it() -> None:
    from babel.messages.pofile import read_po

    with open(LOCALE / "es" / "LC_MESSAGES" / "trdguide.po", "rb") as fh:
        catalog = read_po(fh)
    assert (catalog.project, catalog.version) == ("trdguide", "0.1.0")
    assert catalog.last_translator == ("Drafted by an AI language model; not reviewed by a Spanish-speaking clinician")
    assert catalog.language_team == "none"


def test_one_line_footers_fit_80_columns_in_every_language() -> None:
    for code in i18n.available():
        i18n.set_language(code)
        for line in (
            wording._(wording.DISCLAIMER),
            wording._(wording.CRISIS_POINTER),
            wording.crisis_pointer_for("9-8-8", "911", True),
            wording.crisis_pointer_for("116 123", "112 or 999", False),
            wording.crisis_pointer_local("https://findahelpline.com"),
        ):
            assert len(line) <= 80, (code, line)


# --- a pseudo-language: every translated sentence visibly transformed --------------------------------

PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED = "áƀçđéƒĝĥíĵķĺɱñóƥʠŕšŧúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤǪŔŠŦÚṼŴẊÝŽ"
TO_PSEUDO = str.maketrans(PLAIN, ACCENTED)


def pseudo(text: str, longer: bool = True) -> str:
    """Every ASCII letter accented, {placeholders} intact, each word about a third longer (as many words, no
    long unbreakable runs: word limits and wrapping behave as with a real language)."""

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        return w.translate(TO_PSEUDO) + ("·" * (len(w) // 3) if longer else "")

    parts = re.split(r"(\{\w*\})", text)
    return "".join(p if re.fullmatch(r"\{\w*\}", p) else re.sub(r"[A-Za-z']+", word, p) for p in parts)


class PseudoCatalog:
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)


# fields kept as they are: ids and references, enumerations, field paths, and the names of things (a crisis
# service, a glossary term, a body, a brand) that the reader may type or that are names in every language
KEEP = {
    "id",
    "refs",
    "references",
    "related",
    "interventions",
    "families",
    "category",
    "kind",
    "design",
    "measure",
    "certainty",
    "region",
    "where",
    "anaesthesia",
    "see",
    "url",
    "source",
    "checked",
    "last_reviewed",
    "date",
    "number",
    "emergency",
    "service",
    "term",
    "aliases",
    "brand_names",
    "body",
    "doi",
    "pmid",
    "year",
}
NAMES = ("id", "related", "interventions", "service", "term", "aliases", "brand_names", "body", "emergency")


def _transform(value: Any, key: str = "", parent: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _transform(v, str(k), key) for k, v in value.items()}
    if isinstance(value, list):
        return [_transform(v, key, parent) for v in value]
    if (
        isinstance(value, str)
        and key not in KEEP
        and not (key == "label" and parent == "status")
        and value != "not-known"  # an answer of the `weigh` fields (setting.practical.*.answer)
    ):
        if key == "name" and parent == "other_services":  # a further crisis service's name
            return value
        # the fields with a length limit in the schema are transformed without lengthening; words with digits
        # ("T3") are kept, so that validate still sees the same figures
        out = pseudo(value, longer=key not in ("onset", "note"))
        for word in re.findall(r"\S*\d\S*", value):
            out = out.replace(pseudo(word, longer=False), word)
        return out
    return value


def pseudo_kb(root: Path) -> tuple[Path, set[str]]:
    """The bundled knowledge base with every prose string transformed; and the words allowed in output."""
    data = bundled_data_dir()
    shutil.copytree(data, root, ignore=shutil.ignore_patterns("i18n"))
    allowed: set[str] = set()
    for path in sorted(root.rglob("*.yaml")):
        if path.name == "synonyms.yaml":
            continue
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        _collect(raw, allowed)
        path.write_text(yaml.safe_dump(_transform(raw), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root, allowed


def _collect(value: Any, allowed: set[str], key: str = "", parent: str = "") -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _collect(v, allowed, str(k), key)
    elif isinstance(value, list):
        for v in value:
            _collect(v, allowed, key, parent)
    elif isinstance(value, str) and (key in NAMES or (key == "name" and parent == "other_services")):
        allowed.update(re.findall(r"[A-Za-z]{4,}", value))


# words of the interface that are the same in every language: the program and its commands, option
# values, file names, the names of standards and bodies
ALWAYS = {
    "trdguide",
    "list",
    "compare",
    "show",
    "faq",
    "search",
    "crisis",
    "weigh",
    "about",
    "changes",
    "validate",
    "glossary",
    "questions",
    "schema",
    "site",
    "html",
    "yaml",
    "json",
    "PMID",
    "IPDAS",
    "SURE",
    "Ctrl",
    # keys the reader types (weigh's, compare's rows)
    *(w for k in (*AVOID_KEYS, *MATTER_ROWS, *SHORT_KEYS) for w in k.split("-")),
    # what the runs below type, echoed back in their messages
    "zzqx",
    "ketamin",
    "nope",
    "anaesthesiaa",
    "yesterday",
    "Narnia",
    # the IPDAS criteria's sources: citations are given as published
    *re.findall(r"[A-Za-z]{4,}", " ".join(wording.IPDAS_SOURCES)),
}
URL = re.compile(r"(https?://\S+|\b[\w.-]+\.(?:com|org|net|gov|uk|ca|au|nz|ie|info|md|html|yaml|json)\S*)")


def english_words(output: str, allowed: set[str]) -> list[str]:
    found = []
    for line in output.splitlines():
        line = URL.sub(" ", line)
        if re.fullmatch(r"\s*[\x21-\x7e]+\s*", line) and "-" in line:
            continue  # the end of a long web address, wrapped onto its own line
        # paths, DOIs, URL slugs; words with digits a record keeps as they are (TRANSFORM-2, 4-week)
        line = re.sub(r"\S*/\S*|doi:\S+|\b[a-z0-9]+(?:-[a-z0-9]+){3,}\S*|\S*\d\S*", " ", line)
        line = re.sub(r"(?<![\w])--[\w-]+", " ", line)  # option flags
        for word in re.findall(r"[A-Za-z]{4,}", line):
            if word not in allowed and word not in ALWAYS:
                found.append(f"{word!r} in: {line.strip()}")
    return found


PSEUDO_RUNS: list[tuple[list[str], int]] = [  # arguments, exit status
    (["list"], 0),
    (["list", "--category", "neuromodulation", "--format", "text"], 0),
    (["compare", "tms", "ketamine"], 0),
    (["compare", "tms", "ketamine", "ect"], 0),
    (["compare", "ketamine", "ect", "--detail", "--rows", "work,status,evidence"], 0),
    (["show", "ect"], 0),
    (["show", "esketamine", "--format", "text"], 0),
    (["faq"], 0),
    (["faq", "3"], 0),
    (["faq", "ketamine"], 0),
    (["search", "ketamine"], 0),
    (["search", "suicide"], 0),
    (["crisis"], 0),
    (["crisis", "--region", "UK"], 0),
    (["crisis", "--region", "Narnia"], 0),
    (["weigh", "--avoid", "anaesthesia,weekday-visits", "--matters", "soon,side-effects"], 0),
    (["weigh"], 0),
    (["about"], 0),
    (["about", "--ipdas"], 0),
    (["changes"], 0),
    (["changes", "--since", "2026-12-01"], 0),
    (["glossary"], 0),
    (["glossary", "remission"], 0),
    (["questions", "tms", "ect"], 0),
    (["validate", "--no-readability"], 0),
    # error paths
    (["show", "zzqx"], 1),
    (["show", "ketamin"], 0),  # read as IV ketamine, with a note
    (["compare", "tms"], 2),
    (["compare", "tms", "rtms"], 2),
    (["compare", "tms", "ect", "--rows", "nope"], 2),
    (["faq", "999"], 1),
    (["glossary", "zzqx"], 1),
    (["weigh", "--avoid", "anaesthesiaa"], 2),
    (["weigh", "--matters", "works,soon,cost,risks"], 2),
    (["changes", "--since", "yesterday"], 2),
    (["--region", "Narnia", "list"], 0),
]


@pytest.fixture(scope="module")
def pseudo_base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    return pseudo_kb(tmp_path_factory.mktemp("pseudo") / "kb")


@pytest.mark.parametrize(("args", "status"), PSEUDO_RUNS, ids=lambda a: " ".join(a) if isinstance(a, list) else None)
def test_pseudo_language_leaves_no_english(
    args: list[str], status: int, pseudo_base: tuple[Path, set[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, allowed = pseudo_base
    monkeypatch.setattr(i18n, "set_language", lambda code: i18n.use_catalog("xx", PseudoCatalog()))
    monkeypatch.setattr(i18n, "available", lambda: ("en", "xx"))
    result = run(["--lang", "xx", "--data", str(root), *args], TRDGUIDE_REGION="")
    assert result.exit_code == status, result.output
    output = result.stdout + result.stderr
    assert output.strip()
    leaks = english_words(output, allowed)
    assert not leaks, "English that bypassed the hook:\n" + "\n".join(leaks[:20])
    # standard output at 80 columns (an error on standard error is one line, however long, in every language)
    # (a web address is never broken, in any language)
    # (the test's own folder name stands for the reader's, which may be as long as it likes)
    shown = result.stdout.replace(str(root), "<kb>")
    long = [line for line in shown.splitlines() if len(line) > 80 and "://" not in line]
    assert not long, "lines over 80 columns:\n" + "\n".join(long)


# click's own words (its usage line, section titles, the completion options, metavars): not in the catalog
CLICK_WORDS = {
    *("Usage", "Options", "Arguments", "Commands", "OPTIONS", "COMMAND", "ARGS", "Show", "this", "message"),
    *("exit", "required", "default", "Install", "completion", "current", "shell", "copy", "customize"),
    *("installation", "path", "file", "names", "text", "table", "markdown", "letter", "CODE", "DATE", "python"),
    *("TRDGUIDE", "DATA", "outdir"),  # an environment variable, an argument's name
}


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"], ["weigh", "--help"], ["site", "--help"]])
def test_pseudo_language_reaches_the_help(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The --help texts are read when trdguide.cli is imported: a fresh copy of the module, made with the
    pseudo-language in use, shows every text of ours transformed (click's own words stay English)."""
    monkeypatch.setattr(i18n, "set_language", lambda code: i18n.use_catalog("xx", PseudoCatalog()))
    monkeypatch.setattr(i18n, "available", lambda: ("en", "xx"))
    i18n.use_catalog("xx", PseudoCatalog())
    spec = importlib.util.find_spec("trdguide.cli")
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    result = CliRunner().invoke(fresh.app, args, env={**NO_LOCALE, "COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    leaks = english_words(result.stdout, CLICK_WORDS)
    assert not leaks, "English that bypassed the hook:\n" + "\n".join(leaks[:20])
    long = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert not long, "lines over 80 columns:\n" + "\n".join(long)


def test_the_pseudo_language_sees_english() -> None:
    """The detector itself: an English sentence is found, a pseudo one is not, names and addresses pass."""
    line = "Quixotic zebras? " + pseudo("Quixotic zebras?") + " https://example.org/some-page rtms"
    assert [w.split("'")[1] for w in english_words(line, {"rtms"})] == ["Quixotic", "zebras"]
    assert pseudo("about {n} in 100") == "áƀóúŧ· {n} íñ 100"
