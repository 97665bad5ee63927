"""The exact commands the README and the issues name, on the bundled knowledge base."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from trdguide.cli import app
from trdguide.knowledge import KnowledgeBase
from trdguide.wording import ROWS, about

runner = CliRunner()
ANSI = re.compile(r"\x1b\[")


def flat(s: str) -> str:
    return " ".join(s.split())


def test_compare_tms_ketamine() -> None:
    r = runner.invoke(app, ["compare", "tms", "ketamine"])
    assert r.exit_code == 0, r.output
    assert not ANSI.search(r.stdout) and "Comparing: rTMS (repetitive transcranial magnetic stimulation)" in r.stdout
    # cells of a side-by-side table interleave when wrapped: read the same content in linear text
    r = runner.invoke(app, ["compare", "tms", "ketamine", "--format", "text"])
    out = flat(r.stdout)
    kb = KnowledgeBase.load()
    for iid in ("rtms", "iv-ketamine"):
        short = kb.get(iid).short
        assert short is not None and flat(short.work.text) in out and flat(short.cost.text) in out
    for row in ROWS:
        assert row.label in out
    assert "not a head-to-head trial" in out and "--detail" in out
    assert "Education, not medical advice" in out and "988" in out
    # the detail: every result in words, with the related options
    out = flat(runner.invoke(app, ["compare", "tms", "ketamine", "--detail", "--format", "text"]).stdout)
    for iid in ("rtms", "iv-ketamine"):
        for o in kb.get(iid).outcomes:
            if o.per_100 is not None:
                assert f"{about(o.per_100)} people" in out
    assert "See also:" in out and "iTBS" in out and "Esketamine" in out


def test_compare_ketamine_ect_shows_the_direct_trials() -> None:
    r = runner.invoke(app, ["compare", "ketamine", "ect", "--format", "json"])
    doc = json.loads(r.stdout)["data"]
    ids = {h["id"] for h in doc["head_to_head"]}
    assert len(ids) >= 2
    text = flat(runner.invoke(app, ["compare", "ketamine", "ect"]).stdout)
    assert "Compared directly in a trial" in text and "ELEKT-D (403" in text and "KetECT (186" in text
    text = flat(runner.invoke(app, ["compare", "ketamine", "ect", "--detail"]).stdout)
    assert "Compared directly: ELEKT-D" in text and "Compared directly: KetECT" in text


def test_list_all_options() -> None:
    r = runner.invoke(app, ["list", "--format", "json"])
    doc = json.loads(r.stdout)["data"]
    assert doc["count"] == len(KnowledgeBase.load()) >= 30
    r = runner.invoke(app, ["list"])
    assert r.exit_code == 0 and f"Options ({doc['count']})" in r.stdout
    r = runner.invoke(app, ["list", "--status", "investigational", "--format", "json"])
    ids = {i["id"] for i in json.loads(r.stdout)["data"]["interventions"]}
    assert {"dbs", "mst", "psilocybin"} <= ids and "rtms" not in ids


def test_faq_answers_the_source_questions() -> None:
    r = runner.invoke(app, ["faq"])
    assert r.exit_code == 0
    out = flat(r.stdout).lower()
    for words in (
        "what is treatment-resistant depression",
        "stigma",
        "personal stories",
        "support",
        "resilience",
        "stay well",
        "crisis",
        "will a treatment work for me",
        "cost",
    ):
        assert words in out, words


def test_show_names_and_see_also() -> None:
    r = runner.invoke(app, ["show", "tms", "--format", "text"])
    assert r.exit_code == 0
    out = flat(r.stdout)
    assert "Repetitive transcranial magnetic stimulation" in out
    assert "See also:" in out and "Last reviewed:" in out
    r = runner.invoke(app, ["show", "ketamin"])
    assert r.exit_code == 0 and "Intravenous ketamine" in flat(r.stdout)
    r = runner.invoke(app, ["show", "ketamne"])
    assert r.exit_code == 1 and "Did you mean" in r.stderr
