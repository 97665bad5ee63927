"""The translation hook: every sentence the program composes goes through `_` (or `ngettext`, `pgettext`).

English is the source language: the message is the English sentence itself, with named placeholders
(`_("Compared: {names}.", names=...)`), and English runs without importing `gettext` at all (the start-up
budget of `compare`). Another language is a catalog: `trdguide/locale/LANG/LC_MESSAGES/trdguide.po`,
compiled by Babel to the `.mo` beside it (see docs/i18n.md); a new language is a folder of files, not code.

Standard library only, at the bottom of the layers: every module may import it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import date as _Date

SOURCE = "en"
DOMAIN = "trdguide"
LOCALE_DIR = Path(__file__).parent / "locale"


class Catalog(Protocol):
    """What the hook needs of a catalog (gettext.GNUTranslations has it; the tests' pseudo-language too)."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...


_catalog: Catalog | None = None  # None: English, the messages themselves
_language = SOURCE


def _(message: str, /, **values: object) -> str:
    """The message in the reader's language, with its named placeholders filled in."""
    text = message if _catalog is None else _catalog.gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The singular or plural form (as the language counts), filled in; `{n}` is always available."""
    text = (singular if n == 1 else plural) if _catalog is None else _catalog.ngettext(singular, plural, n)
    return text.format(n=n, **values)


def pgettext(context: str, message: str, /, **values: object) -> str:
    """`_` for a message whose translation depends on where it is used (`context` tells the translator)."""
    text = message if _catalog is None else _catalog.pgettext(context, message)
    return text.format(**values) if values else text


def N_(message: str, /) -> str:
    """Marks a message for the catalog where it is defined; `_()` translates it where it is used."""
    return message


def language() -> str:
    """The language in use: "en", "es", ..."""
    return _language


def available() -> tuple[str, ...]:
    """The languages this installation can speak: English, and every language with a compiled catalog."""
    found = {SOURCE}
    try:
        for entry in os.scandir(LOCALE_DIR):
            if entry.is_dir() and (Path(entry.path) / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.add(entry.name)
    except OSError:
        pass
    return tuple(sorted(found))


def set_language(code: str) -> None:
    """Speak `code` from now on (it must be one of `available()`); "en" unloads any catalog."""
    global _catalog, _language
    if code == SOURCE:
        _catalog, _language = None, SOURCE
        return
    if code == _language and _catalog is not None:  # chosen already (before --help was read): not read again
        return
    import gettext  # only for another language: English never imports it

    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with open(path, "rb") as fh:
        _catalog, _language = gettext.GNUTranslations(fh), code


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """Speak `code` inside the block, then as before (a catalog set by a test included)."""
    if code == _language:
        yield
        return
    saved = (_catalog, _language)
    set_language(code)
    try:
        yield
    finally:
        use_catalog(saved[1], saved[0])


def use_catalog(code: str, catalog: Catalog | None) -> None:
    """Speak through a catalog made elsewhere (the tests' pseudo-language); None goes back to English."""
    global _catalog, _language
    _catalog, _language = catalog, (code if catalog is not None else SOURCE)


def from_locale(environ: Mapping[str, str]) -> str | None:
    """The first available language the standard locale variables ask for (LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG: "es_MX.UTF-8" -> "es"), or None. These are soft preferences: an unknown one is passed over."""
    have = available()
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in ("c", "posix"):
                break
            if code in have:
                return code
        if var != "LANGUAGE":  # the first of LC_ALL, LC_MESSAGES, LANG that is set decides, as in POSIX
            return None
    return None


def env_code(value: str) -> str:
    """The language code a TRDGUIDE_LANG value names ("es_MX.UTF-8", "ES-us" -> "es"); "" for an empty one."""
    return value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def early_choice(argv: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The language the command line will choose, worked out before it is parsed (by `trdguide.__main__`,
    so that the `--help` texts, read when `trdguide.cli` is imported, are in it): the last `--lang X` or
    `--lang=X` before a `--`, else TRDGUIDE_LANG, else the locale variables. The same rules as the command
    line's own choice (`cli._choose_language`), which still decides and reports; None where it would be
    English or an error (an unknown code: the command line says so, in English, as before)."""
    flag: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang":
            flag = argv[i + 1] if i + 1 < len(argv) else ""  # no value: click reports it
        elif arg.startswith("--lang="):
            flag = arg[len("--lang=") :]
    if flag is not None:
        code = flag.strip().lower()
    elif environ.get("TRDGUIDE_LANG", "").strip():
        code = env_code(environ["TRDGUIDE_LANG"])
    elif any(environ.get(var) for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")):
        code = from_locale(environ) or SOURCE
    else:
        return None
    return code if code != SOURCE and code in available() else None


def digest(english: str) -> str:
    """What an overlay field records of the English it translates: 12 hex digits of its SHA-256, with runs of
    white space counted as one space (so re-wrapping a YAML line does not make a translation stale)."""
    import hashlib

    return hashlib.sha256(" ".join(english.split()).encode("utf-8")).hexdigest()[:12]


MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def date_text(day: _Date) -> str:
    """A date as a sentence writes it in the reader's language: English keeps the ISO form the guide has always
    printed ("2026-12-07"); Spanish writes "7 de diciembre de 2026". No Babel at run time: the catalog says how."""
    # Translators: a date inside a sentence. English writes 2026-12-07 (kept as it is); write the usual long
    # form of your language, e.g. Spanish "{day} de {month} de {year}". {month} is the month's name (translated
    # on its own), {day} the day without a leading zero, {mm} and {dd} two digits.
    return _(
        "{year}-{mm}-{dd}",
        year=day.year,
        mm=f"{day.month:02d}",
        dd=f"{day.day:02d}",
        day=day.day,
        month=_(MONTHS[day.month - 1]),
    )
