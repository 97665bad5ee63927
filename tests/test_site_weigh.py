"""The website's page "What matters to you" (weigh.html): the same exercise as `trdguide weigh`.

The page's data is the knowledge layer's export (`weighing.weigh_table`); its script only keeps the keys
ticked and groups. A real browser checks that the page and `trdguide weigh --format json` mark the same
options in the same groups for the same answers, with the same reasons and short answers.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import HOSTILE, axe_problems
from typer.testing import CliRunner

from trdguide import wording
from trdguide.cli import app
from trdguide.knowledge import KnowledgeBase
from trdguide.render import site as site_module
from trdguide.render.site import ASSET_MARK, NAV
from trdguide.weighing import AVOID_KEYS, MATTER_ROWS, MAX_MATTERS, conflict

runner = CliRunner()
ENV = {"NO_COLOR": "1", "COLUMNS": "80", "PAGER": "cat"}


def weigh_data(root: Path) -> dict[str, Any]:
    text = (root / "assets" / "weigh-data.js").read_text(encoding="utf-8")
    prefix = ASSET_MARK + "window.TRDGUIDE_WEIGH = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data: dict[str, Any] = json.loads(text[len(prefix) : -2])
    return data


def cli_weigh(avoid: list[str], matters: list[str]) -> dict[str, Any]:
    args = ["weigh", "--format", "json"]
    args += ["--avoid", ",".join(avoid)] if avoid else []
    args += ["--matters", ",".join(matters)] if matters else []
    r = runner.invoke(app, args, env=ENV)
    assert r.exit_code == 0, r.output
    data: dict[str, Any] = json.loads(r.stdout)["data"]
    return data


# --- the files ---------------------------------------------------------------------------------------


def test_the_data_is_the_query_s_answer_per_key(bundled_site: Path) -> None:
    kb = KnowledgeBase.load()
    data = weigh_data(bundled_site)
    # the guide's order (with nothing to avoid, the command line lists every option in it), every option once
    assert sorted(data["order"]) == sorted(kb.filter()) and len(set(data["order"])) == len(kb)
    assert data["order"] == [o["id"] for o in cli_weigh([], [])["options"]]
    for iid in data["order"]:
        item = kb.get(iid)
        for key in AVOID_KEYS:
            said, want = data["options"][iid]["avoid"][key], conflict(item, key)
            if want is None or want == "not-known":
                assert said == want, (iid, key, said)
            else:
                assert not isinstance(want, str)
                assert said["field"] == want.field, (iid, key)
                assert said["reason"] == wording.conflict_reason(key, want.reason, want.value), (iid, key)
    assert data["most"] == MAX_MATTERS == site_module.MAX_MATTERS
    assert sorted(data["avoid"]) == sorted(AVOID_KEYS)
    assert [g for g, _ in data["groups"]] == ["none", "one", "more"]
    assert sorted(data["options"]["ect"]["matters"]) == sorted(MATTER_ROWS)


def test_the_page_without_javascript_has_every_option_and_every_conflict(bundled_site: Path) -> None:
    kb = KnowledgeBase.load()
    text = (bundled_site / "weigh.html").read_text(encoding="utf-8")
    assert htmllib.escape(wording.WEIGH_FRAMING) in text
    assert "not a recommendation" in text and "not a reason to rule an option out" in text
    assert 'id="weigh-form" class="weigh-form" action="weigh.html" method="get" hidden' in text
    assert text.count('<tr data-id="') == len(kb)
    every = cli_weigh(list(AVOID_KEYS), [])
    for o in every["options"]:
        row = re.search(rf'<tr data-id="{o["id"]}">(.*?)</tr>', text)
        assert row is not None, o["id"]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
        assert len(cells) == len(AVOID_KEYS)
        marked = [k for k, c in zip(AVOID_KEYS, cells) if c.startswith("Yes. ")]
        assert marked == [c["key"] for c in o["conflicts"]], o["id"]
        for c in o["conflicts"]:
            assert htmllib.escape(c["reason"]) in row.group(1), (o["id"], c["key"])
        unknown = [k for k, c in zip(AVOID_KEYS, cells) if c == htmllib.escape(wording.WEB_WEIGH_CELL_NOT_KNOWN)]
        assert unknown == o["not_known"], o["id"]


def test_the_page_s_own_words_never_score_or_pick() -> None:
    """No totals, stars or "best": the template and the script say none of it (the framing says it does not)."""
    from importlib import resources

    base = resources.files("trdguide.render")
    own = base.joinpath("templates/site/weigh.html.j2").read_text(encoding="utf-8")
    own += base.joinpath("static/weigh.js").read_text(encoding="utf-8")
    assert re.findall(r"\b(?:scores?|best|stars?|rank\w*|totals?|recommend\w*)\b|\.sort\(", own, re.I) == []


def test_every_page_links_to_the_page() -> None:
    assert ("weigh.html", wording.WEIGH_TITLE) in NAV


# --- a real browser ----------------------------------------------------------------------------------


@pytest.fixture
def page(page: Any, server: str) -> Any:
    """conftest's watched page, on weigh.html; and nothing is sent: no form sent to the server."""
    page.on("request", lambda r: page.problems.append(f"sent {r.url}") if r.method != "GET" or "?" in r.url else None)
    page.goto(server + "weigh.html")
    return page


