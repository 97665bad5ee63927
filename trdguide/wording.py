"""Every sentence the program itself says: labels, questions, captions, figures in words, the framing.

One module, so that wording is reviewed in one place (and can be translated later). It knows the
records' shape (models) but nothing of terminals, files or the knowledge base: renderers and the CLI
call it; queries never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .summaries import comparator_kind, per100
from .vocab import Anaesthesia, ComparatorKind, Place, StatusLabel

if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Sequence

    from .models import Figure, Intervention, Outcome
    from .views import NameNote

# Each fits one line at 80 columns: they frame every output, so they must not push the answer off screen.
DISCLAIMER = "Education, not medical advice: ask your care team before changing treatment."
CRISIS_POINTER = "In crisis or suicidal? Call or text 988 (US, Canada). Elsewhere: trdguide crisis"
# after `trdguide crisis` failed because the knowledge base has problems (so it cannot point to itself)
CRISIS_POINTER_NO_DATA = "In crisis or suicidal? Call or text 988 (US, Canada), or your local emergency number."


def crisis_pointer_for(number: str, emergency: str | None, texts: bool) -> str:
    """The footer for a reader whose region is known: its crisis number and its emergency number."""
    verb = "Call or text" if texts else "Call"
    danger = f", or {emergency} if in danger" if emergency else ""
    return f"In crisis or suicidal? {verb} {number}{danger}. trdguide crisis"


FOOTER_MAX = 80  # the one-line footer fits an 80-column terminal


def crisis_pointer_general(numbers: list[tuple[str, list[str]]]) -> str:
    """The footer where the region is not known: the main number of each covered region, in one line."""
    parts = [f"{number} ({'/'.join(regions)})" for number, regions in numbers]
    line = f"In crisis? {' · '.join(parts)} · trdguide crisis"
    while len(line) > FOOTER_MAX and len(parts) > 1:  # the last numbers give way; `trdguide crisis` lists all
        parts.pop()
        line = f"In crisis? {' · '.join(parts)} · trdguide crisis"
    return line


def crisis_pointer_local(directory: str | None) -> str:
    """The footer where the reader's country is known but not covered (a locale such as en_IN, or an unknown
    --region / TRDGUIDE_REGION): the local emergency number and the international directory of helplines."""
    where = f"see {directory}" if directory else "see: trdguide crisis"
    return f"In crisis? Call your local emergency number, or {where}"


LOCAL_EMERGENCY = "If you are in danger now, call your local emergency number."


def region_not_covered(asked: str, regions: Sequence[tuple[str, str]]) -> str:
    """`crisis --region X` where X names no covered region: say so, and which regions are covered."""
    covered = ", ".join(f"{name} ({code})" for code, name in regions)
    return f"This guide has no crisis line of its own for {asked[:40]!r}. It has lines for: {covered}."


def region_did_you_mean(names: Sequence[str], code: str) -> str:
    """A close spelling of a covered region, with the command that shows its lines."""
    return f"Did you mean {' or '.join(names)}? For its lines: trdguide crisis --region {code}"


def region_fallback_note(asked: str) -> str:
    """One line (standard error) where --region or TRDGUIDE_REGION names no covered region: the command
    still runs, with general crisis help in its footer."""
    return f"Note: no crisis line for region {asked[:40]!r} here; the footer gives general help."


def other_service_line(name: str, contact: str, who: str | None, hours: str) -> str:
    """A further service in a region (a text line, or one for a group of people), as one bullet."""
    for_whom = f", for {who}" if who else ""
    return f"Also: {name}{for_whom}: {contact}. {hours}."


HOPE_LINE = "Depression that has not yet responded to treatment can still get better; many options exist."
COMPARISON_CAVEAT = "The grid's figures come from different studies and people, not a head-to-head trial."


# --- how figures are said in words -----------------------------------------------------------------


SMALL = 5  # below this (out of 100), figures are given out of 1,000 so that small differences stay visible


def about(fig: Figure, per: int = 100) -> str:
    """'about 29 in 100'; '0 in 100' and 'fewer than 1 in 100' where that is what the figure says.

    With `per=1000`: 'about 11 in 1,000' (for small figures, e.g. 1.1 in 100).
    """
    v = fig.value
    if per == 1000:
        return "0 in 1,000" if v == 0 else f"about {per100(v * 10)} in 1,000"
    if v == 0:
        return "0 in 100"
    return "fewer than 1 in 100" if v < 1 else f"about {per100(v)} in 100"


def scale_for(*figs: Figure | None) -> int:
    """100, or 1000 where every figure in one sentence is small (so 1.1 and 1.6 do not read as 1 and 2)."""
    values = [f.value for f in figs if f is not None]
    return 1000 if values and max(values) < SMALL and any(v > 0 for v in values) else 100


KIND_WORDS = {
    ComparatorKind.sham: "against a sham (fake) treatment",
    ComparatorKind.placebo: "against a placebo (dummy treatment)",
    ComparatorKind.active: "against another real treatment",
    ComparatorKind.usual_care: "against usual care or a control group without the treatment",
    ComparatorKind.other_population: "not a controlled comparison: the same treatment in a different group of people",
    ComparatorKind.none: "no comparison group",
}


def icon_count(fig: Figure) -> int:
    """How many of 100 icons to fill for a figure (rounded, always out of 100)."""
    return max(0, min(100, per100(fig.value)))


def likely_range(fig: Figure) -> str:
    if fig.low is not None and fig.high is not None:
        return f" (likely range {per100(fig.low)} to {per100(fig.high)})"
    return ""


def describe_outcome(o: Outcome, threshold: bool = True) -> str:
    """One outcome as a sentence: figure, comparator, population, time frame, study (and threshold)."""
    label = o.label[0].upper() + o.label[1:]
    parts: list[str] = []
    if o.per_100 is not None:
        per = scale_for(o.per_100, o.comparator.per_100 if o.comparator else None)
        head = f"{label}: {about(o.per_100, per)} people{likely_range(o.per_100) if per == 100 else ''}"
        if o.comparator is not None:
            if o.comparator.per_100 is not None:
                head += f", compared with {about(o.comparator.per_100, per)} with {o.comparator.label}"
            else:
                head += f", compared with {o.comparator.label}"
        parts.append(head)
        if o.result:
            parts.append(o.result)
    else:
        parts.append(f"{label}: {o.result}")
        if o.comparator is not None:
            parts.append(f"Compared with: {o.comparator.label}")
    parts.append(f"Comparison: {KIND_WORDS[comparator_kind(o)]}")
    parts += [f"Who: {o.population}", f"When: {o.timeframe}"]
    if threshold and o.threshold:
        parts.append(f"Measured as: {o.threshold}")
    parts.append(f"Study: {o.study}")
    if o.note:
        parts.append(o.note)
    return " ".join(_sentence(p) for p in parts)


def _sentence(text: str) -> str:
    """The text ending in exactly one full stop (or its own ! or ?)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


