"""Every sentence the program itself says: labels, questions, captions, figures in words, the framing.

One module, so that wording is reviewed in one place and translated through one hook (`i18n._`, see
docs/i18n.md). It knows the records' shape (models) but nothing of terminals, files or the knowledge base:
renderers and the CLI call it; queries never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .i18n import N_, _, ngettext
from .summaries import comparator_kind, per100
from .vocab import Anaesthesia, Certainty, ComparatorKind, Place, StatusLabel

if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Sequence

    from .models import Figure, Intervention, Outcome
    from .views import NameNote

# Each fits one line at 80 columns: they frame every output, so they must not push the answer off screen.
# Translators: under every output; at most 80 characters (it must fit one line of a terminal).
DISCLAIMER = N_("Education, not medical advice: ask your care team before changing treatment.")
# Translators: the crisis footer of every output; at most 80 characters. "trdguide crisis" is a command.
CRISIS_POINTER = N_("In crisis or suicidal? Call or text 988 (US, Canada). Elsewhere: trdguide crisis")
# after `trdguide crisis` failed because the knowledge base has problems (so it cannot point to itself)
# Translators: on standard error, after an error that stops `trdguide crisis` from reading its own list.
CRISIS_POINTER_NO_DATA = N_("In crisis or suicidal? Call or text 988 (US, Canada), or your local emergency number.")


def crisis_pointer_for(number: str, emergency: str | None, texts: bool) -> str:
    """The footer for a reader whose region is known: its crisis number and its emergency number."""
    # Translators: the crisis footers below end every output: at most 80 characters with the numbers filled in.
    # {number} is a crisis line's number, {emergency} an emergency number (911, 112, ...).
    if emergency and texts:
        return _(
            "In crisis or suicidal? Call or text {number}, or {emergency} if in danger. trdguide crisis",
            number=number,
            emergency=emergency,
        )
    if emergency:
        return _(
            "In crisis or suicidal? Call {number}, or {emergency} if in danger. trdguide crisis",
            number=number,
            emergency=emergency,
        )
    if texts:
        return _("In crisis or suicidal? Call or text {number}. trdguide crisis", number=number)
    return _("In crisis or suicidal? Call {number}. trdguide crisis", number=number)


FOOTER_MAX = 80  # the one-line footer fits an 80-column terminal


def crisis_pointer_general(numbers: list[tuple[str, list[str]]]) -> str:
    """The footer where the region is not known: the main number of each covered region, in one line."""
    parts = [f"{number} ({'/'.join(regions)})" for number, regions in numbers]
    # Translators: a footer of at most 80 characters; {numbers} is a list such as "988 (US/CA) · 111 (UK)".
    line = _("In crisis? {numbers} · trdguide crisis", numbers=" · ".join(parts))
    while len(line) > FOOTER_MAX and len(parts) > 1:  # the last numbers give way; `trdguide crisis` lists all
        parts.pop()
        line = _("In crisis? {numbers} · trdguide crisis", numbers=" · ".join(parts))
    return line


def crisis_pointer_local(directory: str | None) -> str:
    """The footer where the reader's country is known but not covered (a locale such as en_IN, or an unknown
    --region / TRDGUIDE_REGION): the local emergency number and the international directory of helplines."""
    if directory:
        # Translators: a footer of at most 80 characters; {directory} is a web address of a list of helplines.
        return _("In crisis? Call your local emergency number, or see {directory}", directory=directory)
    return _("In crisis? Call your local emergency number, or see: trdguide crisis")


LOCAL_EMERGENCY = N_("If you are in danger now, call your local emergency number.")


def region_not_covered(asked: str, regions: Sequence[tuple[str, str]]) -> str:
    """`crisis --region X` where X names no covered region: say so, and which regions are covered."""
    covered = ", ".join(f"{name} ({code})" for code, name in regions)
    return _(
        "This guide has no crisis line of its own for {asked}. It has lines for: {covered}.",
        asked=repr(asked[:40]),
        covered=covered,
    )


def region_did_you_mean(names: Sequence[str], code: str) -> str:
    """A close spelling of a covered region, with the command that shows its lines."""
    return _("Did you mean {names}? For its lines: trdguide crisis --region {code}", names=_either(names), code=code)


def _either(names: Sequence[str]) -> str:
    """ "A or B or C": names joined as alternatives."""
    out = names[0] if names else ""
    for name in names[1:]:
        # Translators: two alternatives ("rTMS or ECT"); also used again for a third, "A or B or C".
        out = _("{first} or {second}", first=out, second=name)
    return out


def region_fallback_note(asked: str) -> str:
    """One line (standard error) where --region or TRDGUIDE_REGION names no covered region: the command
    still runs, with general crisis help in its footer."""
    return _("Note: no crisis line for region {asked} here; the footer gives general help.", asked=repr(asked[:40]))


def other_service_line(name: str, contact: str, who: str | None, hours: str) -> str:
    """A further service in a region (a text line, or one for a group of people), as one bullet."""
    if who:
        # Translators: {name} is a service's name, {who} the group of people it is for, {hours} its opening hours.
        return _("Also: {name}, for {who}: {contact}. {hours}.", name=name, who=who, contact=contact, hours=hours)
    return _("Also: {name}: {contact}. {hours}.", name=name, contact=contact, hours=hours)


HOPE_LINE = N_("Depression that has not yet responded to treatment can still get better; many options exist.")
COMPARISON_CAVEAT = N_("The grid's figures come from different studies and people, not a head-to-head trial.")


# --- how figures are said in words -----------------------------------------------------------------


SMALL = 5  # below this (out of 100), figures are given out of 1,000 so that small differences stay visible


def about(fig: Figure, per: int = 100) -> str:
    """'about 29 in 100'; '0 in 100' and 'fewer than 1 in 100' where that is what the figure says.

    With `per=1000`: 'about 11 in 1,000' (for small figures, e.g. 1.1 in 100).
    """
    v = fig.value
    # Translators: a figure in words, in a sentence such as "about 29 in 100 with sham" (no noun follows).
    if per == 1000:
        return _("0 in 1,000") if v == 0 else _("about {n} in 1,000", n=per100(v * 10))
    if v == 0:
        return _("0 in 100")
    return _("fewer than 1 in 100") if v < 1 else _("about {n} in 100", n=per100(v))


def about_people(fig: Figure, per: int = 100) -> str:
    """`about` followed by "people": "about 29 in 100 people"."""
    v = fig.value
    # Translators: a number of people out of 100 (or 1,000): "about 29 in 100 people".
    if per == 1000:
        return _("0 in 1,000 people") if v == 0 else _("about {n} in 1,000 people", n=per100(v * 10))
    if v == 0:
        return _("0 in 100 people")
    return _("fewer than 1 in 100 people") if v < 1 else _("about {n} in 100 people", n=per100(v))


def scale_for(*figs: Figure | None) -> int:
    """100, or 1000 where every figure in one sentence is small (so 1.1 and 1.6 do not read as 1 and 2)."""
    values = [f.value for f in figs if f is not None]
    return 1000 if values and max(values) < SMALL and any(v > 0 for v in values) else 100


KIND_WORDS = {
    ComparatorKind.sham: N_("against a sham (fake) treatment"),
    ComparatorKind.placebo: N_("against a placebo (dummy treatment)"),
    ComparatorKind.active: N_("against another real treatment"),
    ComparatorKind.usual_care: N_("against usual care or a control group without the treatment"),
    ComparatorKind.other_population: N_(
        "not a controlled comparison: the same treatment in a different group of people"
    ),
    ComparatorKind.none: N_("no comparison group"),
}


def icon_count(fig: Figure) -> int:
    """How many of 100 icons to fill for a figure (rounded, always out of 100)."""
    return max(0, min(100, per100(fig.value)))


def likely_range(fig: Figure) -> str:
    if fig.low is not None and fig.high is not None:
        return " " + _("(likely range {low} to {high})", low=per100(fig.low), high=per100(fig.high))
    return ""


def _with_range(people: str, fig: Figure) -> str:
    if fig.low is not None and fig.high is not None:
        # Translators: {people} is "about 29 in 100 people"; {low} and {high} are numbers out of 100.
        return _("{people} (likely range {low} to {high})", people=people, low=per100(fig.low), high=per100(fig.high))
    return people


def describe_outcome(o: Outcome, threshold: bool = True) -> str:
    """One outcome as a sentence: figure, comparator, population, time frame, study (and threshold)."""
    label = o.label[0].upper() + o.label[1:]
    parts: list[str] = []
    if o.per_100 is not None:
        per = scale_for(o.per_100, o.comparator.per_100 if o.comparator else None)
        people = about_people(o.per_100, per)
        figure = _with_range(people, o.per_100) if per == 100 else people
        if o.comparator is not None and o.comparator.per_100 is not None:
            # Translators: {label} is what was measured ("Symptoms fell by half or more (response)"), {figure}
            # "about 29 in 100 people", {other} "about 10 in 100", {comparator} what they had ("sham rTMS").
            head = _(
                "{label}: {figure}, compared with {other} with {comparator}",
                label=label,
                figure=figure,
                other=about(o.comparator.per_100, per),
                comparator=o.comparator.label,
            )
        elif o.comparator is not None:
            head = _(
                "{label}: {figure}, compared with {comparator}",
                label=label,
                figure=figure,
                comparator=o.comparator.label,
            )
        else:
            head = _("{label}: {figure}", label=label, figure=figure)
        parts.append(head)
        if o.result:
            parts.append(o.result)
    else:
        parts.append(_("{label}: {result}", label=label, result=o.result))
        if o.comparator is not None:
            parts.append(_("Compared with: {comparator}", comparator=o.comparator.label))
    parts.append(_("Comparison: {kind}", kind=_(KIND_WORDS[comparator_kind(o)])))
    parts += [_("Who: {population}", population=o.population), _("When: {timeframe}", timeframe=o.timeframe)]
    if threshold and o.threshold:
        parts.append(_("Measured as: {threshold}", threshold=o.threshold))
    parts.append(_("Study: {study}", study=o.study))
    if o.note:
        parts.append(o.note)
    return " ".join(_sentence(p) for p in parts)


def _sentence(text: str) -> str:
    """The text ending in exactly one full stop (or its own ! or ?)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


