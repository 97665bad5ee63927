"""The pydantic models accept valid records and reject invalid ones with a message naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import record, ref
from pydantic import ValidationError

from trdguide.models import Figure, Intervention, Outcome, Reference


def _errors(model: Any, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return [(e["loc"], e["msg"]) for e in exc.value.errors()]


def _rec(**over: Any) -> dict[str, Any]:
    d = record()
    d["last_reviewed"] = dt.date(2026, 1, 1)
    d.update(over)
    return d


def test_valid_record() -> None:
    item = Intervention.model_validate(_rec())
    assert item.id == "alpha"
    assert item.names == ["alpha", "ALPHA", "alpha-alias"]
    assert item.all_ref_ids() == {"ref-one"}


def test_unknown_field_rejected() -> None:
    errs = _errors(Intervention, _rec(colour="blue"))
    assert errs[0][0] == ("colour",)
    assert "Extra inputs" in errs[0][1]


def test_missing_field_rejected() -> None:
    d = _rec()
    del d["evidence"]
    assert _errors(Intervention, d)[0][0] == ("evidence",)


def test_wrong_type_not_coerced() -> None:
    d = _rec()
    d["outcomes"][0]["per_100"]["value"] = "30"
    assert ("outcomes", 0, "per_100", "value") in [loc for loc, _ in _errors(Intervention, d)]


def test_bad_enum_names_field() -> None:
    errs = _errors(Intervention, _rec(category="magic"))
    assert errs[0][0] == ("category",)


def test_bad_slug() -> None:
    assert _errors(Intervention, _rec(id="Has Spaces"))[0][0] == ("id",)


def test_future_review_date_rejected() -> None:
    errs = _errors(Intervention, _rec(last_reviewed=dt.date.today() + dt.timedelta(days=1)))
    assert errs[0][0] == ("last_reviewed",) and "future" in errs[0][1]


def test_per_100_out_of_range() -> None:
    with pytest.raises(ValidationError):
        Figure.model_validate({"value": 101})
    with pytest.raises(ValidationError):
        Figure.model_validate({"value": -1})


def test_range_must_contain_value_and_be_complete() -> None:
    with pytest.raises(ValidationError, match="contain the value"):
        Figure.model_validate({"value": 50, "low": 60, "high": 70})
    with pytest.raises(ValidationError, match="both low and high"):
        Figure.model_validate({"value": 50, "low": 40})
    assert Figure.model_validate({"value": 50, "low": 40, "high": 60}).high == 60


def test_outcome_needs_figure_or_result_and_threshold() -> None:
    base = record()["outcomes"][0]
    no_fig = {k: v for k, v in base.items() if k != "per_100"}
    with pytest.raises(ValidationError, match="per_100"):
        Outcome.model_validate(no_fig)
    no_thr = {k: v for k, v in base.items() if k != "threshold"}
    with pytest.raises(ValidationError, match="threshold"):
        Outcome.model_validate(no_thr)
    scale = dict(no_fig, measure="scale-change", result="8 points lower on MADRS")
    del scale["threshold"]
    assert Outcome.model_validate(scale).result == "8 points lower on MADRS"


def test_outcome_needs_a_source() -> None:
    base = dict(record()["outcomes"][0], refs=[])
    with pytest.raises(ValidationError):
        Outcome.model_validate(base)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pmid", "PMID123", "PMID"),
        ("doi", "doi:10.1/x", "DOI"),
        ("url", "www.example.org", "URL"),
    ],
)
def test_reference_locators_validated(field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Reference.model_validate(ref(**{field: value}))


def test_reference_needs_a_locator() -> None:
    d = ref()
    del d["doi"]
    with pytest.raises(ValidationError, match="at least one of pmid, doi or url"):
        Reference.model_validate(d)


def test_reference_locator_text() -> None:
    r = Reference.model_validate(ref(pmid="123", url="https://example.org/x"))
    assert r.locator == "PMID 123 · doi:10.1000/ref-one"


def test_figures_in_words_round_half_up_and_handle_zero() -> None:
    from trdguide.wording import about, icon_count

    assert about(Figure.model_validate({"value": 4.5})) == "about 5 in 100"
    assert about(Figure.model_validate({"value": 46.5})) == "about 47 in 100"
    assert about(Figure.model_validate({"value": 0.4})) == "fewer than 1 in 100"
    assert about(Figure.model_validate({"value": 0})) == "0 in 100"
    assert icon_count(Figure.model_validate({"value": 99.6})) == 100


def test_outcome_sentences_end_once() -> None:
    from trdguide.wording import describe_outcome

    base = dict(record()["outcomes"][0], population="Adults.", note="Small trial.")
    text = describe_outcome(Outcome.model_validate(base))
    assert ".." not in text and "., " not in text
    scale = {k: v for k, v in base.items() if k not in ("per_100", "threshold")}
    scale.update(
        measure="scale-change", result="Scores fell 3 points more.", comparator={"label": "sham", "kind": "sham"}
    )
    text = describe_outcome(Outcome.model_validate(scale))
    assert "Scores fell 3 points more. Compared with: sham." in text and ".." not in text