PLACE_SHORT = {
    Place.home: "home",
    Place.clinic: "clinic",
    Place.hospital: "hospital",
    Place.specialist_centre: "specialist",
    Place.research_study: "research",
    Place.community: "community",
    Place.online: "online",
}

ANAESTHESIA_WORDS = {
    Anaesthesia.none: "no anaesthesia",
    Anaesthesia.general: "general anaesthesia",
    Anaesthesia.surgical: "an operation to implant a device",
}

STATUS_WORDS = {
    StatusLabel.approved: "approved or cleared for a depression use",
    StatusLabel.off_label: "off-label (not approved for depression)",
    StatusLabel.investigational: "investigational (research only)",
    StatusLabel.not_approved: "not approved",
    StatusLabel.approved_other_use: "approved, but not for treatment-resistant depression",
    StatusLabel.no_approval_needed: "no approval needed (not a regulated product)",
    StatusLabel.approved_medicines_combined: "each medicine is approved; taking them together is a prescribing choice",
}
# The same, in a few words, for one-line lists
STATUS_SHORT = {
    StatusLabel.approved: "approved/cleared",
    StatusLabel.off_label: "off-label",
    StatusLabel.investigational: "research only",
    StatusLabel.not_approved: "not approved",
    StatusLabel.approved_other_use: "approved, not TRD",
    StatusLabel.no_approval_needed: "no approval needed",
    StatusLabel.approved_medicines_combined: "each drug approved",
}


class RowSpec(NamedTuple):
    """A question of the comparison grid, in full and short."""

    key: str
    question: str  # the question in full
    label: str  # the same, short enough for the side of a grid


ROWS: tuple[RowSpec, ...] = (
    RowSpec("work", "Will it work?", "Will it work?"),
    RowSpec("soon", "How soon might it help?", "How soon?"),
    RowSpec("like", "What is it like?", "What is it like?"),
    RowSpec("common", "Common side effects", "Common side effects"),
    RowSpec("serious", "Serious risks", "Serious risks"),
    RowSpec("unsuitable", "Who may not be suitable?", "Who may not be suitable?"),
    RowSpec("lasting", "How long does the benefit last?", "How long does it last?"),
    RowSpec("status", "Approval and guideline status", "Approval and guidelines"),
    RowSpec("evidence", "How strong is the evidence?", "Strength of evidence"),
    RowSpec("cost", "Cost and access", "Cost and access"),
)

ROW_TEXT = {r.key: r for r in ROWS}
IN_SHORT = "In short"


def in_short_line(key: str, short: str) -> str:
    """One short answer of an option, after its question's label: "Will it work? About 29 in 100 ..."."""
    label = ROW_TEXT[key].label
    return f"{label} {short}" if label.endswith("?") else f"{label}: {short}"


def in_short_lead(key: str) -> str:
    """The words of `in_short_line` before the answer ("Will it work?", "Cost and access:"), which the website
    sets in bold: `in_short_lead(key) + " " + short == in_short_line(key, short)`."""
    label = ROW_TEXT[key].label
    return label if label.endswith("?") else f"{label}:"