# Translators: where an option is given, in one word each (a narrow column of `trdguide list`).
PLACE_SHORT = {
    Place.home: N_("home"),
    Place.clinic: N_("clinic"),
    Place.hospital: N_("hospital"),
    Place.specialist_centre: N_("specialist"),
    Place.research_study: N_("research"),
    Place.community: N_("community"),
    Place.online: N_("online"),
}

# where an option is given, in words
PLACE_WORDS = {
    Place.home: N_("home"),
    Place.clinic: N_("clinic"),
    Place.hospital: N_("hospital"),
    Place.specialist_centre: N_("specialist centre"),
    Place.research_study: N_("research study"),
    Place.community: N_("community"),
    Place.online: N_("online"),
}
# how strong the evidence is (vocab.Certainty), as a sentence begins
CERTAINTY_WORDS = {
    Certainty.high: N_("High"),
    Certainty.moderate: N_("Moderate"),
    Certainty.low: N_("Low"),
    Certainty.very_low: N_("Very low"),
}

ANAESTHESIA_WORDS = {
    Anaesthesia.none: N_("no anaesthesia"),
    Anaesthesia.general: N_("general anaesthesia"),
    Anaesthesia.surgical: N_("an operation to implant a device"),
}

STATUS_WORDS = {
    StatusLabel.approved: N_("approved or cleared for a depression use"),
    StatusLabel.off_label: N_("off-label (not approved for depression)"),
    StatusLabel.investigational: N_("investigational (research only)"),
    StatusLabel.not_approved: N_("not approved"),
    StatusLabel.approved_other_use: N_("approved, but not for treatment-resistant depression"),
    StatusLabel.no_approval_needed: N_("no approval needed (not a regulated product)"),
    StatusLabel.approved_medicines_combined: N_(
        "each medicine is approved; taking them together is a prescribing choice"
    ),
}
# The same, in a few words, for one-line lists
# Translators: a status in at most about 18 characters (it heads a column of `trdguide compare`).
STATUS_SHORT = {
    StatusLabel.approved: N_("approved/cleared"),
    StatusLabel.off_label: N_("off-label"),
    StatusLabel.investigational: N_("research only"),
    StatusLabel.not_approved: N_("not approved"),
    StatusLabel.approved_other_use: N_("approved, not TRD"),
    StatusLabel.no_approval_needed: N_("no approval needed"),
    StatusLabel.approved_medicines_combined: N_("each drug approved"),
}


