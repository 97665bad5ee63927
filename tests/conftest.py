"""Shared helpers: build small knowledge bases on disk for tests of the loader and the CLI."""

from __future__ import annotations

import copy
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml


def ref(rid: str = "ref-one", **over: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": rid,
        "kind": "rct",
        "citation": f"Author A. A study called {rid}. J Test 2020;1:1-2.",
        "year": 2020,
        "doi": f"10.1000/{rid}",
    }
    d.update(over)
    return d


SHORT_TEXTS = {
    "work": "About 30 in 100 improved by half, against about 10 in 100 with sham: about 20 more in 100.",
    "soon": "Often within a few weeks.",
    "like": "A clinic visit on weekdays. You stay awake.",
    "common": "Headache.",
    "serious": "Rare serious problems.",
    "unsuitable": "People with metal implants.",
    "lasting": "Not well known.",
    "status": "Cleared in the US.",
    "evidence": "Moderate: several trials.",
    "cost": "Insurers differ.",
}


def short_answers(**over: str) -> dict[str, Any]:
    """The ten short answers of a record, each citing `ref-one`; `over` replaces texts by key."""
    return {k: {"text": over.get(k, t), "refs": ["ref-one"]} for k, t in SHORT_TEXTS.items()}


def record(rid: str = "alpha", **over: Any) -> dict[str, Any]:
    """A complete, valid intervention record citing `ref-one`."""
    st = {"text": "A plain statement.", "refs": ["ref-one"]}
    d: dict[str, Any] = {
        "id": rid,
        "name": f"Treatment {rid.title()}",
        "short_name": rid.upper(),
        "aliases": [f"{rid}-alias"],
        "category": "neuromodulation",
        "summary": "A short plain summary without figures.",
        "mechanism": copy.deepcopy(st),
        "setting": {
            "where": ["clinic"],
            "given_by": "A nurse.",
            "anaesthesia": "none",
            "schedule": "Every weekday for a few weeks.",
            "time_to_effect": "A few weeks.",
            "daily_life": "You can go home afterwards.",
            "refs": ["ref-one"],
        },
        "status": {"label": "approved", "note": "US: cleared"},
        "regulatory": [
            {
                "region": "US",
                "body": "FDA",
                "status": "Cleared",
                "year": 2010,
                "indication": "Depression.",
                "refs": ["ref-one"],
            }
        ],
        "guidelines": [{"body": "NICE", "year": 2022, "position": "May be used.", "refs": ["ref-one"]}],
        "outcomes": [
            {
                "measure": "response",
                "label": "symptoms fell by half or more (response)",
                "per_100": {"value": 30},
                "comparator": {"label": "sham", "kind": "sham", "per_100": {"value": 10}},
                "population": "Adults with depression",
                "timeframe": "after 4 weeks",
                "threshold": "50% drop on HAM-D",
                "study": "Trial of 100 people",
                "design": "rct",
                "refs": ["ref-one"],
            }
        ],
        "side_effects": {"common": [copy.deepcopy(st)], "serious": [copy.deepcopy(st)]},
        "not_suitable_for": [copy.deepcopy(st)],
        "durability": [copy.deepcopy(st)],
        "access": [copy.deepcopy(st)],
        "questions_to_ask": ["How long does it take?"],
        "evidence": {"certainty": "moderate", "why": "Several trials.", "refs": ["ref-one"]},
        "short": short_answers(),
        "related": [],
        "references": ["ref-one"],
        "last_reviewed": "2026-01-01",
    }
    d.update(over)
    return d


def dump(data: Any) -> str:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    # YAML dates: write ISO strings unquoted so they load as dates
    return text.replace("'2026-01-01'", "2026-01-01")


# a knowledge base needs at least one crisis line (E112): written unless `extra` gives crisis.yaml. No
# `number`, so the footer is the general pointer (wording.CRISIS_POINTER), whatever the reader's region.
CRISIS_LINE = {
    "region": "INTL",
    "region_name": "Everywhere",
    "service": "Find A Helpline",
    "contact": "findahelpline.com",
    "hours": "Varies",
    "url": "https://findahelpline.com",
    "checked": "2026-01-01",
    "source": "https://findahelpline.com",
}


def write_kb(
    root: Path,
    records: list[dict[str, Any]] | None = None,
    refs: list[dict[str, Any]] | None = None,
    extra: dict[str, str] | None = None,
) -> Path:
    """Write a knowledge base folder; `extra` maps relative paths to raw file text (crisis.yaml: see
    CRISIS_LINE)."""
    (root / "interventions").mkdir(parents=True, exist_ok=True)
    (root / "references").mkdir(exist_ok=True)
    for r in records if records is not None else [record()]:
        (root / "interventions" / f"{r['id']}.yaml").write_text(dump(r), encoding="utf-8")
    (root / "references" / "refs.yaml").write_text(dump(refs if refs is not None else [ref()]), encoding="utf-8")
    if "crisis.yaml" not in (extra or {}):
        (root / "crisis.yaml").write_text(dump([CRISIS_LINE]), encoding="utf-8")
    for rel, text in (extra or {}).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb", [record("alpha"), record("beta", aliases=["b-alias"])])


def _command_once_per_app() -> None:
    """typer's CliRunner builds the click command from the Typer app at every `invoke` (about 5 ms: measured,
    15 ms an in-process `crisis` with it, 10 ms without). Built once per app object instead: the same app gives
    the same command, and a test that needs another makes a new app (test_golden's Spanish --help imports a
    fresh copy of the module)."""
    import typer.main
    import typer.testing

    built: dict[int, tuple[Any, Any]] = {}

    def command(app: Any) -> Any:
        hit = built.get(id(app))
        if hit is None or hit[0] is not app:
            hit = built[id(app)] = (app, typer.main.get_command(app))
        return hit[1]

    typer.testing._get_command = command  # type: ignore[attr-defined]