def cell_detail(item: Intervention, key: str) -> list[str]:
    """The full text of one comparison cell (plain strings): every result, every statement."""
    if key == "work":
        outs = [describe_outcome(o, threshold=False) for o in item.outcomes]
        return outs or ["No trial figures for this option in the knowledge base."]
    if key == "soon":
        return [item.setting.time_to_effect]
    if key == "like":
        where = ", ".join(p.value.replace("-", " ") for p in item.setting.where)
        return [
            f"Where: {where}. {ANAESTHESIA_WORDS[item.setting.anaesthesia].capitalize()}.",
            item.setting.schedule,
            item.setting.daily_life,
        ]
    if key == "common":
        return [s.text for s in item.side_effects.common]
    if key == "serious":
        return [s.text for s in item.side_effects.serious]
    if key == "unsuitable":
        return [s.text for s in item.not_suitable_for]
    if key == "lasting":
        return [s.text for s in item.durability]
    if key == "status":
        out = [f"Status: {STATUS_WORDS[item.status.label]}. {item.status.note}"]
        for r in item.regulatory:
            year = f", {r.year}" if r.year else ""
            out.append(f"{r.region.value} ({r.body}{year}): {r.status}.")
        for g in item.guidelines:
            out.append(f"Guideline, {g.body} {g.year}: {g.position}")
        return out
    if key == "evidence":
        return [f"{item.evidence.certainty.value.replace('-', ' ').capitalize()}. {item.evidence.why}"]
    if key == "cost":
        return [s.text for s in item.access]
    raise KeyError(key)


# --- about ----------------------------------------------------------------------------------------

ABOUT_WHAT = (
    "trdguide is an offline guide that helps people understand and compare treatment options for "
    "depression that has not improved enough with treatment (treatment-resistant depression). It is "
    "for patients, families, students and writers preparing for a conversation with a clinician."
)
ABOUT_NOT = (
    "It is not medical advice, not a diagnosis, and not a recommendation of any treatment. It cannot "
    "know your history. Decisions belong to you and your care team."
)
ABOUT_EVIDENCE = (
    "Figures come from randomised trials, meta-analyses, regulator records, product labels and "
    "guidelines, each cited with a PMID, DOI or official web address. Where sources disagree, both are "
    "shown. Facts that could not be confirmed in a primary source were left out."
)
ABOUT_SCOPE = (
    "Adults (18 and over) with depression that has not improved enough after treatment: major "
    "depression, not depression in bipolar disorder, which is treated differently. Children and "
    "teenagers are not covered. Where an option has an approved use outside this scope, its approval "
    "section says so (for example, an rTMS device was cleared by the US FDA in 2024 as an add-on for ages "
    "15 to 21; ages 18 to 21 are within this guide's scope and 15 to 17 are not: trdguide show rtms)."
)
ABOUT_AUDIT = (
    "Last content audit: 2026-12-07. Two random audits found no wrong figure (26 of 28 short answers and "
    "30 of 30 access, crisis and head-to-head claims confirmed as written); the wording, scope and "
    "citation problems they noted were corrected. The audit before it (2026-12-03) checked 40 claims drawn "
    "at random against the cited sources: 37 were confirmed as written and 3 were corrected. The samples, "
    "method and verdicts are in docs/content-audit.md in the source repository."
)
BUNDLED_SOURCE = "the knowledge base bundled with trdguide"


def replaced_record(kind: str, key: str, file: str) -> str:
    """A line of `about`: a record of the user's folder that replaces a bundled one."""
    return f"Replaces the bundled {kind} {key!r}: {file}"
ABOUT_UPDATES = (
    "Each record shows the date it was last reviewed. Records are meant to be reviewed at least once a "
    "year, and sooner when a regulator or a major guideline changes its position. What changed at each "
    "review, and why, is listed by trdguide changes."
)
ABOUT_LICENCE = (
    "The program is free software under the MIT licence (the LICENSE file). The content (the knowledge "
    "base: every option, figure, answer and reference list) is under the Creative Commons Attribution 4.0 "
    "licence, CC BY 4.0 (data/LICENSE): you may copy, adapt and share it, also in your own materials, if "
    "you credit trdguide, link to the licence and say what you changed. We also ask, though the licence "
    "does not require it, that you keep the education-not-advice framing, where to get urgent help, the "
    "review dates and the source of every figure."
)
ABOUT_AUTHORS = (
    "Written by the trdguide contributors. No funding, and no money or support from any maker of a "
    "treatment described here."
)


# --- lists, pictures and handouts -----------------------------------------------------------------

CATEGORY_WORDS = {
    "current-care": "Usual care",
    "medication": "Medicines",
    "rapid-acting": "Rapid-acting medicines",
    "neuromodulation": "Brain stimulation",
    "psychotherapy": "Talking therapies",
    "psychedelic": "Psychedelic-assisted therapy (research)",
    "self-care-and-support": "Self-care and support",
}


PICTURE_LEGEND = (
    "Each drawing is 100 people. Filled circle: a person with this result; open circle: a person without it."
)


GENERAL_QUESTIONS = [
    "What are the likely benefits for someone like me, and how sure are we?",
    "What side effects or risks should I watch for, and what can be done about them?",
    "How soon would we know whether it is working, and what happens if it is not?",
    "How would it fit with the treatment I have now?",
    "What would it cost me, and is it covered?",
    "What happens if I decide to wait, or choose something else?",
]
WHAT_MATTERS = [
    "The chance that it helps (benefits)",
    "How quickly it might help (speed)",
    "Side effects I most want to avoid: ____________________",
    "The time it takes: visits, sessions, recovery (time commitment)",
    "Cost and insurance cover",
    "Travel and getting to appointments",
    "Something else: ____________________",
]


# --- the change log ---------------------------------------------------------------------------------


