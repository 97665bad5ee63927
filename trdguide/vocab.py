"""The closed sets of values used in records (plain enums, no pydantic), shared by models and CLI."""

from __future__ import annotations

from enum import Enum


class Category(str, Enum):
    current_care = "current-care"
    medication = "medication"
    rapid_acting = "rapid-acting"
    neuromodulation = "neuromodulation"
    psychotherapy = "psychotherapy"
    psychedelic = "psychedelic"
    self_care = "self-care-and-support"


class StatusLabel(str, Enum):
    """The one-line status shown in lists and comparisons. Details live in `regulatory`."""

    approved = "approved"  # a regulator approved or cleared it for a depression use
    off_label = "off-label"  # approved for something else, used for depression without that approval
    investigational = "investigational"  # only available in research studies
    not_approved = "not-approved"  # a regulator has declined it, or it is illegal outside research
    approved_other_use = "approved-for-other-use"  # approved, but not for TRD or MDD
    no_approval_needed = "no-approval-needed"  # therapies, self-care: not regulated as a product
    approved_medicines_combined = "approved-medicines-combined"  # each medicine approved; pairing them is a choice


class ComparatorKind(str, Enum):
    """What a result was compared with. Controlled kinds can lead a record's "Will it work?" answer."""

    sham = "sham"  # a fake procedure or device
    placebo = "placebo"  # a dummy medicine (including an active placebo such as midazolam)
    active = "active"  # another real treatment
    usual_care = "usual-care"  # usual care, waiting list or another non-placebo control group
    other_population = "other-population"  # the same treatment in a different group of people
    none = "none"  # no comparison group (before and after, or a single group)


CONTROLLED_COMPARATORS = frozenset(
    {ComparatorKind.sham, ComparatorKind.placebo, ComparatorKind.active, ComparatorKind.usual_care}
)


class Place(str, Enum):
    home = "home"
    clinic = "clinic"
    hospital = "hospital"
    specialist_centre = "specialist-centre"
    research_study = "research-study"
    community = "community"
    online = "online"


class Anaesthesia(str, Enum):
    none = "none"
    general = "general"
    surgical = "surgical"  # an operation to implant a device (general or local anaesthetic)


class Answer(str, Enum):
    """A yes-or-no fact about an option (`setting.practical`), or that the record does not say."""

    yes = "yes"
    no = "no"
    not_known = "not-known"  # the record's cited text does not say either way


class Certainty(str, Enum):
    high = "high"
    moderate = "moderate"
    low = "low"
    very_low = "very-low"


class Measure(str, Enum):
    response = "response"
    remission = "remission"
    relapse = "relapse"
    sustained_response = "sustained-response"
    scale_change = "scale-change"
    other = "other"


class RefKind(str, Enum):
    rct = "rct"
    meta_analysis = "meta-analysis"
    guideline = "guideline"
    regulatory = "regulatory"
    label = "label"
    registry = "registry"
    review = "review"
    cohort = "cohort"
    hta = "hta"
    other = "other"


class Region(str, Enum):
    US = "US"
    UK = "UK"
    EU = "EU"
    CA = "CA"
    AU = "AU"
    IE = "IE"


# `trdguide weigh` and the website's "What matters to you": how many things may matter most
MAX_MATTERS = 3
