"""How words are compared (trdguide.folding): the fast path gives what the plain definition gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from trdguide.folding import fold, fold_words


def plain_fold_words(text: str) -> str:
    """The definition: decompose, drop every combining mark, lower case, anything but a-z and 0-9 is a space."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", t).split())


@given(st.text())
def test_fold_words_is_its_definition(text: str) -> None:
    assert fold_words(text) == plain_fold_words(text)


def test_accents_case_and_punctuation_do_not_matter() -> None:
    assert fold_words("¿Puedo manejar después de la ESKETAMINA?") == "puedo manejar despues de la esketamina"
    assert fold_words("İstanbul — niño’s ﬁle") == "istanbul nino s file"
    assert fold("Electro-convulsive Therapies") == "electro convulsive therapy"