def changes_title(since: _dt.date | None) -> str:
    return f"What changed since {since.isoformat()}" if since else "What changed in this guide"


def no_changes(since: _dt.date | None) -> str:
    if since:
        return f"No option has a recorded change on or after {since.isoformat()}."
    return "No option has a recorded change yet."


def change_line(name: str, what: str, why: str) -> str:
    """One change in a list of changes: the option, what changed, and why."""
    return f"{name}: {_sentence(what)} Why: {_sentence(why)}"


def dated_change(date: _dt.date, what: str, why: str) -> str:
    """One change in an option's own list of changes."""
    return f"{date.isoformat()}: {_sentence(what)} Why: {_sentence(why)}"


def latest_change(date: _dt.date, what: str, count: int) -> str:
    """Under an option's review date: its newest change, and how to see the rest."""
    more = " Earlier changes: trdguide changes." if count > 1 else ""
    return f"Latest change ({date.isoformat()}): {_sentence(what)}{more}"


def bad_date(option: str, value: str) -> str:
    return f"{option} takes a date written YYYY-MM-DD, for example 2026-12-01 (got {value!r})."


CHANGES_HEADING = "What changed"
CHANGES_HINT = (
    "Each option's page lists its own changes. Changes since a date: trdguide changes --since YYYY-MM-DD."
)


# --- how names were understood, and problems with what was asked ------------------------------------


def name_note(note: NameNote) -> str:
    """One line at the top of an output: how a typed name was understood."""
    if note.kind == "brand":
        return f"{note.typed} is a brand name of {note.item.short_name}."
    return f"{note.typed!r} was taken to mean {note.item.short_name} ({note.item.id})."


NOT_FOUND_WHAT = {
    "intervention": "intervention",
    "faq-words": "FAQ question matching",
    "glossary-term": "glossary term",
    "region": "region",
}


def problem(exc: Exception) -> str:
    """A lookup problem (knowledge.LookupError_ and its kinds) in words, for standard error."""
    kind = getattr(exc, "kind", "")
    if kind == "not-found":
        what = getattr(exc, "what", "intervention")
        label = (
            f"FAQ question number (there are {getattr(exc, 'count', 0)})"
            if what == "faq-number"
            else NOT_FOUND_WHAT.get(what, what)
        )
        name = getattr(exc, "name", "")
        msg = f"No {label} called {name!r}."
        suggestions = getattr(exc, "suggestions", [])
        if suggestions:
            return msg + " Did you mean: " + ", ".join(suggestions) + "?"
        if what in ("intervention", "glossary-term") and " ".join(name.split()):
            # never a dead end: the words may be in the guide even if no option or term has that name
            return msg + f" To look for these words anywhere in the guide: trdguide search {' '.join(name.split())}"
        return msg
    if kind == "ambiguous":
        names = ", ".join(f"{c.id} ({c.short_name})" for c in getattr(exc, "candidates", []))
        return f"{getattr(exc, 'name', '')!r} could mean more than one option: {names}. Please use one of these names."
    if kind == "family":
        names = ", ".join(f"{m.short_name} ({m.id})" for m in getattr(exc, "members", []))
        return (
            f"{getattr(exc, 'name', '')!r} names a group of options: {names}. Please choose one or more of these names."
        )
    if kind == "bad-request":
        return _bad_request(getattr(exc, "problem", ""), getattr(exc, "fields", {}))
    return str(exc)


def _bad_request(what: str, f: dict[str, object]) -> str:
    rows = ", ".join(r.key for r in ROWS)
    if what == "empty-search":
        return "Give some words to search for, for example: trdguide search driving after esketamine."
    if what == "empty-name":
        return "An intervention name cannot be empty. Try `trdguide list` to see the names."
    if what == "count":
        return f"{f['command']} takes {f['low']} to {f['high']} names; you gave {f['given']}."
    if what == "one-option":
        item = f["item"]
        short, iid = getattr(item, "short_name", ""), getattr(item, "id", "")
        return (
            f"compare needs 2 to 5 names; you gave one ({short}). "
            f"Its short answers, then everything else: trdguide show {iid}"
        )
    if what == "same-option":
        item = f["item"]
        short = getattr(item, "short_name", "")
        return f"{f['first']!r} and {f['second']!r} are the same option ({short}). Name each option once."
    if what == "repeated":
        return f"{f['name']!r} names {getattr(f['item'], 'short_name', '')} again. Name each option once."
    if what == "no-rows":
        return f"Name at least one row to show. Rows are: {rows}."
    if what == "unknown-row":
        return f"Unknown row {f['row']!r}. Rows are: {rows}."
    if what == "unknown-weigh-key":
        return weigh_problem(f)
    if what == "too-many-matters":
        return f"Choose at most {f['most']} things that matter most; you gave {f['given']}."
    return what


# --- weigh: what matters to you --------------------------------------------------------------------