def set_answers(pg: Any, avoid: list[str], matters: list[str]) -> None:
    for key in AVOID_KEYS:
        box = pg.locator(f"#avoid-{key}")
        box.check() if key in avoid else box.uncheck()
    for key in MATTER_ROWS:
        pg.locator(f"#matters-{key}").uncheck()
    for key in matters:
        pg.locator(f"#matters-{key}").check()


SHOWN = """() => Array.from(document.querySelectorAll('#weigh-groups section[data-group]')).map(s => [
  s.getAttribute('data-group'),
  s.querySelector('h2').textContent,
  Array.from(s.querySelectorAll('ul.weigh-options > li')).map(li => ({
    id: li.getAttribute('data-id'),
    conflicts: Array.from(li.querySelectorAll('li[data-key]')).map(c => [c.getAttribute('data-key'), c.textContent]),
    matters: Array.from(li.querySelectorAll('li[data-matter]'))
      .map(c => [c.getAttribute('data-matter'), c.textContent]),
    notKnown: Array.from(li.querySelectorAll('li.not-known')).map(c => c.textContent),
  })),
])"""

ANSWERS = [
    (["anaesthesia"], []),
    (["weekday-visits"], []),
    (["unapproved"], ["works"]),
    (["no-driving", "controlled-drug"], []),
    (["implant", "slow"], ["soon", "side-effects"]),
    (list(AVOID_KEYS), []),
    (list(AVOID_KEYS), ["risks", "cost", "evidence"]),
    ([], ["time"]),
    ([], []),
    (["unapproved", "slow"], ["evidence", "works", "soon"]),
    (["anaesthesia", "weekday-visits", "controlled-drug"], ["side-effects"]),
]


def test_the_page_marks_what_the_command_line_marks(page: Any) -> None:
    assert len({(tuple(a), tuple(m)) for a, m in ANSWERS}) >= 8
    for avoid, matters in ANSWERS:
        set_answers(page, avoid, matters)
        want = cli_weigh(avoid, matters)
        got = page.evaluate(SHOWN)
        assert [g for g, _, _ in got] == ["none", "one", "more"]
        for group, heading, members in got:
            cli = [o for o in want["options"] if o["group"] == group]
            where = (avoid, matters, group)
            assert heading == wording.weigh_group_heading(group, len(cli)), where
            assert [m["id"] for m in members] == [o["id"] for o in cli], where
            for m, o in zip(members, cli):
                assert [k for k, _ in m["conflicts"]] == [c["key"] for c in o["conflicts"]], (where, o["id"])
                for (k, line), c in zip(m["conflicts"], o["conflicts"]):
                    assert line == f"Conflict, {wording.AVOID_WORDS[k][1]}: {c['reason']}", (where, o["id"])
                assert [k for k, _ in m["matters"]] == [x["key"] for x in o["matters"]] == matters, where
                for (k, line), x in zip(m["matters"], o["matters"]):
                    if x["short"] is not None:
                        assert line == wording.matter_line(k, x["short"]), (where, o["id"], k)
                if o["not_known"]:
                    things = "; ".join(wording.AVOID_WORDS[k][1] for k in o["not_known"])
                    assert m["notKnown"] == [wording.WEIGH_NOT_KNOWN.format(things=things)], (where, o["id"])
                else:
                    assert m["notKnown"] == [], (where, o["id"])
        said = page.locator("#weigh-said-lines").inner_text()
        assert wording.avoid_list(avoid) in said and wording.matters_list(matters) in said
        assert (wording.WEIGH_NOTHING_SAID in said) == (not avoid)