_command_once_per_app()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never write to the real user cache folder."""
    import os

    os.environ["TRDGUIDE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # the footer's crisis line follows the reader's region: tests run with none, whatever the machine's locale
    os.environ["LANG"] = "C.UTF-8"
    for var in ("LC_ALL", "LC_MESSAGES", "TRDGUIDE_REGION", "LANGUAGE", "TRDGUIDE_LANG"):
        os.environ.pop(var, None)


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the bundled knowledge base's cache, written once per test process as a first run
    of the command would write it; tests that start `trdguide` in a new process read it (and only read it).

    Written by a new process started as those tests start theirs (`python -c`, in the same folder), so that it
    imports the same trdguide: from the repository, a `python -c` finds the source tree first, where the test
    process may be using an installed copy whose bundled data (and so whose cache) is another."""
    import os
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("warm-cache")
    env = {k: v for k, v in os.environ.items() if k != "TRDGUIDE_NO_CACHE"}
    subprocess.run(
        [sys.executable, "-c", "from trdguide import cache\ncache.open_store(None)"],
        check=True,
        capture_output=True,
        env={**env, "TRDGUIDE_CACHE_DIR": str(folder)},
    )
    return folder


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Any:
    """A test that switches language (--lang, a test catalog) leaves the next test in English."""
    yield
    from trdguide import i18n

    i18n.use_catalog(i18n.SOURCE, None)


@pytest.fixture
def es() -> Any:
    """Spanish for one test, English again afterwards (whatever the test does)."""
    from trdguide import i18n

    i18n.set_language("es")
    try:
        yield
    finally:
        i18n.set_language("en")


# --- the website ---------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_kb(tmp_path: Path) -> Path:
    """A knowledge base whose every kind of text carries HTML: the website must show it as text."""
    a = record("alpha", name="Alpha " + HOSTILE, summary="Plain words. " + HOSTILE, aliases=["a<b>"])
    a["short"]["work"]["text"] = "About 30 in 100 " + HOSTILE
    a["side_effects"]["common"][0]["text"] = HOSTILE
    a["outcomes"][0]["study"] = "Study " + HOSTILE
    b = record("beta", short_name="B&<i>")
    faq = [{"id": "qq", "question": "Why " + HOSTILE + "?", "answer": HOSTILE}]
    gloss = [{"term": "Term <b>x</b>", "definition": HOSTILE}]
    refs = [ref("ref-one", citation="Cite " + HOSTILE, url='https://evil.example/"><script>alert(2)</script>')]
    return write_kb(tmp_path / "kb", [a, b], refs=refs, extra={"faq.yaml": dump(faq), "glossary.yaml": dump(gloss)})


# --- the website and a real browser: one of each per test process, whichever module asks first -----------
# Defined here, not in test_site.py: a session fixture imported into another module is a second fixture
# there, and the site was built (and a browser started) again for each module that imported it.

# Debian's headless shell first (package chromium-headless-shell: the same Blink and V8 as Debian's chromium,
# without the desktop browser around them; the browser tests took 15 to 21% less CPU time with it), else
# the full browser
CHROMIUM = (
    shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
    or shutil.which("google-chrome")
)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled knowledge base's website, built once per test process and only read by the tests."""
    from typer.testing import CliRunner

    from trdguide.cli import app

    out = tmp_path_factory.mktemp("site") / "public"
    r = CliRunner().invoke(app, ["site", str(out)])
    assert r.exit_code == 0, r.output
    assert "Wrote" in r.output
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def server(bundled_site: Path) -> Iterator[str]:
    """The address of `bundled_site` served on this machine's loopback."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(bundled_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium per test process (Debian's, driven by Playwright), shared by every browser test: each test
    opens its own context, so no test sees another's pages, storage or settings."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (.ci/run installs it from Debian's packages)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install '.[test]')")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Exception as exc:  # a broken or incompatible browser: say why, do not pass silently
            pytest.skip(f"Chromium at {CHROMIUM} could not be started by Playwright: {str(exc)[:200]}")
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A desktop-sized page of its own context that records what must not happen (`page.problems`): a script
    error, an error in the console, a request anywhere but the site's own files. The test fails if any did."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("request", lambda r: None if r.url.startswith((server, "data:")) else problems.append(f"request {r.url}"))
    pg.problems = problems
    yield pg
    context.close()
    assert problems == [], problems  # no policy violations, script errors or requests elsewhere


# --- axe-core in the page --------------------------------------------------------------------------------

# The rules whose verdict a colour scheme can change. A page that passed every rule in one scheme is checked
# in the other with these alone: the document, its names, roles and structure, is the same in both.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_problems(pg: Any, colours_only: bool = False) -> list[tuple[str, str, list[Any]]]:
    """axe-core's serious and critical violations on the page as it is now: (rule, impact, first targets).

    axe is injected once per document (a page checked again after a click is not injected again)."""
    if not pg.evaluate("typeof window.axe === 'object'"):
        from axe_playwright_python.sync_playwright import Axe

        pg.evaluate(Axe().axe_script)
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if colours_only:
        options["runOnly"] = {"type": "rule", "values": AXE_COLOUR_RULES}
    found = pg.evaluate("options => axe.run(document, options)", options)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A module's tests of the built site and the browser run in one test process (`--dist loadgroup`): that
    process builds the site and starts Chromium once for all of them, and the modules still share out over
    the cores of a larger machine."""
    for item in items:
        if {"browser", "bundled_site", "server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("site-" + item.path.stem))