WEIGH_TITLE = "What matters to you"
WEIGH_FRAMING = (
    "This is a way to prepare for a conversation with your care team. It is not a recommendation, and it "
    "does not score or rank the options. It shows how each option meets what you said. A conflict is not "
    "a reason to rule an option out without talking it through: what an option involves, and how much "
    "that matters, can look different once you have discussed it."
)
# the things a reader may rather avoid: (as a question asks it, as a list says it)
AVOID_WORDS = {
    "anaesthesia": ("Needing a general anaesthetic", "a general anaesthetic or an operation"),
    "weekday-visits": ("Going to a clinic on most weekdays, for a week or more", "clinic visits on most weekdays"),
    "no-driving": (
        "Not being allowed to drive for a time after each session or dose",
        "no driving after a session or dose",
    ),
    "controlled-drug": ("Taking a controlled drug", "a controlled drug"),
    "implant": ("Surgery to implant a device", "surgery to implant a device"),
    "unapproved": (
        "Options not approved for this kind of depression in the places this guide covers",
        "not approved for this kind of depression",
    ),
    "slow": ("Waiting more than four weeks to know whether it helps", "more than four weeks to know if it helps"),
}
MATTER_WORDS = {
    "works": "How well it works",
    "soon": "How soon it might help",
    "side-effects": "Side effects",
    "risks": "Serious risks",
    "time": "Time and travel",
    "cost": "Cost",
    "evidence": "Strength of the evidence",
}
WEIGH_GROUPS = {
    "none": "No conflict with what you said",
    "one": "One conflict with what you said",
    "more": "More than one conflict with what you said",
}
WEIGH_GROUP_EMPTY = "No options in this group."
WEIGH_NOTHING_SAID = "You did not name anything to avoid, so every option is in the first group."
WEIGH_ORDER = "Within each group, options are in the guide's usual order, not in order of merit."
WEIGH_NOT_KNOWN = "The guide does not say whether it involves: {things}. Ask about this."
WEIGH_QUESTIONS = [
    "I said I would rather avoid some things. Which options fit that, and what would I give up?",
    "For an option with a conflict: is there a way around it (for example help with travel or driving)?",
    "Which of these options are open to me here, and what would they cost me?",
    "What happens if I wait, or keep my current treatment for now?",
]
SURE_TITLE = "How sure do you feel? (the SURE test)"
SURE_QUESTIONS = [
    "Do you feel SURE about the best choice for you?",
    "Do you know the benefits and risks of each option?",
    "Are you clear about which benefits and risks matter most to you?",
    "Do you have enough support and advice to make a choice?",
]
SURE_NOTE = (
    "Answer each question yes or no. A no to any of them is common. It suggests you may want more "
    "information or support before you decide, so tell your care team. Source: Légaré F and others, "
    "Canadian Family Physician 2010;56(8):e308-14."
)
SURE_BLANK = "Yes / No (circle one)"
WEIGH_HINT = "Without questions: trdguide weigh --avoid KEY,KEY --matters KEY,KEY (see trdguide weigh --help)."


# "What you said", on the command line and (filled in by its script) on the website's page
AVOID_LIST = "You would rather avoid: {named}."
NOTHING_NAMED = "nothing named"
MATTERS_LIST = "What matters most to you: {chosen}."
NOTHING_CHOSEN = "nothing chosen"


def avoid_list(keys: Sequence[str]) -> str:
    named = "; ".join(AVOID_WORDS[k][1] for k in keys) if keys else NOTHING_NAMED
    return AVOID_LIST.format(named=named)


def matters_list(keys: Sequence[str]) -> str:
    chosen = ", ".join(MATTER_WORDS[k].lower() for k in keys) if keys else NOTHING_CHOSEN
    return MATTERS_LIST.format(chosen=chosen)


def weigh_group_heading(group: str, count: int) -> str:
    return f"{WEIGH_GROUPS[group]} ({count})"


def conflict_reason(key: str, reason: str | None, value: str) -> str:
    """A conflict in words: the record's own words, or words for a coded value of the record."""
    if reason is not None:
        return reason
    if key == "anaesthesia" and value == "general":
        return "Needs a general anaesthetic at each treatment."
    if key in ("anaesthesia", "implant"):
        return "Needs an operation to implant a device, under a general or local anaesthetic."
    return "Its record says so."


def conflict_line(key: str, reason: str | None, value: str) -> str:
    """One conflict beside an option: what the reader said, then why it applies."""
    return f"Conflict, {AVOID_WORDS[key][1]}: {conflict_reason(key, reason, value)}"


def matter_line(key: str, answer: str) -> str:
    return f"{MATTER_WORDS[key]}: {answer}"


def sure_line(question: str, answer: bool | None) -> str:
    if answer is None:
        return f"{question} {SURE_BLANK}"
    return f"{question} Your answer: {'yes' if answer else 'no'}."


def weigh_problem(f: dict[str, object]) -> str:
    known = ", ".join(str(k) for k in f.get("known", []))  # type: ignore[attr-defined]
    near = [str(s) for s in f.get("suggestions", [])]  # type: ignore[attr-defined]
    did = f" Did you mean: {', '.join(near)}?" if near else ""
    return f"Unknown key {f['key']!r} for --{f['option']}.{did} Keys are: {known}."