def test_no_more_than_three_matter_and_nothing_is_kept(page: Any) -> None:
    for key in ("works", "soon", "cost"):
        page.locator(f"#matters-{key}").check()
    assert page.locator("#matters-risks").is_disabled()
    assert "untick one first" in page.locator("#weigh-status").inner_text()
    page.locator("#matters-soon").uncheck()
    assert page.locator("#matters-risks").is_enabled() and page.locator("#weigh-status").inner_text() == ""
    page.locator("#matters-risks").check()
    got = page.evaluate(SHOWN)
    assert [k for k, _ in got[0][2][0]["matters"]] == ["works", "cost", "risks"]  # the order ticked
    # nothing stored: no cookie, nothing in the browser's storage, the address unchanged
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("location.pathname + location.search") == "/weigh.html"


def test_the_page_works_with_the_keyboard_alone(page: Any) -> None:
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "avoid-anaesthesia":
            break
    else:
        pytest.fail("the first box cannot be reached with Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "avoid-weekday-visits"
    want = cli_weigh(["anaesthesia"], [])
    got = {g: [m["id"] for m in members] for g, _, members in page.evaluate(SHOWN)}
    assert got["one"] == [o["id"] for o in want["options"] if o["group"] == "one"] and got["one"]
    # the page as printed: the choices and the full table give way to what the reader said and the groups
    page.emulate_media(media="print")
    assert page.locator("#weigh-form").is_hidden() and page.locator("#weigh-all").is_hidden()
    assert page.locator("#weigh-groups").is_visible() and page.locator("#weigh-said-lines").is_visible()


def test_from_disk(browser: Any, bundled_site: Path) -> None:
    context = browser.new_context()
    pg = context.new_page()
    try:
        pg.goto((bundled_site / "weigh.html").as_uri())
        pg.locator("#avoid-slow").check()
        groups = {g: len(members) for g, _, members in pg.evaluate(SHOWN)}
        want = cli_weigh(["slow"], [])
        assert groups == {g: sum(o["group"] == g for o in want["options"]) for g in ("none", "one", "more")}
    finally:
        context.close()


def test_without_javascript_the_table_shows_everything(browser: Any, server: str) -> None:
    kb = KnowledgeBase.load()
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(server + "weigh.html")
        assert pg.locator("#weigh-form").is_hidden() and pg.locator("#weigh-result").is_hidden()
        rows = pg.locator("#weigh-all tbody tr")
        assert rows.count() == len(kb) and all(r.is_visible() for r in rows.all())
        assert "needs a general anaesthetic" in pg.locator("#weigh-all tr[data-id='ect']").inner_text().lower()
        assert wording.WEIGH_FRAMING in pg.locator("main").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_in_light_and_dark(browser: Any, server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(server + "weigh.html")
        for answers in ((["slow", "unapproved", "anaesthesia"], ["works", "soon", "cost"]), ([], [])):
            set_answers(pg, *answers)
            assert axe_problems(pg, colours_only=scheme == "dark") == [], (scheme, answers)
            levels = pg.eval_on_selector_all(
                "h1, h2, h3, h4", "els => els.filter(e => e.offsetParent !== null).map(e => Number(e.tagName[1]))"
            )
            assert levels[0] == 1 and levels.count(1) == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    finally:
        context.close()


def test_phone_width_no_sideways_scroll(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        pg.goto(server + "weigh.html")
        for avoid, matters in (([], []), (list(AVOID_KEYS), ["works", "side-effects", "evidence"])):
            set_answers(pg, avoid, matters)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (avoid, width)
    finally:
        context.close()


def test_hostile_data_stays_text_on_the_page(browser: Any, hostile_kb: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert runner.invoke(app, ["--data", str(hostile_kb), "site", str(out)]).exit_code == 0
    data = weigh_data(out)
    alpha = data["options"]["alpha"]
    assert HOSTILE in alpha["label"] and alpha["matters"]["works"].endswith(HOSTILE)  # whole, for textContent
    pg = browser.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        pg.goto((out / "weigh.html").as_uri())
        pg.locator("#matters-works").check()
        shown = pg.locator("#weigh-groups").inner_text()
        assert HOSTILE in shown and "About 30 in 100 " + HOSTILE in shown
        assert pg.locator("#weigh-groups script, #weigh-groups img, #weigh-groups b, #weigh-groups i").count() == 0
        assert dialogs == []
    finally:
        pg.close()
