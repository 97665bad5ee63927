"""The knowledge base's problems (loader, errors) and `validate`'s findings (lint) in Spanish (issue 22)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import record, write_kb

from trdguide.lint import validate
from trdguide.loader import DataError, load


def test_loader_problems_in_spanish(tmp_path: Path, es: None) -> None:
    r = record(related=["nowhere"])
    r["evidence"]["refs"] = ["ref-missing"]
    root = write_kb(tmp_path, [r, record("beta", aliases=["Alpha"])])
    f = root / "interventions" / "alpha.yaml"
    with pytest.raises(DataError) as exc:
        load(root)
    said = str(exc.value)
    msgs = {p.field: p.message for p in exc.value.problems}
    assert said.startswith("La base de conocimiento tiene 3 problemas:")
    assert msgs["references"] == "cita 'ref-missing', que no está en references/"
    assert msgs["related"] == "nombra 'nowhere', que no es una intervención"
    assert msgs["aliases"] == "el nombre 'Alpha' ya lo usa la intervención 'alpha'"
    f.write_text(f.read_text() + "name: Again\n")
    with pytest.raises(DataError) as exc:
        load(root)
    msgs = {p.field: p.message for p in exc.value.problems}
    assert str(exc.value).startswith("La base de conocimiento tiene 2 problemas:")
    assert msgs["name"] == "la clave 'name' aparece dos veces"
    assert msgs["aliases"] == "el nombre 'Alpha' es el id de otra intervención"
    with pytest.raises(DataError) as exc:
        load(tmp_path / "missing")
    assert str(exc.value).startswith("La base de conocimiento tiene 1 problema:")
    assert exc.value.problems[0].message == "la carpeta de la base de conocimiento no existe"


def test_validate_findings_in_spanish(tmp_path: Path, es: None) -> None:
    root = write_kb(tmp_path / "kb", [record()])
    [w] = [f for f in validate(root, today=dt.date(2030, 1, 1), readability=False).findings if f.code == "W201"]
    assert w.message.startswith("última revisión el ") and "días); la norma es al menos una vez cada" in w.message


def test_english_problems_unchanged(tmp_path: Path) -> None:
    root = write_kb(tmp_path, [record(related=["nowhere"])])
    with pytest.raises(DataError) as exc:
        load(root)
    assert str(exc.value).startswith("The knowledge base has 1 problem:")
    assert exc.value.problems[0].message == "names 'nowhere', which is not an intervention"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Estados Unidos", "US"), ("EE. UU.", "US"), ("Reino Unido", "UK"), ("Gran Bretaña", "UK"), ("Irlanda", "IE"),
     ("Nueva Zelanda", "NZ"), ("Canadá", "CA"), ("otro país", "INTL")],
)
def test_regions_by_their_spanish_names(typed: str, code: str) -> None:
    from trdguide.regions import parse_region

    assert parse_region(typed) == code