# the questions of `weigh` on a terminal, one screen each, answered with a key press
ASK_START = (
    "A few questions, one screen each, answered with a key press. Nothing is saved or sent. "
    "Press Ctrl-C at any time to stop."
)
ASK_AVOID = "Would you rather avoid this?"
ASK_AVOID_KEYS = "y: yes, I'd rather avoid it    n: no, or not sure    Ctrl-C: stop"
ASK_MATTERS = "What matters most to you? Choose up to {most}."
ASK_MATTERS_KEYS = "Press a number to choose or unchoose; Enter when done; Ctrl-C: stop"
ASK_SURE = "Last, four questions on how sure you feel (the SURE test)."
ASK_SURE_KEYS = "y: yes    n: no    s: skip (leave it blank to fill in by hand)    Ctrl-C: stop"
ASK_STOPPED = "Stopped. Nothing was saved."


def ask_progress(n: int, total: int) -> str:
    return f"Question {n} of {total}"


def conflict_keys(name: str, keys: Sequence[str]) -> str:
    """An option and its conflicts in a word or two each, for a printout with many of them."""
    return f"{name} ({', '.join(AVOID_SHORT[k] for k in keys)})"


AVOID_SHORT = {
    "anaesthesia": "anaesthetic",
    "weekday-visits": "weekday visits",
    "no-driving": "no driving",
    "controlled-drug": "controlled drug",
    "implant": "implant",
    "unapproved": "not approved",
    "slow": "over four weeks",
}
WEIGH_PRINT_SHORT = "The reasons for each conflict are on screen: trdguide weigh with the same answers."


# --- about --ipdas: the guide against the IPDAS criteria ------------------------------------------------

IPDAS_TITLE = "IPDAS self-check"
IPDAS_INTRO = (
    "The International Patient Decision Aid Standards (IPDAS) say what a good decision aid does. Below, "
    "each criterion of the IPDAS instrument's minimum standards (6 qualifying, 10 certification and 28 "
    "quality criteria), with what this guide does and how that was checked. Rows checked by the program "
    "were computed just now, on the knowledge base in use. The criteria are given in our own short words."
)
IPDAS_SOURCES = [
    "Joseph-Williams N and others. Toward minimum standards for certifying patient decision aids: a modified "
    "Delphi consensus process. Med Decis Making 2014;34(6):699-710. PMID 23963501, doi:10.1177/0272989X13501721",
    "Elwyn G and others. Developing a quality criteria framework for patient decision aids: online "
    "international Delphi consensus process. BMJ 2006;333:417. PMID 16908462, doi:10.1136/bmj.38926.629329.AE",
]
IPDAS_GROUPS = {
    "Q": "Qualifying criteria",
    "C": "Certification criteria",
    "B": "Quality criteria",
    "D": "From the 2006 IPDAS checklist",
}
IPDAS_HOW = {
    "built-in": "Built into the program (its own text or commands)",
    "people": "Needs people",
    "not-applicable": "Not applicable",
}
_SCREENING = ("About a screening test", "Not applicable: the guide is about treatments, not a screening test.")
_NOT_DONE = "Not done yet."
# code -> (the criterion in a few words, what the guide does; {placeholders} are filled from the check)
IPDAS_TEXT: dict[str, tuple[str, str]] = {
    "Q1": (
        "Describes the condition",
        "The about page says who the guide covers. A glossary entry explains treatment-resistant depression "
        "(in this knowledge base: {glossary}).",
    ),
    "Q2": ("States the decision", "Every output prepares for a conversation about which treatment to try next."),
    "Q3": ("Describes the options", "Lists {options} options, each with a summary."),
    "Q4": ("Describes the benefits of each option", 'Each of the {options} options answers "Will it work?".'),
    "Q5": ("Describes the harms of each option", "Each option lists common side effects and serious risks."),
    "Q6": (
        "Describes what the options are like to live with",
        'Each option says how it is given, how often, and how it affects daily life ("What is it like?").',
    ),
    "C1": (
        "Shows benefits and harms in equal detail",
        "Every option answers the same {rows} questions, in the same order and layout.",
    ),
    "C2": (
        "Cites the evidence",
        "Every statement cites its sources: {references} references, each with a PMID, DOI or official address.",
    ),
    "C3": ("Gives a date", "Every option shows its review date (here {oldest} to {newest})."),
    "C4": (
        "Describes the update policy",
        "The about page gives the review policy; trdguide changes lists each change.",
    ),
    "C5": (
        "Describes uncertainty around the figures",
        "Every option rates the certainty of its evidence and says why; {ranges} of {figures} figures give a range.",
    ),
    "C6": ("Says how it was funded", "The about page says: no funding, and no money from any maker of a treatment."),
    "C7": _SCREENING,
    "C8": _SCREENING,
    "C9": _SCREENING,
    "C10": _SCREENING,
    "B1": (
        "Describes what happens without a change",
        "Has an option for continuing current care (in this knowledge base: {found}), and asks what waiting means.",
    ),
    "B2": (
        "Lets people compare benefits and harms",
        "trdguide compare sets options side by side, question by question.",
    ),
    "B3": ("Gives the chances of outcomes", "{with_figure} of {options} options give a result as people out of 100."),
    "B4": (
        "Names the group and comparison behind each figure",
        "Every result names its people, study and time; {without_comparison} of {figures} figures had no "
        "comparison group.",
    ),
    "B5": ("Gives event rates", "Figures are counts of people out of 100 ({figures} figures in {outcomes} results)."),
    "B6": ("Uses the same time period where it can", "Every one of the {outcomes} results states its time point."),
    "B7": ("Uses the same denominator", "All figures are out of 100 (very small ones out of 1,000)."),
    "B8": ("Shows chances in more than one way", "Words, numbers, and pictures of 100 people (trdguide show NAME)."),
    "B9": (
        "Helps people think about what matters to them",
        "A values exercise, trdguide weigh: {with_block} of {options} options have the fields it reads.",
    ),
    "B10": (
        "Gives a step-by-step way to decide",
        "Partly: trdguide weigh asks one question at a time, and leaves the choice to the reader and their team.",
    ),
    "B11": (
        "Gives questions for the conversation",
        "trdguide questions and weigh print questions to ask: {questions} about the {options} options.",
    ),
    "B12": ("Development asked patients what they need", _NOT_DONE),
    "B13": ("Development asked health professionals what they need", _NOT_DONE),
    "B14": ("Reviewed by patients who did not write it", _NOT_DONE),
    "B15": (
        "Reviewed by professionals who did not write it",
        "Partly: a content audit by reviewers who had not written the content; no clinical review is recorded.",
    ),
    "B16": ("Field tested with patients facing the decision", _NOT_DONE),
    "B17": ("Field tested with clinicians", _NOT_DONE),
    "B18": ("Describes how the evidence was chosen", "The about page says how evidence was chosen."),
    "B19": (
        "Describes the quality of the evidence",
        "Each of the {options} options rates its evidence (high to very low) and says why.",
    ),
    "B20": ("Gives the authors' qualifications", "Not given: the authors' qualifications are not listed."),
    "B21": (
        "Reports the reading level",
        "The {answers} short answers read at about grade {mean} on average (aim: {target} or lower).",
    ),
    "B22": ("Shown to help choices match what people value", "Not studied."),
    "B23": ("Shown to improve what people know", "Not studied."),
    "B24": _SCREENING,
    "B25": _SCREENING,
    "B26": _SCREENING,
    "B27": _SCREENING,
    "B28": _SCREENING,
    "D1": (
        "Authors declare conflicts of interest",
        "The about page says there is no industry money; a declaration by each author is not part of the guide.",
    ),
}