class RowSpec(NamedTuple):
    """A question of the comparison grid, in full and short."""

    key: str
    question: str  # the question in full
    label: str  # the same, short enough for the side of a grid


# Translators: the questions of the comparison grid: in full, then short (the side of a grid at 80 columns:
# keep the short ones within about 24 characters).
ROWS: tuple[RowSpec, ...] = (
    RowSpec("work", N_("Will it work?"), N_("Will it work?")),
    RowSpec("soon", N_("How soon might it help?"), N_("How soon?")),
    RowSpec("like", N_("What is it like?"), N_("What is it like?")),
    RowSpec("common", N_("Common side effects"), N_("Common side effects")),
    RowSpec("serious", N_("Serious risks"), N_("Serious risks")),
    RowSpec("unsuitable", N_("Who may not be suitable?"), N_("Who may not be suitable?")),
    RowSpec("lasting", N_("How long does the benefit last?"), N_("How long does it last?")),
    RowSpec("status", N_("Approval and guideline status"), N_("Approval and guidelines")),
    RowSpec("evidence", N_("How strong is the evidence?"), N_("Strength of evidence")),
    RowSpec("cost", N_("Cost and access"), N_("Cost and access")),
)

ROW_TEXT = {r.key: r for r in ROWS}
IN_SHORT = N_("In short")


def in_short_line(key: str, short: str) -> str:
    """One short answer of an option, after its question's label: "Will it work? About 29 in 100 ..."."""
    return f"{in_short_lead(key)} {short}"


def in_short_lead(key: str) -> str:
    """The words of `in_short_line` before the answer ("Will it work?", "Cost and access:"), which the website
    sets in bold: `in_short_lead(key) + " " + short == in_short_line(key, short)`."""
    label = _(ROW_TEXT[key].label)
    # Translators: a label before its answer ("Cost and access: ..."); a question stands as it is.
    return label if label.endswith("?") else _("{label}:", label=label)


