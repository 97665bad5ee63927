"""The record formats of the knowledge base: one pydantic model per kind of record.

This module is the single definition of each record's shape. It knows nothing about YAML files,
terminals or the command line; the loader feeds it plain Python data and the renderers read it.
"""

# No `from __future__ import annotations`: pydantic would then compile and evaluate every field's
# annotation from a string when each class is defined (118 of them, at every start of a command).
import datetime as _dt
import re
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .i18n import _

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PMID_RE = re.compile(r"^[1-9][0-9]{0,8}$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")

Slug = Annotated[str, StringConstraints(pattern=SLUG_RE, min_length=2, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
RefIds = Annotated[list[Slug], Field(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Per100 = Annotated[float, Field(ge=0, le=100)]


# Fields that hold names, codes or links rather than sentences (the walker below skips them)
NOT_PROSE = frozenset(
    {
        "id",
        "refs",
        "references",
        "related",
        "interventions",
        "aliases",
        "brand_names",
        "families",
        "short_name",
        "pmid",
        "doi",
        "url",
        "source",
        "region",
        "number",
        "emergency",
        "contact",
        "term",
        "see",
        "words",
    }
)


def walk_texts(model: BaseModel, path: str = "") -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """Every sentence in a record, anywhere in it: (field path, text, the references that cite it).

    The one walker over a record's fields: cross-checks, the linter, the short-answer rules and the tests
    all use it (and `walk_refs`), so they cannot disagree about which fields exist.
    """
    refs = tuple(getattr(model, "refs", None) or ())
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        if name in NOT_PROSE or value is None or isinstance(value, Enum):
            continue
        values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for n, v in values:
            at = here if n is None else f"{here}[{n}]"
            if isinstance(v, BaseModel):
                yield from walk_texts(v, at)
            elif isinstance(v, str) and not isinstance(v, Enum):
                yield at, v, refs
            elif isinstance(v, int | float) and not isinstance(v, bool):  # a year, written as a number
                yield at, str(v), refs


def walk_refs(model: BaseModel) -> set[str]:
    """Every reference id a record cites, anywhere in it (`refs` and `references` lists)."""
    ids: set[str] = set()
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in ("refs", "references") and isinstance(value, list):
            ids.update(v for v in value if isinstance(v, str))
            continue
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, BaseModel):
                ids |= walk_refs(v)
    return ids


def has_field(model: BaseModel, path: str) -> bool:
    """Whether a record has a filled field at `path` ("setting.daily_life", "regulatory[0].status")."""
    here: Any = model
    for part in path.split("."):
        name, _sep, index = part.partition("[")
        if not isinstance(here, BaseModel) or name not in type(here).model_fields:
            return False
        here = getattr(here, name)
        if index:
            n = int(index.rstrip("]"))
            if not isinstance(here, list) or n >= len(here):
                return False
            here = here[n]
    return here is not None and here != []


def _empty() -> list[Any]:
    """The default of an optional list field: a new empty list. (A function of ours rather than `list`:
    pydantic reads a default factory's signature, and for a built-in that takes several milliseconds.)"""
    return []


class Strict(BaseModel):
    """Base for every record: unknown fields are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


from .vocab import (  # noqa: E402  (the closed sets live in a module without pydantic)
    Anaesthesia,
    Answer,
    Category,
    Certainty,
    ComparatorKind,
    Measure,
    Place,
    RefKind,
    Region,
    StatusLabel,
)

# Enums are read from YAML strings: allow the string value (only the listed values pass).
CategoryT = Annotated[Category, Field(strict=False)]
StatusLabelT = Annotated[StatusLabel, Field(strict=False)]
PlaceT = Annotated[Place, Field(strict=False)]
AnaesthesiaT = Annotated[Anaesthesia, Field(strict=False)]
CertaintyT = Annotated[Certainty, Field(strict=False)]
MeasureT = Annotated[Measure, Field(strict=False)]
RefKindT = Annotated[RefKind, Field(strict=False)]
RegionT = Annotated[Region, Field(strict=False)]
ComparatorKindT = Annotated[ComparatorKind, Field(strict=False)]
AnswerT = Annotated[Answer, Field(strict=False)]


# --- building blocks ------------------------------------------------------------------------------


class Statement(Strict):
    """One claim in plain words with the references that support it."""

    text: Text
    refs: RefIds


class Reference(Strict):
    id: Slug
    kind: RefKindT
    citation: Text
    year: Year | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    note: Text | None = None

    @field_validator("pmid")
    @classmethod
    def _pmid(cls, v: str | None) -> str | None:
        if v is not None and not PMID_RE.match(v):
            raise ValueError(_("a PMID is 1 to 9 digits, with no prefix (for example 37224232)"))
        return v

    @field_validator("doi")
    @classmethod
    def _doi(cls, v: str | None) -> str | None:
        if v is not None and not DOI_RE.match(v):
            raise ValueError(_("a DOI starts with '10.' and has no spaces (for example 10.1056/NEJMoa2302399)"))
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is not None and not URL_RE.match(v):
            raise ValueError(_("a URL starts with http:// or https:// and has no spaces"))
        return v

    @model_validator(mode="after")
    def _has_locator(self) -> "Reference":
        if not (self.pmid or self.doi or self.url):
            raise ValueError(_("a reference needs at least one of pmid, doi or url"))
        return self

    @property
    def locator(self) -> str:
        parts = []
        if self.pmid:
            parts.append(f"PMID {self.pmid}")
        if self.doi:
            parts.append(f"doi:{self.doi}")
        if self.url and not (self.pmid or self.doi):
            parts.append(self.url)
        return " · ".join(parts)


class Figure(Strict):
    """A number of people out of 100, with a range where the source gives one."""

    value: Per100
    low: Per100 | None = None
    high: Per100 | None = None

    @model_validator(mode="after")
    def _range(self) -> "Figure":
        if (self.low is None) != (self.high is None):
            raise ValueError(_("give both low and high for a range, or neither"))
        if self.low is not None and self.high is not None and not (self.low <= self.value <= self.high):
            raise ValueError(_("the range must contain the value (low <= value <= high)"))
        return self


class Comparator(Strict):
    label: ShortText
    # sham | placebo | active | usual-care | other-population | none (see vocab.ComparatorKind)
    kind: ComparatorKindT
    per_100: Figure | None = None


class Outcome(Strict):
    """One measured result, in the same shape for every intervention."""

    measure: MeasureT
    label: ShortText  # plain words: "improved by half or more (response)"
    per_100: Figure | None = None
    result: Text | None = None  # for outcomes that are not a count of people (e.g. change on a scale)
    comparator: Comparator | None = None
    population: Text
    timeframe: ShortText
    threshold: ShortText | None = None
    study: ShortText
    design: RefKindT
    note: Text | None = None
    refs: RefIds

    @model_validator(mode="after")
    def _figure_or_result(self) -> "Outcome":
        if self.per_100 is None and self.result is None:
            raise ValueError(_("an outcome needs per_100 (people out of 100) or a result in words"))
        if self.measure in (Measure.response, Measure.remission) and self.threshold is None:
            raise ValueError(_("response and remission outcomes must state the threshold used"))
        return self


FIELD_PATH_RE = r"^[a-z_]+(?:\[[0-9]+\])?(?:\.[a-z_]+(?:\[[0-9]+\])?)*$"
FieldPath = Annotated[str, StringConstraints(pattern=FIELD_PATH_RE, max_length=80)]


class Fact(Strict):
    """One yes-or-no fact about an option, for `trdguide weigh` (what a reader would rather avoid).

    The fact is not a new claim: `see` names the field of this record that states it, with that field's
    references (for example `setting.daily_life`). A yes also needs `reason`: a few plain words shown
    beside the option.
    """

    answer: AnswerT  # yes, no, or not-known (the record does not say)
    reason: ShortText | None = None
    see: FieldPath | None = None
    refs: list[Slug] = Field(default_factory=_empty)  # where no other field of the record states it

    @field_validator("answer", mode="before")
    @classmethod
    def _yes_no(cls, v: object) -> object:
        # YAML reads a bare yes or no as true or false
        return {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v

    @model_validator(mode="after")
    def _backed(self) -> "Fact":
        if self.answer is Answer.yes and (self.reason is None or (self.see is None and not self.refs)):
            raise ValueError(
                _("a yes needs `reason` (a few plain words) and `see` (the field that states it) or `refs`")
            )
        return self


class Practical(Strict):
    """The yes-or-no facts `trdguide weigh` reads, kept together in one block of a record's setting.

    Needing an anaesthetic or an implant comes from `setting.anaesthesia`, and approval from
    `status.label`, so they are not repeated here.
    """

    weekday_visits: Fact  # clinic visits on most weekdays, for a week or more
    no_driving: Fact  # no driving for a time after each session or dose
    controlled_drug: Fact  # a controlled drug (a scheduled substance) in a region the guide covers
    slow: Fact  # it usually takes more than four weeks to know whether it helps


class Setting(Strict):
    where: Annotated[list[PlaceT], Field(min_length=1)]
    given_by: Text
    anaesthesia: AnaesthesiaT
    schedule: Text  # how often and for how long, never how much
    time_to_effect: Text
    # the time to effect in a few words (at most 16 characters), for one-line lists
    onset: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)] | None = None
    # yes-or-no facts for `trdguide weigh`, each pointing to the cited field that states it
    practical: Practical | None = None
    daily_life: Text  # driving, time off, travel
    refs: RefIds


class Status(Strict):
    label: StatusLabelT
    note: ShortText


class Regulatory(Strict):
    region: RegionT
    body: ShortText
    status: ShortText
    year: Year | None = None
    indication: Text
    refs: RefIds


class GuidelinePosition(Strict):
    body: ShortText
    year: Year
    position: Text
    refs: RefIds


class SideEffects(Strict):
    common: Annotated[list[Statement], Field(min_length=1)]
    serious: Annotated[list[Statement], Field(min_length=1)]


class Evidence(Strict):
    certainty: CertaintyT
    why: Text
    refs: RefIds


ShortLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=240)]


class ShortAnswer(Strict):
    """One or two plain sentences (about 25 words) that answer a compare question; the detail is elsewhere.

    Every figure in `text` also appears in the record's cited detail (or is the difference of two
    figures from one study); `refs` are the references of the detail it summarises.
    """

    text: ShortLine
    refs: RefIds


class ShortAnswers(Strict):
    """The short answer to each of the ten compare questions, in the order they are asked."""

    work: ShortAnswer
    soon: ShortAnswer
    like: ShortAnswer
    common: ShortAnswer
    serious: ShortAnswer
    unsuitable: ShortAnswer
    lasting: ShortAnswer
    status: ShortAnswer
    evidence: ShortAnswer
    cost: ShortAnswer


def _not_future(d: _dt.date) -> _dt.date:
    if d > _dt.date.today():
        raise ValueError(_("last_reviewed {date} is in the future", date=d.isoformat()))
    return d


ReviewDate = Annotated[_dt.date, AfterValidator(_not_future)]


def _change_not_future(d: _dt.date) -> _dt.date:
    if d > _dt.date.today():
        raise ValueError(_("a change dated {date} is in the future", date=d.isoformat()))
    return d


class Change(Strict):
    """One entry of a record's change log: what changed at a review, why, and the sources behind it.

    Readers who saw the guide before (and clinicians) see what is new; `trdguide changes` lists them all.
    """

    date: Annotated[_dt.date, AfterValidator(_change_not_future)]
    what: Text
    why: Text
    refs: list[Slug] = Field(default_factory=_empty)


class Intervention(Strict):
    id: Slug
    name: ShortText
    short_name: ShortText
    aliases: list[ShortText] = Field(default_factory=_empty)
    brand_names: list[ShortText] = Field(default_factory=_empty)  # product names; they find the record too
    # words for a family of options (a drug class, a kind of stimulation) that this option belongs to;
    # a family word lists its members rather than opening one of them
    families: list[ShortText] = Field(default_factory=_empty)
    category: CategoryT
    summary: Text
    mechanism: Statement
    setting: Setting
    status: Status
    regulatory: list[Regulatory] = Field(default_factory=_empty)
    guidelines: list[GuidelinePosition] = Field(default_factory=_empty)
    outcomes: list[Outcome] = Field(default_factory=_empty)
    side_effects: SideEffects
    not_suitable_for: Annotated[list[Statement], Field(min_length=1)]
    durability: Annotated[list[Statement], Field(min_length=1)]
    access: Annotated[list[Statement], Field(min_length=1)]
    misconceptions: list[Statement] = Field(default_factory=_empty)
    questions_to_ask: Annotated[list[Text], Field(min_length=1)]
    evidence: Evidence
    short: ShortAnswers | None = None  # the short answers shown in compare (see ShortAnswers)
    related: list[Slug] = Field(default_factory=_empty)
    references: RefIds
    last_reviewed: ReviewDate
    # what changed, newest first. A change can come after the last full review (a correction or a new
    # approval checked on its own): last_reviewed is moved only when the whole record was reviewed.
    changes: list[Change] = Field(default_factory=_empty)

    @model_validator(mode="after")
    def _changes_in_order(self) -> "Intervention":
        for n, c in enumerate(self.changes):
            if n and c.date > self.changes[n - 1].date:
                raise ValueError(
                    _("changes[{n}] is newer than changes[{before}]: list the newest change first", n=n, before=n - 1)
                )
        return self

    @model_validator(mode="after")
    def _facts_point_somewhere(self) -> "Intervention":
        practical = self.setting.practical
        if practical is None:
            return self
        for name in type(practical).model_fields:
            see = getattr(practical, name).see
            if see is not None and not has_field(self, see):
                raise ValueError(
                    _(
                        "setting.practical.{name}.see names {see}, which this record does not have",
                        name=name,
                        see=repr(see),
                    )
                )
        return self

    def all_ref_ids(self) -> set[str]:
        """Every reference id this record cites, anywhere in it."""
        return walk_refs(self)

    @property
    def names(self) -> list[str]:
        return [self.id, self.short_name, *self.aliases, *self.brand_names]


class HeadToHead(Strict):
    """A trial that compared two or more options of the knowledge base directly."""

    id: Slug
    title: ShortText
    interventions: Annotated[list[Slug], Field(min_length=2)]
    summary: Text
    outcomes: Annotated[list[Outcome], Field(min_length=1)]
    caveats: list[Statement] = Field(default_factory=_empty)
    short: ShortAnswer | None = None  # one or two lines under the compare grid: who, what, direction and size
    refs: RefIds

    def all_ref_ids(self) -> set[str]:
        """Every reference id this trial entry cites, anywhere in it."""
        return walk_refs(self)


class FaqEntry(Strict):
    id: Slug
    question: ShortText
    answer: Text
    related: list[Slug] = Field(default_factory=_empty)
    refs: list[Slug] = Field(default_factory=_empty)


class GlossaryTerm(Strict):
    term: ShortText
    definition: Text
    aliases: list[ShortText] = Field(default_factory=_empty)
    refs: list[Slug] = Field(default_factory=_empty)


def _web_address(v: str) -> str:
    if not URL_RE.match(v):
        raise ValueError(_("a URL starts with http:// or https:// and has no spaces"))
    return v


WebAddress = Annotated[str, AfterValidator(_web_address)]  # a crisis service's page, and where it was checked


class OtherService(Strict):
    """A further service in a crisis line's region: a text line, or one for a particular group of people."""

    name: ShortText
    contact: ShortText  # exactly as a person dials or types it
    who: ShortText | None = None  # who it is for, to follow "for" ("young people"), where it is for a group
    hours: ShortText
    url: WebAddress
    checked: ReviewDate  # the day it was confirmed on the page in `source` (the service's or a government's own)
    source: WebAddress


class SynonymGroup(Strict):
    """Words people use for the same thing, everyday and clinical ("teenager", "adolescent", "under 18").

    A search for any of them finds text that uses any other (trdguide/search.py). A word may be a phrase;
    it is compared as search compares words (case, punctuation and word endings do not matter).
    """

    id: Slug
    words: Annotated[list[ShortText], Field(min_length=2)]
    # words of danger ("suicidal", "want to die"): a search with one of them shows where to get help first
    urgent: bool = False


class CrisisLine(Strict):
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$|^INTL$")]
    region_name: ShortText
    service: ShortText
    contact: ShortText  # exactly as a person dials or types it
    number: ShortText | None = None  # the one number to call, for one-line pointers ("988", "116 123")
    emergency: ShortText | None = None  # the emergency number of the region, e.g. "911"
    text_service: ShortText | None = None  # how to reach the service by text, where it offers that
    hours: ShortText
    url: WebAddress
    checked: ReviewDate
    source: WebAddress
    # further services in the region (text lines, services for particular groups), each with its own check
    other_services: list[OtherService] = Field(default_factory=_empty)


# --- translations: the overlays of data/i18n/LANG/ and the agreed terms (docs/i18n.md) -------------------

LANG_RE = r"^[a-z]{2,3}$"
OVERLAY_PATH_RE = r"^[a-z_]+(?:\.(?:[a-z_]+|[0-9]+))*$"
Language = Annotated[str, StringConstraints(pattern=LANG_RE)]
Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
# a field of a record as an overlay names it: dotted, list items by number from 0 ("questions_to_ask.0")
OverlayPath = Annotated[str, StringConstraints(pattern=OVERLAY_PATH_RE, max_length=80)]

# Fields a translation never replaces: ids, links, references, codes, numbers to dial and names to look
# up (a record's names and brand names stay as they are, so every name still finds its option)
# the fields that are not sentences, except the short name, the contact line and the glossary term, which
# are words a reader reads (their translations keep the English as an alias where names find things)
NOT_TRANSLATED = NOT_PROSE - {"short_name", "contact", "term"}


def walk_translatable(model: BaseModel, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text of a record that a translation may replace: (field path as an overlay writes it, text).

    Ids, references, links, numbers to dial, names to look up, dates, figures and the closed sets
    (statuses, categories) are never translated (NOT_TRANSLATED, and every value that is not text).
    """
    for name in type(model).model_fields:
        if name in NOT_TRANSLATED:
            continue
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for n, v in values:
            at = here if n is None else f"{here}.{n}"
            if isinstance(v, BaseModel):
                yield from walk_translatable(v, at)
            elif isinstance(v, str) and not isinstance(v, Enum):
                yield at, v


def _one_language(data: Any, fixed: frozenset[str], what: str) -> Any:
    """Check that a mapping holds, besides `fixed` keys, its text under exactly one language code."""
    if not isinstance(data, dict):
        return data  # the model says what is wrong
    others = [k for k in data if k not in fixed]
    if len(others) != 1:
        said = ", ".join(repr(k) for k in others) or _("none")
        # Translators: {what} is "a translated field" or "an agreed term" (translated where it is written)
        msg = _(
            "{what} needs its text under one language code (such as es:), besides en: found {said}",
            what=what,
            said=said,
        )
        raise ValueError(msg)
    code = others[0]
    if not isinstance(code, str) or not re.match(LANG_RE, code):
        raise ValueError(_("{code} is not a language code (two or three small letters, such as es)", code=repr(code)))
    value = data[code]
    if value is not None and not isinstance(value, str):
        raise ValueError(_("the text under {code} must be text", code=code))
    if isinstance(value, str) and len(value.strip()) > 4000:
        raise ValueError(_("the text under {code} is longer than {most} characters", code=code, most=4000))
    return data


def _language_key(json_schema: dict[str, Any]) -> None:
    """In the JSON Schema: the text under one language code, and no other key."""
    json_schema["patternProperties"] = {"^(?!en$)[a-z]{2,3}$": {"type": ["string", "null"], "maxLength": 4000}}
    json_schema["additionalProperties"] = False
    json_schema["minProperties"] = 2


# a mapping with fixed keys and the text under one language code ("es"): the code is a key of its own
_LANGUAGE_KEYED = ConfigDict(extra="allow", strict=True, frozen=True, defer_build=True, json_schema_extra=_language_key)


class FieldTranslation(BaseModel):
    """One translated field: a digest of the English it translates, and the text in the overlay's language.

    `{en: 3f9a0c21d4e5, es: Terapia electroconvulsiva (TEC)}`. The digest is `i18n.digest` of the English
    text; when the English changes, the digest no longer matches and the English is shown instead (it is
    the source of truth) until the translation is brought up to date. An empty text (`es:` left blank by
    the translator's skeleton) is a field not translated yet.
    """

    model_config = _LANGUAGE_KEYED

    en: Digest | None = None  # None: not digested yet (`scripts/i18n.py digests`), so never shown

    @model_validator(mode="before")
    @classmethod
    def _language(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("en") in ("", "TODO"):  # the skeleton's placeholder: no digest yet
            data = {**data, "en": None}
        return _one_language(data, frozenset({"en"}), _("a translated field"))

    @property
    def language(self) -> str:
        return next(iter(self.model_extra or {"": None}))

    @property
    def text(self) -> str | None:
        """The translation, or None where the field is not translated yet."""
        value = (self.model_extra or {}).get(self.language)
        return value.strip() or None if isinstance(value, str) else None


def _translated_not_future(d: _dt.date) -> _dt.date:
    if d > _dt.date.today():
        raise ValueError(_("translated {date} is in the future", date=d.isoformat()))
    return d


class TranslationHeader(Strict):
    """The provenance of one overlay file: its language, when and how it was made, and who reviewed it."""

    language: Language
    translated: Annotated[_dt.date, AfterValidator(_translated_not_future)]
    method: Text  # how it was made and checked, in plain words (`about` shows it)
    clinician_review: ShortText  # "none", or "NAME, ROLE, DATE": never a review that did not happen

    @property
    def reviewed(self) -> bool:
        return self.clinician_review.strip().lower() != "none"


class Overlay(Strict):
    """A translation file in data/i18n/LANG/: it mirrors one English file and holds prose only.

    A record's file (interventions/ID.yaml) has `fields` (field path -> translation); a list file
    (faq.yaml, glossary.yaml, crisis.yaml, head_to_head/*.yaml) has `entries` (the entry's key, as
    kinds.py names it, -> field path -> translation).
    """

    translation: TranslationHeader
    fields: dict[OverlayPath, FieldTranslation] | None = None
    entries: dict[ShortText, dict[OverlayPath, FieldTranslation]] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> "Overlay":
        if (self.fields is None) == (self.entries is None):
            raise ValueError(
                _("a translation file has `fields:` (a record's file) or `entries:` (a list file), not both")
            )
        return self

    @model_validator(mode="after")
    def _one_language(self) -> "Overlay":
        for key, fields in self.items():
            for path, f in fields.items():
                if f.language != self.translation.language:
                    at = f"{key} {path}" if key else path
                    raise ValueError(
                        _(
                            "{at}: the text is under {language}, but the file's language is {file_language}",
                            at=at,
                            language=repr(f.language),
                            file_language=repr(self.translation.language),
                        )
                    )
        return self

    def items(self) -> list[tuple[str, dict[str, FieldTranslation]]]:
        """(entry key, its fields) for a list file; ("", fields) for a record's file."""
        if self.fields is not None:
            return [("", self.fields)]
        return list((self.entries or {}).items())


class Term(BaseModel):
    """One agreed term (data/i18n/LANG/terms.yaml): the English, the language's agreed words, words to avoid."""

    model_config = _LANGUAGE_KEYED

    en: ShortText
    avoid: list[ShortText] = Field(default_factory=_empty)
    # English phrases in which the term means something else ("a fair trial": a fair try, not a study)
    other_senses: list[ShortText] = Field(default_factory=_empty)
    note: ShortText | None = None

    @model_validator(mode="before")
    @classmethod
    def _language(cls, data: Any) -> Any:
        fixed = frozenset({"en", "avoid", "other_senses", "note"})
        data = _one_language(data, fixed, _("an agreed term"))
        texts = [v for k, v in data.items() if k not in fixed] if isinstance(data, dict) else ["a list"]
        if not any(isinstance(v, str) and v.strip() for v in texts):
            raise ValueError(_("an agreed term needs its words in the language (such as es: ...)"))
        return data

    @property
    def language(self) -> str:
        return next(iter(self.model_extra or {"": None}))

    @property
    def text(self) -> str:
        return str((self.model_extra or {})[self.language]).strip()