def ipdas_row(code: str, facts: dict[str, object]) -> tuple[str, str]:
    """A criterion in words and what the guide does, with the figures of the check filled in."""
    criterion, does = IPDAS_TEXT[code]
    text = does.format(**facts)
    missing = facts.get("missing")
    if isinstance(missing, list) and missing:
        text += " Missing in: " + ", ".join(str(m) for m in missing) + "."
    return f"{code} {criterion}", text


def ipdas_how(how: str, met: bool | None) -> str:
    if how == "program":
        return "Checked by the program now: " + ("met" if met else "not met")
    return IPDAS_HOW[how]


def pager_failed(command: str, status: int | None) -> str:
    """Said on standard error when the pager could not show an answer (the answer follows, unpaged).
    `status` is the pager's exit status (127 from the shell: not found), None if it could not be started."""
    if status is None or status == 126:
        how = "could not be started"
    elif status == 127:
        how = "was not found"
    else:
        how = f"ended with status {status}"
    return (
        f"Note: the pager {command!r} {how}, so the answer is shown without it. "
        "Set PAGER, or use --no-pager, to choose."
    )


# --- search (`trdguide search WORDS`, `trdguide faq WORDS`) -------------------------------------------

# the heading of each section of an option, as `show` prints it (keys: search.SECTIONS)
SECTION_LABELS = {
    "summary": "What it is",
    "like": "What it is like",
    "work": "Will it work? What studies found",
    "common": "Common side effects",
    "serious": "Serious risks",
    "unsuitable": "Who may not be suitable",
    "lasting": "How long the benefit lasts",
    "misconceptions": "Common misunderstandings",
    "status": "Approval (what regulators decided)",
    "guidelines": "Guidelines (what expert bodies recommend)",
    "evidence": "How strong is the evidence?",
    "cost": "Cost and access",
    "questions": "Questions to ask your clinician",
}
SEARCH_URGENT = (
    "If you are thinking about suicide or might not stay safe, please get help now. In danger now: call your "
    "local emergency number. Crisis lines where you are: trdguide crisis"
)
SEARCH_FAQ = "From the frequently asked questions"
SEARCH_OPTIONS = "In the treatment options"
SEARCH_GLOSSARY = "In the glossary"
SEARCH_RESULTS = "What the guide says"


def search_title(query: str) -> str:
    return f"Search: {query}"


def search_corrected(typed: str, read_as: str) -> str:
    return f"{typed!r} is not a word in this guide, so it was read as {read_as!r}."


def search_named(name: str, command: str) -> str:
    return f"{name} is a treatment option in this guide. Everything about it: {command}"


def search_choice(words: str) -> str:
    return f"{words!r} names more than one treatment option. Choose one to read about it in full:"


def search_nothing(query: str) -> str:
    return f"Nothing in this guide matches {query!r}."


def search_close(words: str) -> str:
    return f"Close words in this guide: {words}."


SEARCH_WHERE_NEXT = (
    "The list of questions this guide answers: trdguide faq. Every option: trdguide list. "
    "If you need help now: trdguide crisis."
)


def search_open(command: str) -> str:
    return f"In full: {command}"


def search_option_line(option: str, section: str, text: str, command: str) -> str:
    return f"{option}, {section}: {text} ({command})"