def cell_detail(item: Intervention, key: str) -> list[str]:
    """The full text of one comparison cell (plain strings): every result, every statement."""
    if key == "work":
        outs = [describe_outcome(o, threshold=False) for o in item.outcomes]
        return outs or [_("No trial figures for this option in the knowledge base.")]
    if key == "soon":
        return [item.setting.time_to_effect]
    if key == "like":
        where = ", ".join(_(PLACE_WORDS[p]) for p in item.setting.where)
        return [
            _(
                "Where: {places}. {anaesthesia}.",
                places=where,
                anaesthesia=_(ANAESTHESIA_WORDS[item.setting.anaesthesia]).capitalize(),
            ),
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
        out = [_("Status: {status}. {note}", status=_(STATUS_WORDS[item.status.label]), note=item.status.note)]
        for r in item.regulatory:
            year = f", {r.year}" if r.year else ""
            out.append(f"{r.region.value} ({r.body}{year}): {r.status}.")
        for g in item.guidelines:
            out.append(_("Guideline, {body} {year}: {position}", body=g.body, year=g.year, position=g.position))
        return out
    if key == "evidence":
        return [f"{_(CERTAINTY_WORDS[item.evidence.certainty])}. {item.evidence.why}"]
    if key == "cost":
        return [s.text for s in item.access]
    raise KeyError(key)


# --- about ----------------------------------------------------------------------------------------

ABOUT_WHAT = N_(
    "trdguide is an offline guide that helps people understand and compare treatment options for "
    "depression that has not improved enough with treatment (treatment-resistant depression). It is "
    "for patients, families, students and writers preparing for a conversation with a clinician."
)
ABOUT_NOT = N_(
    "It is not medical advice, not a diagnosis, and not a recommendation of any treatment. It cannot "
    "know your history. Decisions belong to you and your care team."
)
ABOUT_EVIDENCE = N_(
    "Figures come from randomised trials, meta-analyses, regulator records, product labels and "
    "guidelines, each cited with a PMID, DOI or official web address. Where sources disagree, both are "
    "shown. Facts that could not be confirmed in a primary source were left out."
)
ABOUT_SCOPE = N_(
    "Adults (18 and over) with depression that has not improved enough after treatment: major "
    "depression, not depression in bipolar disorder, which is treated differently. Children and "
    "teenagers are not covered. Where an option has an approved use outside this scope, its approval "
    "section says so (for example, an rTMS device was cleared by the US FDA in 2024 as an add-on for ages "
    "15 to 21; ages 18 to 21 are within this guide's scope and 15 to 17 are not: trdguide show rtms)."
)
ABOUT_AUDIT = N_(
    "Last content audit: 2026-12-07. Two random audits found no wrong figure (26 of 28 short answers and "
    "30 of 30 access, crisis and head-to-head claims confirmed as written); the wording, scope and "
    "citation problems they noted were corrected. The audit before it (2026-12-03) checked 40 claims drawn "
    "at random against the cited sources: 37 were confirmed as written and 3 were corrected. The samples, "
    "method and verdicts are in docs/content-audit.md in the source repository."
)
BUNDLED_SOURCE = N_("the knowledge base bundled with trdguide")


def replaced_record(kind: str, key: str, file: str) -> str:
    """A line of `about`: a record of the user's folder that replaces a bundled one."""
    return _("Replaces the bundled {kind} {key}: {file}", kind=kind, key=repr(key), file=file)


ABOUT_UPDATES = N_(
    "Each record shows the date it was last reviewed. Records are meant to be reviewed at least once a "
    "year, and sooner when a regulator or a major guideline changes its position. What changed at each "
    "review, and why, is listed by trdguide changes."
)
ABOUT_LICENCE = N_(
    "The program is free software under the MIT licence (the LICENSE file). The content (the knowledge "
    "base: every option, figure, answer and reference list) is under the Creative Commons Attribution 4.0 "
    "licence, CC BY 4.0 (data/LICENSE): you may copy, adapt and share it, also in your own materials, if "
    "you credit trdguide, link to the licence and say what you changed. We also ask, though the licence "
    "does not require it, that you keep the education-not-advice framing, where to get urgent help, the "
    "review dates and the source of every figure."
)
ABOUT_AUTHORS = N_(
    "Written by the trdguide contributors. No funding, and no money or support from any maker of a "
    "treatment described here."
)


# --- lists, pictures and handouts -----------------------------------------------------------------

CATEGORY_WORDS = {
    "current-care": N_("Usual care"),
    "medication": N_("Medicines"),
    "rapid-acting": N_("Rapid-acting medicines"),
    "neuromodulation": N_("Brain stimulation"),
    "psychotherapy": N_("Talking therapies"),
    "psychedelic": N_("Psychedelic-assisted therapy (research)"),
    "self-care-and-support": N_("Self-care and support"),
}


PICTURE_LEGEND = N_(
    "Each drawing is 100 people. Filled circle: a person with this result; open circle: a person without it."
)


GENERAL_QUESTIONS = [
    N_("What are the likely benefits for someone like me, and how sure are we?"),
    N_("What side effects or risks should I watch for, and what can be done about them?"),
    N_("How soon would we know whether it is working, and what happens if it is not?"),
    N_("How would it fit with the treatment I have now?"),
    N_("What would it cost me, and is it covered?"),
    N_("What happens if I decide to wait, or choose something else?"),
]
WHAT_MATTERS = [
    N_("The chance that it helps (benefits)"),
    N_("How quickly it might help (speed)"),
    N_("Side effects I most want to avoid: ____________________"),
    N_("The time it takes: visits, sessions, recovery (time commitment)"),
    N_("Cost and insurance cover"),
    N_("Travel and getting to appointments"),
    N_("Something else: ____________________"),
]


# --- the change log ---------------------------------------------------------------------------------


def changes_title(since: _dt.date | None) -> str:
    return _("What changed since {date}", date=since.isoformat()) if since else _("What changed in this guide")


def no_changes(since: _dt.date | None) -> str:
    if since:
        return _("No option has a recorded change on or after {date}.", date=since.isoformat())
    return _("No option has a recorded change yet.")


def change_line(name: str, what: str, why: str) -> str:
    """One change in a list of changes: the option, what changed, and why."""
    return _("{name}: {what} Why: {why}", name=name, what=_sentence(what), why=_sentence(why))


def dated_change(date: _dt.date, what: str, why: str) -> str:
    """One change in an option's own list of changes."""
    return _("{date}: {what} Why: {why}", date=date.isoformat(), what=_sentence(what), why=_sentence(why))


def latest_change(date: _dt.date, what: str, count: int) -> str:
    """Under an option's review date: its newest change, and how to see the rest."""
    if count > 1:
        return _(
            "Latest change ({date}): {what} Earlier changes: trdguide changes.",
            date=date.isoformat(),
            what=_sentence(what),
        )
    return _("Latest change ({date}): {what}", date=date.isoformat(), what=_sentence(what))


def bad_date(option: str, value: str) -> str:
    return _(
        "{option} takes a date written YYYY-MM-DD, for example 2026-12-01 (got {value}).",
        option=option,
        value=repr(value),
    )


CHANGES_HEADING = N_("What changed")
CHANGES_HINT = N_(
    "Each option's page lists its own changes. Changes since a date: trdguide changes --since YYYY-MM-DD."
)


# --- how names were understood, and problems with what was asked ------------------------------------


def name_note(note: NameNote) -> str:
    """One line at the top of an output: how a typed name was understood."""
    if note.kind == "brand":
        return _("{typed} is a brand name of {name}.", typed=note.typed, name=note.item.short_name)
    return _(
        "{typed} was taken to mean {name} ({id}).", typed=repr(note.typed), name=note.item.short_name, id=note.item.id
    )


# what was not found: one whole sentence each ({name} is what the reader typed, quoted)
NOT_FOUND = {
    "intervention": N_("No intervention called {name}."),
    "faq-words": N_("No FAQ question matching called {name}."),
    "glossary-term": N_("No glossary term called {name}."),
    "region": N_("No region called {name}."),
}


def problem(exc: Exception) -> str:
    """A lookup problem (knowledge.LookupError_ and its kinds) in words, for standard error."""
    kind = getattr(exc, "kind", "")
    if kind == "not-found":
        what = getattr(exc, "what", "intervention")
        name = getattr(exc, "name", "")
        if what == "faq-number":
            # Translators: {count} is how many questions there are; {name} the number the reader typed.
            msg = _(
                "No FAQ question number (there are {count}) called {name}.",
                count=getattr(exc, "count", 0),
                name=repr(name),
            )
        elif what in NOT_FOUND:
            msg = _(NOT_FOUND[what], name=repr(name))
        else:
            msg = _("No {what} called {name}.", what=what, name=repr(name))
        suggestions = getattr(exc, "suggestions", [])
        if suggestions:
            return msg + " " + _("Did you mean: {names}?", names=", ".join(suggestions))
        if what in ("intervention", "glossary-term") and " ".join(name.split()):
            # never a dead end: the words may be in the guide even if no option or term has that name
            return (
                msg
                + " "
                + _(
                    "To look for these words anywhere in the guide: trdguide search {words}",
                    words=" ".join(name.split()),
                )
            )
        return msg
    if kind == "ambiguous":
        names = ", ".join(f"{c.id} ({c.short_name})" for c in getattr(exc, "candidates", []))
        return _(
            "{name} could mean more than one option: {names}. Please use one of these names.",
            name=repr(getattr(exc, "name", "")),
            names=names,
        )
    if kind == "family":
        names = ", ".join(f"{m.short_name} ({m.id})" for m in getattr(exc, "members", []))
        return _(
            "{name} names a group of options: {names}. Please choose one or more of these names.",
            name=repr(getattr(exc, "name", "")),
            names=names,
        )
    if kind == "bad-request":
        return _bad_request(getattr(exc, "problem", ""), getattr(exc, "fields", {}))
    return str(exc)


def _bad_request(what: str, f: dict[str, object]) -> str:
    rows = ", ".join(r.key for r in ROWS)
    if what == "empty-search":
        return _("Give some words to search for, for example: trdguide search driving after esketamine.")
    if what == "empty-name":
        return _("An intervention name cannot be empty. Try `trdguide list` to see the names.")
    if what == "count":
        # Translators: {command} is a command's name (compare, questions); the others are numbers.
        return _(
            "{command} takes {low} to {high} names; you gave {given}.",
            command=f["command"],
            low=f["low"],
            high=f["high"],
            given=f["given"],
        )
    if what == "one-option":
        item = f["item"]
        short, iid = getattr(item, "short_name", ""), getattr(item, "id", "")
        return _(
            "compare needs 2 to 5 names; you gave one ({name}). Its short answers, then everything else: "
            "trdguide show {id}",
            name=short,
            id=iid,
        )
    if what == "same-option":
        item = f["item"]
        short = getattr(item, "short_name", "")
        return _(
            "{first} and {second} are the same option ({name}). Name each option once.",
            first=repr(f["first"]),
            second=repr(f["second"]),
            name=short,
        )
    if what == "repeated":
        return _(
            "{typed} names {name} again. Name each option once.",
            typed=repr(f["name"]),
            name=getattr(f["item"], "short_name", ""),
        )
    if what == "no-rows":
        return _("Name at least one row to show. Rows are: {rows}.", rows=rows)
    if what == "unknown-row":
        return _("Unknown row {row}. Rows are: {rows}.", row=repr(f["row"]), rows=rows)
    if what == "unknown-weigh-key":
        return weigh_problem(f)
    if what == "too-many-matters":
        return _("Choose at most {most} things that matter most; you gave {given}.", most=f["most"], given=f["given"])
    return what


# --- weigh: what matters to you --------------------------------------------------------------------

WEIGH_TITLE = N_("What matters to you")
WEIGH_FRAMING = N_(
    "This is a way to prepare for a conversation with your care team. It is not a recommendation, and it "
    "does not score or rank the options. It shows how each option meets what you said. A conflict is not "
    "a reason to rule an option out without talking it through: what an option involves, and how much "
    "that matters, can look different once you have discussed it."
)
# the things a reader may rather avoid: (as a question asks it, as a list says it)
AVOID_WORDS = {
    "anaesthesia": (N_("Needing a general anaesthetic"), N_("a general anaesthetic or an operation")),
    "weekday-visits": (
        N_("Going to a clinic on most weekdays, for a week or more"),
        N_("clinic visits on most weekdays"),
    ),
    "no-driving": (
        N_("Not being allowed to drive for a time after each session or dose"),
        N_("no driving after a session or dose"),
    ),
    "controlled-drug": (N_("Taking a controlled drug"), N_("a controlled drug")),
    "implant": (N_("Surgery to implant a device"), N_("surgery to implant a device")),
    "unapproved": (
        N_("Options not approved for this kind of depression in the places this guide covers"),
        N_("not approved for this kind of depression"),
    ),
    "slow": (
        N_("Waiting more than four weeks to know whether it helps"),
        N_("more than four weeks to know if it helps"),
    ),
}
MATTER_WORDS = {
    "works": N_("How well it works"),
    "soon": N_("How soon it might help"),
    "side-effects": N_("Side effects"),
    "risks": N_("Serious risks"),
    "time": N_("Time and travel"),
    "cost": N_("Cost"),
    "evidence": N_("Strength of the evidence"),
}
WEIGH_GROUPS = {
    "none": N_("No conflict with what you said"),
    "one": N_("One conflict with what you said"),
    "more": N_("More than one conflict with what you said"),
}
WEIGH_GROUP_EMPTY = N_("No options in this group.")
WEIGH_NOTHING_SAID = N_("You did not name anything to avoid, so every option is in the first group.")
WEIGH_ORDER = N_("Within each group, options are in the guide's usual order, not in order of merit.")
WEIGH_NOT_KNOWN = N_("The guide does not say whether it involves: {things}. Ask about this.")
WEIGH_QUESTIONS = [
    N_("I said I would rather avoid some things. Which options fit that, and what would I give up?"),
    N_("For an option with a conflict: is there a way around it (for example help with travel or driving)?"),
    N_("Which of these options are open to me here, and what would they cost me?"),
    N_("What happens if I wait, or keep my current treatment for now?"),
]
SURE_TITLE = N_("How sure do you feel? (the SURE test)")
SURE_QUESTIONS = [
    N_("Do you feel SURE about the best choice for you?"),
    N_("Do you know the benefits and risks of each option?"),
    N_("Are you clear about which benefits and risks matter most to you?"),
    N_("Do you have enough support and advice to make a choice?"),
]
SURE_NOTE = N_(
    "Answer each question yes or no. A no to any of them is common. It suggests you may want more "
    "information or support before you decide, so tell your care team. Source: Légaré F and others, "
    "Canadian Family Physician 2010;56(8):e308-14."
)
SURE_BLANK = N_("Yes / No (circle one)")
WEIGH_HINT = N_("Without questions: trdguide weigh --avoid KEY,KEY --matters KEY,KEY (see trdguide weigh --help).")


# "What you said", on the command line and (filled in by its script) on the website's page
AVOID_LIST = N_("You would rather avoid: {named}.")
NOTHING_NAMED = N_("nothing named")
MATTERS_LIST = N_("What matters most to you: {chosen}.")
NOTHING_CHOSEN = N_("nothing chosen")


def avoid_list(keys: Sequence[str]) -> str:
    named = "; ".join(_(AVOID_WORDS[k][1]) for k in keys) if keys else _(NOTHING_NAMED)
    return _(AVOID_LIST, named=named)


def matters_list(keys: Sequence[str]) -> str:
    chosen = ", ".join(_(MATTER_WORDS[k]).lower() for k in keys) if keys else _(NOTHING_CHOSEN)
    return _(MATTERS_LIST, chosen=chosen)


def weigh_group_heading(group: str, count: int) -> str:
    return f"{_(WEIGH_GROUPS[group])} ({count})"


def conflict_reason(key: str, reason: str | None, value: str) -> str:
    """A conflict in words: the record's own words, or words for a coded value of the record."""
    if reason is not None:
        return reason
    if key == "anaesthesia" and value == "general":
        return _("Needs a general anaesthetic at each treatment.")
    if key in ("anaesthesia", "implant"):
        return _("Needs an operation to implant a device, under a general or local anaesthetic.")
    return _("Its record says so.")


def conflict_line(key: str, reason: str | None, value: str) -> str:
    """One conflict beside an option: what the reader said, then why it applies."""
    # Translators: {thing} is what the reader would rather avoid ("a controlled drug"), {reason} why it applies.
    return _("Conflict, {thing}: {reason}", thing=_(AVOID_WORDS[key][1]), reason=conflict_reason(key, reason, value))


def matter_line(key: str, answer: str) -> str:
    return _("{matter}: {answer}", matter=_(MATTER_WORDS[key]), answer=answer)


def sure_line(question: str, answer: bool | None) -> str:
    question = _(question)
    if answer is None:
        return f"{question} {_(SURE_BLANK)}"
    if answer:
        return _("{question} Your answer: yes.", question=question)
    return _("{question} Your answer: no.", question=question)


def weigh_problem(f: dict[str, object]) -> str:
    known = ", ".join(str(k) for k in f.get("known", []))  # type: ignore[attr-defined]
    near = [str(s) for s in f.get("suggestions", [])]  # type: ignore[attr-defined]
    if near:
        return _(
            "Unknown key {key} for --{option}. Did you mean: {names}? Keys are: {known}.",
            key=repr(f["key"]),
            option=f["option"],
            names=", ".join(near),
            known=known,
        )
    return _(
        "Unknown key {key} for --{option}. Keys are: {known}.", key=repr(f["key"]), option=f["option"], known=known
    )


# the questions of `weigh` on a terminal, one screen each, answered with a key press
ASK_START = N_(
    "A few questions, one screen each, answered with a key press. Nothing is saved or sent. "
    "Press Ctrl-C at any time to stop."
)
ASK_AVOID = N_("Would you rather avoid this?")
ASK_AVOID_KEYS = N_("y: yes, I'd rather avoid it    n: no, or not sure    Ctrl-C: stop")
ASK_MATTERS = N_("What matters most to you? Choose up to {most}.")
ASK_MATTERS_KEYS = N_("Press a number to choose or unchoose; Enter when done; Ctrl-C: stop")
ASK_SURE = N_("Last, four questions on how sure you feel (the SURE test).")
ASK_SURE_KEYS = N_("y: yes    n: no    s: skip (leave it blank to fill in by hand)    Ctrl-C: stop")
ASK_STOPPED = N_("Stopped. Nothing was saved.")


def ask_progress(n: int, total: int) -> str:
    return _("Question {n} of {total}", n=n, total=total)


def conflict_keys(name: str, keys: Sequence[str]) -> str:
    """An option and its conflicts in a word or two each, for a printout with many of them."""
    return f"{name} ({', '.join(_(AVOID_SHORT[k]) for k in keys)})"


AVOID_SHORT = {
    "anaesthesia": N_("anaesthetic"),
    "weekday-visits": N_("weekday visits"),
    "no-driving": N_("no driving"),
    "controlled-drug": N_("controlled drug"),
    "implant": N_("implant"),
    "unapproved": N_("not approved"),
    "slow": N_("over four weeks"),
}
WEIGH_PRINT_SHORT = N_("The reasons for each conflict are on screen: trdguide weigh with the same answers.")


# --- about --ipdas: the guide against the IPDAS criteria ------------------------------------------------

IPDAS_TITLE = N_("IPDAS self-check")
IPDAS_INTRO = N_(
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
    "Q": N_("Qualifying criteria"),
    "C": N_("Certification criteria"),
    "B": N_("Quality criteria"),
    "D": N_("From the 2006 IPDAS checklist"),
}
IPDAS_HOW = {
    "built-in": N_("Built into the program (its own text or commands)"),
    "people": N_("Needs people"),
    "not-applicable": N_("Not applicable"),
}
_SCREENING = (N_("About a screening test"), N_("Not applicable: the guide is about treatments, not a screening test."))
_NOT_DONE = N_("Not done yet.")
# code -> (the criterion in a few words, what the guide does; {placeholders} are filled from the check)
IPDAS_TEXT: dict[str, tuple[str, str]] = {
    "Q1": (
        N_("Describes the condition"),
        N_(
            "The about page says who the guide covers. A glossary entry explains treatment-resistant depression "
            "(in this knowledge base: {glossary})."
        ),
    ),
    "Q2": (
        N_("States the decision"),
        N_("Every output prepares for a conversation about which treatment to try next."),
    ),
    "Q3": (N_("Describes the options"), N_("Lists {options} options, each with a summary.")),
    "Q4": (N_("Describes the benefits of each option"), N_('Each of the {options} options answers "Will it work?".')),
    "Q5": (N_("Describes the harms of each option"), N_("Each option lists common side effects and serious risks.")),
    "Q6": (
        N_("Describes what the options are like to live with"),
        N_('Each option says how it is given, how often, and how it affects daily life ("What is it like?").'),
    ),
    "C1": (
        N_("Shows benefits and harms in equal detail"),
        N_("Every option answers the same {rows} questions, in the same order and layout."),
    ),
    "C2": (
        N_("Cites the evidence"),
        N_("Every statement cites its sources: {references} references, each with a PMID, DOI or official address."),
    ),
    "C3": (N_("Gives a date"), N_("Every option shows its review date (here {oldest} to {newest}).")),
    "C4": (
        N_("Describes the update policy"),
        N_("The about page gives the review policy; trdguide changes lists each change."),
    ),
    "C5": (
        N_("Describes uncertainty around the figures"),
        N_(
            "Every option rates the certainty of its evidence and says why; {ranges} of {figures} figures give a range."
        ),
    ),
    "C6": (
        N_("Says how it was funded"),
        N_("The about page says: no funding, and no money from any maker of a treatment."),
    ),
    "C7": _SCREENING,
    "C8": _SCREENING,
    "C9": _SCREENING,
    "C10": _SCREENING,
    "B1": (
        N_("Describes what happens without a change"),
        N_("Has an option for continuing current care (in this knowledge base: {found}), and asks what waiting means."),
    ),
    "B2": (
        N_("Lets people compare benefits and harms"),
        N_("trdguide compare sets options side by side, question by question."),
    ),
    "B3": (
        N_("Gives the chances of outcomes"),
        N_("{with_figure} of {options} options give a result as people out of 100."),
    ),
    "B4": (
        N_("Names the group and comparison behind each figure"),
        N_(
            "Every result names its people, study and time; {without_comparison} of {figures} figures had no "
            "comparison group."
        ),
    ),
    "B5": (
        N_("Gives event rates"),
        N_("Figures are counts of people out of 100 ({figures} figures in {outcomes} results)."),
    ),
    "B6": (
        N_("Uses the same time period where it can"),
        N_("Every one of the {outcomes} results states its time point."),
    ),
    "B7": (N_("Uses the same denominator"), N_("All figures are out of 100 (very small ones out of 1,000).")),
    "B8": (
        N_("Shows chances in more than one way"),
        N_("Words, numbers, and pictures of 100 people (trdguide show NAME)."),
    ),
    "B9": (
        N_("Helps people think about what matters to them"),
        N_("A values exercise, trdguide weigh: {with_block} of {options} options have the fields it reads."),
    ),
    "B10": (
        N_("Gives a step-by-step way to decide"),
        N_("Partly: trdguide weigh asks one question at a time, and leaves the choice to the reader and their team."),
    ),
    "B11": (
        N_("Gives questions for the conversation"),
        N_("trdguide questions and weigh print questions to ask: {questions} about the {options} options."),
    ),
    "B12": (N_("Development asked patients what they need"), _NOT_DONE),
    "B13": (N_("Development asked health professionals what they need"), _NOT_DONE),
    "B14": (N_("Reviewed by patients who did not write it"), _NOT_DONE),
    "B15": (
        N_("Reviewed by professionals who did not write it"),
        N_("Partly: a content audit by reviewers who had not written the content; no clinical review is recorded."),
    ),
    "B16": (N_("Field tested with patients facing the decision"), _NOT_DONE),
    "B17": (N_("Field tested with clinicians"), _NOT_DONE),
    "B18": (N_("Describes how the evidence was chosen"), N_("The about page says how evidence was chosen.")),
    "B19": (
        N_("Describes the quality of the evidence"),
        N_("Each of the {options} options rates its evidence (high to very low) and says why."),
    ),
    "B20": (N_("Gives the authors' qualifications"), N_("Not given: the authors' qualifications are not listed.")),
    "B21": (
        N_("Reports the reading level"),
        N_("The {answers} short answers read at about grade {mean} on average (aim: {target} or lower)."),
    ),
    "B22": (N_("Shown to help choices match what people value"), N_("Not studied.")),
    "B23": (N_("Shown to improve what people know"), N_("Not studied.")),
    "B24": _SCREENING,
    "B25": _SCREENING,
    "B26": _SCREENING,
    "B27": _SCREENING,
    "B28": _SCREENING,
    "D1": (
        N_("Authors declare conflicts of interest"),
        N_("The about page says there is no industry money; a declaration by each author is not part of the guide."),
    ),
}


def ipdas_row(code: str, facts: dict[str, object]) -> tuple[str, str]:
    """A criterion in words and what the guide does, with the figures of the check filled in."""
    criterion, does = IPDAS_TEXT[code]
    text = _(does).format(**facts)
    missing = facts.get("missing")
    if isinstance(missing, list) and missing:
        text += " " + _("Missing in: {names}.", names=", ".join(str(m) for m in missing))
    return f"{code} {_(criterion)}", text


def ipdas_how(how: str, met: bool | None) -> str:
    if how == "program":
        return _("Checked by the program now: met") if met else _("Checked by the program now: not met")
    return _(IPDAS_HOW[how])


def pager_failed(command: str, status: int | None) -> str:
    """Said on standard error when the pager could not show an answer (the answer follows, unpaged).
    `status` is the pager's exit status (127 from the shell: not found), None if it could not be started."""
    if status is None or status == 126:
        return _(
            "Note: the pager {command} could not be started, so the answer is shown without it. "
            "Set PAGER, or use --no-pager, to choose.",
            command=repr(command),
        )
    if status == 127:
        return _(
            "Note: the pager {command} was not found, so the answer is shown without it. "
            "Set PAGER, or use --no-pager, to choose.",
            command=repr(command),
        )
    return _(
        "Note: the pager {command} ended with status {status}, so the answer is shown without it. "
        "Set PAGER, or use --no-pager, to choose.",
        command=repr(command),
        status=status,
    )


# --- search (`trdguide search WORDS`, `trdguide faq WORDS`) -------------------------------------------

# the heading of each section of an option, as `show` prints it (keys: search.SECTIONS)
SECTION_LABELS = {
    "summary": N_("What it is"),
    "like": N_("What it is like"),
    "work": N_("Will it work? What studies found"),
    "common": N_("Common side effects"),
    "serious": N_("Serious risks"),
    "unsuitable": N_("Who may not be suitable"),
    "lasting": N_("How long the benefit lasts"),
    "misconceptions": N_("Common misunderstandings"),
    "status": N_("Approval (what regulators decided)"),
    "guidelines": N_("Guidelines (what expert bodies recommend)"),
    "evidence": N_("How strong is the evidence?"),
    "cost": N_("Cost and access"),
    "questions": N_("Questions to ask your clinician"),
}
SEARCH_URGENT = N_(
    "If you are thinking about suicide or might not stay safe, please get help now. In danger now: call your "
    "local emergency number. Crisis lines where you are: trdguide crisis"
)
SEARCH_FAQ = N_("From the frequently asked questions")
SEARCH_OPTIONS = N_("In the treatment options")
SEARCH_GLOSSARY = N_("In the glossary")
SEARCH_RESULTS = N_("What the guide says")


def search_title(query: str) -> str:
    return _("Search: {query}", query=query)


def search_corrected(typed: str, read_as: str) -> str:
    return _(
        "{typed} is not a word in this guide, so it was read as {read_as}.", typed=repr(typed), read_as=repr(read_as)
    )


def search_named(name: str, command: str) -> str:
    return _("{name} is a treatment option in this guide. Everything about it: {command}", name=name, command=command)


def search_choice(words: str) -> str:
    return _("{words} names more than one treatment option. Choose one to read about it in full:", words=repr(words))


def search_nothing(query: str) -> str:
    return _("Nothing in this guide matches {query}.", query=repr(query))


def search_close(words: str) -> str:
    return _("Close words in this guide: {words}.", words=words)


SEARCH_WHERE_NEXT = N_(
    "The list of questions this guide answers: trdguide faq. Every option: trdguide list. "
    "If you need help now: trdguide crisis."
)


def search_open(command: str) -> str:
    return _("In full: {command}", command=command)


def search_option_line(option: str, section: str, text: str, command: str) -> str:
    return _("{option}, {section}: {text} ({command})", option=option, section=section, text=text, command=command)


def search_faq_line(number: str, question: str, text: str, command: str) -> str:
    return _(
        "FAQ {number}. {question} {text} ({command})", number=number, question=question, text=text, command=command
    )


def search_glossary_line(term: str, text: str, command: str) -> str:
    return _("{term}: {text} ({command})", term=term, text=text, command=command)


# --- the website's output folder -------------------------------------------------------------------

SITE_LIST_MAX = 5  # paths named in one error; the rest are counted


def _paths(paths: list[str]) -> str:
    shown = ", ".join(paths[:SITE_LIST_MAX])
    more = len(paths) - SITE_LIST_MAX
    return _("{names} and {more} more", names=shown, more=more) if more > 0 else shown


def site_refused(problem: str, paths: list[str]) -> str:
    """Why `trdguide site` wrote nothing. `problem`: link, not-a-file or not-ours; `paths` inside OUTDIR."""
    n = len(paths)
    names = _paths(paths)
    if problem == "link":
        return ngettext(
            "Nothing was written: {names} is a symbolic link. The site writes only plain files inside its folder, "
            "never through a link. Remove the link or choose another folder.",
            "Nothing was written: {names} are symbolic links. The site writes only plain files inside its folder, "
            "never through a link. Remove the link or choose another folder.",
            n,
            names=names,
        )
    if problem == "not-a-file":
        return ngettext(
            "Nothing was written: {names} is in the way (not a plain file). Move it or choose another folder.",
            "Nothing was written: {names} are in the way (not a plain file). Move them or choose another folder.",
            n,
            names=names,
        )
    return ngettext(
        "Nothing was written: {names} was not written by trdguide. "
        "Move it away or choose another folder; to replace it, add --force.",
        "Nothing was written: {names} were not written by trdguide. "
        "Move them away or choose another folder; to replace them, add --force.",
        n,
        names=names,
    )


def site_removed(n: int) -> str:
    return ngettext(
        "Removed {n} file an earlier build wrote that the site no longer has.",
        "Removed {n} files an earlier build wrote that the site no longer has.",
        n,
    )


# --- the website's own words -----------------------------------------------------------------------

WEB_CONTENTS = N_("On this page")
WEB_COMPARE_WITH = N_("Compare with")
WEB_QUESTIONS = N_("The questions")
WEB_BACK_TO_QUESTIONS = N_("Back to the questions")
WEB_REGION_FIRST = N_("Show first the help for")
WEB_ALL_REGIONS = N_("the order below")

# the search box on every page (its script shows these; {query}, {typed}, {read_as} and {n} are filled in)
WEB_SEARCH_TEXT = {
    "label": N_("Search the guide"),
    "button": N_("Search"),
    "loading": N_("Loading the search\u2026"),
    "results": N_("{n} results for {query}. The best match is first."),
    "one": N_("1 result for {query}."),
    "none": N_("Nothing in this guide matches {query}."),
    "corrected": N_("{typed} is not a word in this guide, so it was read as {read_as}."),
    "urgent": (
        N_(
            "If you are thinking about suicide or might not stay safe, please get help now. In danger now: call "
            "your local emergency number."
        )
    ),
    "crisis_link": N_("Crisis lines by country"),
    "faq_link": N_("The list of questions"),
}


def web_search_faq(question: str) -> str:
    """A search result that is an FAQ answer, as the website's search lists it."""
    return _("FAQ: {question}", question=question)


def web_search_option(option: str, section: str) -> str:
    """A search result that is a section of an option's page."""
    return _("{option}: {section}", option=option, section=section)


def web_search_glossary(term: str) -> str:
    """A search result that is a glossary term."""
    return _("Glossary: {term}", term=term)


def faq_on_the_web(entry_id: str) -> str:
    """The line under each `faq` answer that names its place on the website (a link a person can share)."""
    return _("On the website: faq.html#{id}", id=entry_id)


def crisis_pointer_web(numbers: list[tuple[str, list[str]]]) -> str:
    """The website's crisis line, before its link to the page of crisis lines by country."""
    parts = " · ".join(f"{number} ({'/'.join(regions)})" for number, regions in numbers)
    # Translators: both are followed by a link to the page of crisis lines by country.
    return _("In crisis? {numbers} · ", numbers=parts) if parts else _("In crisis or suicidal? See ")


# --- the website's page "What matters to you" (weigh.html) ---------------------------------------------

WEB_WEIGH_PRIVATE = N_(
    "Nothing you tick here is saved or sent. It stays on this page in your browser, and is gone when you "
    "leave or reload the page."
)
WEB_WEIGH_AVOID = N_("I'd rather avoid")
WEB_WEIGH_MATTERS = N_("What matters most to you (choose up to {most})")
WEB_WEIGH_MATTERS_FULL = N_("You have chosen {most}. To choose another, untick one first.")
WEB_WEIGH_YOU_SAID = N_("What you said")
WEB_WEIGH_ALL = N_("Every option and what it involves")
WEB_WEIGH_ALL_NOTE = N_(
    "This table sets every option beside each thing you might rather avoid, as the guide's records say. "
    "Where the boxes above are shown, ticking them sets the options in groups."
)
WEB_WEIGH_CELL_NO = N_("No.")
WEB_WEIGH_CELL_NOT_KNOWN = N_("The guide does not say. Ask about this.")


def web_weigh_cell_yes(reason: str) -> str:
    """A cell of the site's table of every option: the option involves this, and why."""
    return _("Yes. {reason}", reason=reason)


def translation_coverage(language: str, translated: int, in_scope: int, stale: int, missing: int) -> str:
    """`validate`'s line on one language's translations (findings.LanguageCoverage): how much of the release
    scope is translated and current, and how much is shown in English."""
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


# --- choosing the language ------------------------------------------------------------------------


def lang_unknown(asked: str, available: Sequence[str]) -> str:
    """`--lang X` where X is not a language of this installation (a usage error)."""
    return _(
        "{asked} is not a language this guide speaks. Available: {available}.",
        asked=repr(asked[:40]),
        available=", ".join(available),
    )


def lang_env_unknown(asked: str, available: Sequence[str]) -> str:
    """One line on standard error where TRDGUIDE_LANG names no available language: the command runs on."""
    return _(
        "Note: TRDGUIDE_LANG={asked} is not a language this guide speaks ({available}); the answer is in English.",
        asked=repr(asked[:40]),
        available=", ".join(available),
    )