def search_faq_line(number: str, question: str, text: str, command: str) -> str:
    return f"FAQ {number}. {question} {text} ({command})"


def search_glossary_line(term: str, text: str, command: str) -> str:
    return f"{term}: {text} ({command})"
# --- the website's output folder -------------------------------------------------------------------

SITE_LIST_MAX = 5  # paths named in one error; the rest are counted


def _paths(paths: list[str]) -> str:
    shown = ", ".join(paths[:SITE_LIST_MAX])
    more = len(paths) - SITE_LIST_MAX
    return shown + (f" and {more} more" if more > 0 else "")


def site_refused(problem: str, paths: list[str]) -> str:
    """Why `trdguide site` wrote nothing. `problem`: link, not-a-file or not-ours; `paths` inside OUTDIR."""
    one = len(paths) == 1
    names = _paths(paths)
    if problem == "link":
        what = "is a symbolic link" if one else "are symbolic links"
        return (
            f"Nothing was written: {names} {what}. The site writes only plain files inside its folder, "
            "never through a link. Remove the link or choose another folder."
        )
    if problem == "not-a-file":
        what, it = ("is", "it") if one else ("are", "them")
        return f"Nothing was written: {names} {what} in the way (not a plain file). Move {it} or choose another folder."
    what = "was" if one else "were"
    it = "it" if one else "them"
    return (
        f"Nothing was written: {names} {what} not written by trdguide. "
        f"Move {it} away or choose another folder; to replace {it}, add --force."
    )


def site_removed(n: int) -> str:
    return f"Removed {n} file{'s' if n != 1 else ''} an earlier build wrote that the site no longer has."


# --- the website's own words -----------------------------------------------------------------------

WEB_CONTENTS = "On this page"
WEB_COMPARE_WITH = "Compare with"
WEB_QUESTIONS = "The questions"
WEB_BACK_TO_QUESTIONS = "Back to the questions"
WEB_REGION_FIRST = "Show first the help for"
WEB_ALL_REGIONS = "the order below"

# the search box on every page (its script shows these; {query}, {typed}, {read_as} and {n} are filled in)
WEB_SEARCH_TEXT = {
    "label": "Search the guide",
    "button": "Search",
    "loading": "Loading the search\u2026",
    "results": "{n} results for {query}. The best match is first.",
    "one": "1 result for {query}.",
    "none": "Nothing in this guide matches {query}.",
    "corrected": "{typed} is not a word in this guide, so it was read as {read_as}.",
    "urgent": (
        "If you are thinking about suicide or might not stay safe, please get help now. In danger now: call "
        "your local emergency number."
    ),
    "crisis_link": "Crisis lines by country",
    "faq_link": "The list of questions",
}


def web_search_faq(question: str) -> str:
    """A search result that is an FAQ answer, as the website's search lists it."""
    return f"FAQ: {question}"


def web_search_option(option: str, section: str) -> str:
    """A search result that is a section of an option's page."""
    return f"{option}: {section}"


def web_search_glossary(term: str) -> str:
    """A search result that is a glossary term."""
    return f"Glossary: {term}"


def faq_on_the_web(entry_id: str) -> str:
    """The line under each `faq` answer that names its place on the website (a link a person can share)."""
    return f"On the website: faq.html#{entry_id}"


def crisis_pointer_web(numbers: list[tuple[str, list[str]]]) -> str:
    """The website's crisis line, before its link to the page of crisis lines by country."""
    parts = " · ".join(f"{number} ({'/'.join(regions)})" for number, regions in numbers)
    return f"In crisis? {parts} · " if parts else "In crisis or suicidal? See "


# --- the website's page "What matters to you" (weigh.html) ---------------------------------------------

WEB_WEIGH_PRIVATE = (
    "Nothing you tick here is saved or sent. It stays on this page in your browser, and is gone when you "
    "leave or reload the page."
)
WEB_WEIGH_AVOID = "I'd rather avoid"
WEB_WEIGH_MATTERS = "What matters most to you (choose up to {most})"
WEB_WEIGH_MATTERS_FULL = "You have chosen {most}. To choose another, untick one first."
WEB_WEIGH_YOU_SAID = "What you said"
WEB_WEIGH_ALL = "Every option and what it involves"
WEB_WEIGH_ALL_NOTE = (
    "This table sets every option beside each thing you might rather avoid, as the guide's records say. "
    "Where the boxes above are shown, ticking them sets the options in groups."
)
WEB_WEIGH_CELL_NO = "No."
WEB_WEIGH_CELL_NOT_KNOWN = "The guide does not say. Ask about this."


def web_weigh_cell_yes(reason: str) -> str:
    """A cell of the site's table of every option: the option involves this, and why."""
    return f"Yes. {reason}"


def translation_coverage(language: str, translated: int, in_scope: int, stale: int, missing: int) -> str:
    """`validate`'s line on one language's translations (findings.LanguageCoverage): how much of the release
    scope is translated and current, and how much is shown in English."""
    from .i18n import _

    # Translators: a line of `trdguide validate`'s summary; {language} is a code such as "es"
    return _(
        "{language}: {translated} of {in_scope} fields of the release scope translated; {stale} stale and "
        "{missing} missing (shown in English)",
        language=language,
        translated=translated,
        in_scope=in_scope,
        stale=stale,
        missing=missing,
    )
