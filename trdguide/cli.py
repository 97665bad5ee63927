"""The `trdguide` command line. Thin on purpose: parse arguments, ask the knowledge base, pick a renderer.

Heavy modules (pydantic, yaml, rich, the knowledge base) are imported inside the commands that need
them, so `--help`, `--version` and shell completion start quickly.

Exit codes: 0 ok; 1 not found or a problem in the knowledge base; 2 usage error.

Every `--help` text goes through the translation hook: each option's `help=_(...)`, and each command's
description as `@app.command(help=_(...))` (not a docstring, which gettext cannot extract). Typer reads them
when this module is imported, so `trdguide.__main__` chooses the language before importing it.

No `from __future__ import annotations` here: Typer reads every command's annotations at each start,
and evaluating them from strings costs about 10 ms. Names imported only for type checking are quoted.
"""

import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum, IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, TextIO, TypeVar, cast

import typer

from . import __version__, i18n
from .i18n import N_, _, ngettext
from .kinds import SCHEMA_NAMES
from .vocab import Category, Place, StatusLabel

if TYPE_CHECKING:
    from .knowledge import KnowledgeBase
    from .render.document import Document
    from .views import NameNote, SiteView


T = TypeVar("T")


class ExitStatus(IntEnum):
    """The exit codes, as the README documents them."""

    OK = 0
    USER_ERROR = 1  # not found (a name, an FAQ number, a term) or a problem in the knowledge base
    USAGE = 2  # the command line itself is wrong (Typer and click use 2 for their usage errors too)


class Format(str, Enum):
    table = "table"
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


EPILOG = _("Education, not medical advice. In a crisis: trdguide crisis (US and Canada: call or text 988).")

app = typer.Typer(
    name="trdguide",
    help=_("An offline, evidence-cited guide to treatment options for treatment-resistant depression."),
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    data: Path | None = None
    pager: bool = True
    region: str | None = None  # a region code from --region
    region_unknown: str | None = None  # what --region said, where it named no covered region
    region_noted: bool = False  # the output itself says the region is not covered (no note needed)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trdguide {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    data: Annotated[
        Optional[Path],  # noqa: UP045 - Typer needs Optional on Python 3.10
        typer.Option(
            "--data",
            envvar="TRDGUIDE_DATA",
            help=_("Use the knowledge base in this folder instead of the bundled one."),
            show_default=False,
        ),
    ] = None,
    region: Annotated[
        Optional[str],  # noqa: UP045 - Typer needs Optional on Python 3.10
        typer.Option(
            "--region",
            help=_(
                "Where you are (US, CA, UK, IE, AU, NZ, or a country or city name): the crisis line shown under "
                "every output. Default: TRDGUIDE_REGION, then the locale (LANG). Anywhere else: general help."
            ),
            show_default=False,
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help=_("Never page long output (also: PAGER=cat). Output is paged only on a terminal.")
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit.")),
    ] = False,
    lang: Annotated[
        Optional[str],  # noqa: UP045 - Typer needs Optional on Python 3.10
        typer.Option(
            "--lang",
            help=_(
                "The language of the answers: {codes}. Default: TRDGUIDE_LANG, then the locale (LANGUAGE, "
                "LC_ALL, LC_MESSAGES, LANG), then English.",
                codes=", ".join(i18n.available()),
            ),
            show_default=False,
            metavar="CODE",
        ),
    ] = None,
) -> None:
    """An offline, evidence-cited guide to treatment options for treatment-resistant depression.

    Education, not medical advice.
    """
    _choose_language(lang)
    State.data = data
    State.pager = not no_pager
    State.region = None
    State.region_unknown = None
    State.region_noted = False
    if region is not None:
        from .regions import parse_region

        State.region = parse_region(region)
        if State.region is None:  # never stops the command: the footer falls back to general help
            State.region_unknown = region


def _choose_language(flag: str | None) -> None:
    """The language of everything said from here on: --lang (strict: an unknown code is a usage error), else
    TRDGUIDE_LANG (an unknown one is a note on standard error, and the command runs in English), else the
    locale variables (soft preferences), else English. Set before anything is worded."""
    have = i18n.available()
    if flag is not None:
        code = flag.strip().lower()
        if code not in have:
            i18n.set_language(i18n.SOURCE)
            from .wording import lang_unknown

            raise typer.BadParameter(lang_unknown(flag, have), param_hint="'--lang'")
        i18n.set_language(code)
        return
    env = os.environ.get("TRDGUIDE_LANG", "").strip()
    if env:
        code = i18n.env_code(env)
        if code in have:
            i18n.set_language(code)
            return
        i18n.set_language(i18n.SOURCE)
        from .wording import lang_env_unknown

        typer.echo(lang_env_unknown(env, have), err=True)
        return
    i18n.set_language(i18n.from_locale(os.environ) or i18n.SOURCE)


# --- helpers ---------------------------------------------------------------------------------------


def _fail(message: str, code: ExitStatus = ExitStatus.USER_ERROR) -> NoReturn:
    from .framing import safe

    typer.echo(_("Error: {message}", message=safe(message)), err=True)
    raise typer.Exit(int(code))


def _kb(urgent: bool = False) -> "KnowledgeBase":
    """The knowledge base, or its problems and exit status 1. `urgent` (the crisis command): the problems
    are followed by the general crisis pointer, so that someone looking for help still finds a number."""
    from .errors import DataError
    from .knowledge import KnowledgeBase

    try:
        return KnowledgeBase.load(State.data, lang=i18n.language())
    except DataError as exc:
        if urgent:
            from .framing import safe
            from .wording import CRISIS_POINTER_NO_DATA

            typer.echo(_("Error: {message}", message=safe(str(exc))), err=True)
            typer.echo(_(CRISIS_POINTER_NO_DATA), err=True)
            raise typer.Exit(int(ExitStatus.USER_ERROR)) from None
        _fail(str(exc), ExitStatus.USER_ERROR)


def _pointer(kb: "KnowledgeBase") -> str:
    """The crisis pointer for the footer: the reader's region (--region, TRDGUIDE_REGION, locale) or all."""
    from . import wording
    from .regions import reader_region

    where = reader_region(os.environ)
    if State.region is not None or State.region_unknown is not None:
        where = where._replace(code=State.region, uncovered=State.region_unknown, chosen=True)
    line = kb.crisis_contact(where.code)
    if line is not None and line.number:
        from .folding import digits

        texts = bool(line.text_service and digits(line.number) in digits(line.text_service))
        emergency = line.emergency.split(" (")[0] if line.emergency else None
        return wording.crisis_pointer_for(line.number, emergency, texts)
    if where.uncovered is not None:  # a place the guide does not cover: the local number and the directory
        if where.chosen and not State.region_noted:
            typer.echo(wording.region_fallback_note(where.uncovered), err=True)
        return wording.crisis_pointer_local(kb.crisis_directory())
    numbers = kb.crisis_numbers()
    return wording.crisis_pointer_general(numbers) if numbers else _(wording.CRISIS_POINTER)


def _lookup(fn: Callable[..., T], *args: Any) -> T:
    """Run a knowledge-base query, turning lookup problems into clear errors with exit codes."""
    from .knowledge import BadRequest, LookupError_
    from .wording import problem

    try:
        return fn(*args)
    except BadRequest as exc:
        _fail(problem(exc), ExitStatus.USAGE)
    except LookupError_ as exc:
        _fail(problem(exc), ExitStatus.USER_ERROR)


class _ReaderGone(Exception):
    """The reader of standard output went away (`trdguide faq --all | head -1`). Not an OSError, so that
    nothing on the way (Rich, click: both end the program with status 1 on a broken pipe) handles it:
    `main` ends quietly with status 0, the same in every format."""


class _GuardedStdout:
    """Standard output as the commands write their answer to it, with a broken pipe as _ReaderGone."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, s: str) -> int:
        try:
            return int(self.stream.write(s))
        except BrokenPipeError as exc:
            raise _ReaderGone from exc

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError as exc:
            raise _ReaderGone from exc

    def isatty(self) -> bool:
        return bool(self.stream.isatty())

    def fileno(self) -> int:
        return int(self.stream.fileno())

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


def _stdout() -> TextIO:
    """Where a command writes its answer: standard output, guarded (see _ReaderGone)."""
    return cast(TextIO, _GuardedStdout(sys.stdout))


def _width() -> int:
    try:
        cols = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        cols = 0
    if cols <= 0:
        import shutil

        cols = shutil.get_terminal_size((80, 24)).columns
    from .framing import clamp_width

    return clamp_width(cols)


def _table_width() -> int:
    """The width of tables that are not paged (piped, or --output): COLUMNS when it is a positive number,
    else the width of whichever of standard input, output or error is a terminal (as Rich measures it),
    else 80; always clamped (framing.clamp_width), so COLUMNS=0 or a huge value still gives the answer."""
    from .framing import clamp_width

    try:
        cols = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        cols = 0
    for fd in (0, 1, 2):
        if cols > 0:
            break
        with contextlib.suppress(OSError, ValueError):
            cols = os.get_terminal_size(fd).columns
    return clamp_width(cols if cols > 0 else 80)


def _emit(
    kb: "KnowledgeBase",
    doc: "Document",
    fmt: Format,
    as_json: Callable[[str], str],
    output: Path | None = None,
    title: str = "trdguide",
    paper: Paper = Paper.a4,
    notes: "Sequence[NameNote]" = (),
) -> None:
    """Write a result in the chosen format, to stdout or to --output. The framing is added once, here:
    the disclaimer, any notes on how names were understood, and the crisis pointer for the reader's region
    (`as_json(pointer)` gives the JSON text, with the same pointer)."""
    import io

    from .render.document import framed

    pointer = _pointer(kb)
    out = io.StringIO() if output is not None else _stdout()
    full = framed(doc, pointer, notes)
    if fmt is Format.json:
        out.write(as_json(pointer))
    elif fmt is Format.text:
        from .render import text

        out.write(text.render(full, _width()))
    elif fmt is Format.markdown:
        from .render import markdown

        out.write(markdown.render(full))
    elif fmt is Format.html:
        from .render import html

        out.write(html.render(full, title, paper.value))
    else:
        from .render import terminal

        if output is None and State.pager and sys.stdout.isatty():
            from .pager import page

            buf = io.StringIO()
            terminal.render(full, buf, force_terminal=True, width=_width())
            page(buf.getvalue())
        else:
            terminal.render(full, out, width=_table_width())
    if output is not None:
        assert isinstance(out, io.StringIO)
        try:
            output.write_text(out.getvalue(), encoding="utf-8")
        except OSError as exc:
            _fail(
                _("could not write {path}: {problem}", path=output, problem=exc.strerror or exc), ExitStatus.USER_ERROR
            )
        typer.echo(_("Wrote {path}", path=output), err=True)


def _complete_name(ctx: typer.Context, incomplete: str) -> list[str]:
    # While completing, Typer parses the line but runs no callback, so State is not set: the knowledge
    # base is the one `--data` (or TRDGUIDE_DATA) names on the line being completed.
    data = ctx.find_root().params.get("data")
    try:
        from .cache import names as cached_names

        names = cached_names(data)
        if names is None:  # no current cache: load (and cache) the knowledge base once
            from .knowledge import KnowledgeBase

            names = KnowledgeBase.load(data, lang=i18n.language()).all_names()
    except Exception:  # completion must never crash the shell
        return []
    from .framing import safe

    low = incomplete.lower()
    # names are data: control, direction and invisible characters are shown as visible codes
    return [safe(n) for n in names if n.startswith(low) and " " not in n]


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help=_("Output format: table, text (plain, linear), markdown, json, or html (printable)."),
    ),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help=_("Write to this file instead of the screen."), dir_okay=False),
]
PaperOpt = Annotated[Paper, typer.Option(case_sensitive=False, help=_("Paper size for --format html: a4 or letter."))]


# --- commands --------------------------------------------------------------------------------------


@app.command(
    "list",
    help=_(
        "List the treatment options, with filters that combine.\n\n"
        "Large knowledge bases are shown a page at a time (--limit, --page).\n\n"
        "Examples:\n\n"
        "  trdguide list\n\n"
        "  trdguide list --category neuromodulation --no-anaesthesia\n\n"
        "  trdguide list --setting home --format text"
    ),
)
def list_(
    category: Annotated[Optional[Category], typer.Option(help=_("Only this category."))] = None,  # noqa: UP045
    status: Annotated[Optional[StatusLabel], typer.Option(help=_("Only this status."))] = None,  # noqa: UP045
    setting: Annotated[
        Optional[Place], typer.Option(help=_("Only options given in this setting."))  # noqa: UP045
    ] = None,
    no_anaesthesia: Annotated[
        bool, typer.Option("--no-anaesthesia", help=_("Only options that need no anaesthesia or surgery."))
    ] = False,
    search: Annotated[
        Optional[str], typer.Option(help=_("Text to find in names, aliases and summaries."))  # noqa: UP045
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help=_("Show at most this many (0: all)."))] = 100,
    page: Annotated[int, typer.Option(min=1, help=_("Which page of --limit results to show."))] = 1,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    from .render import document, json

    kb = _kb()
    result = kb.list_page(category, status, setting, no_anaesthesia, search, limit, page)
    _emit(kb, document.list_document(result), fmt, lambda p: json.list_json(result, p), output)


@app.command(
    help=_(
        'Everything about one option: its short answers first ("In short"), then the detail, references and '
        "review date.\n\n"
        "Examples:\n\n"
        "  trdguide show tms\n\n"
        "  trdguide show esketamine --format markdown\n\n"
        "  trdguide show ect --format html --output ect.html"
    ),
)
def show(
    name: Annotated[
        str,
        typer.Argument(
            help=_("A name, short name or alias, e.g. rtms, ect, esketamine."), autocompletion=_complete_name
        ),
    ],
    pictures: Annotated[
        bool, typer.Option(help=_("Draw each figure as 100 people (an icon array) next to its comparator."))
    ] = True,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    paper: PaperOpt = Paper.a4,
) -> None:
    from .render import document, json

    kb = _kb()
    view = _lookup(kb.show, name)
    if fmt is Format.html:
        doc = document.handout_document(document.show_document(view, pictures, handout=True), kb.handout([view.item]))
    else:
        doc = document.show_document(view, pictures)
    _emit(kb, doc, fmt, lambda p: json.show_json(view, p), output, view.item.name, paper, view.notes)


@app.command(
    help=_(
        "Compare 2 to 5 options side by side: short answers to the same questions, in the same order.\n\n"
        "The full text is one flag away: --detail. Everything about one option: trdguide show NAME (it opens with\n"
        "the same short answers); given one name, compare stops with a usage error (exit 2) that says so.\n\n"
        "Examples:\n\n"
        "  trdguide compare tms ketamine\n\n"
        "  trdguide compare tms ketamine --detail --rows work\n\n"
        "  trdguide compare ect iv-ketamine esketamine --rows work,soon,serious\n\n"
        "  trdguide compare tms ect esketamine --format html --output handout.html"
    ),
)
def compare(
    names: Annotated[
        list[str], typer.Argument(help=_("2 to 5 names to compare side by side."), autocompletion=_complete_name)
    ],
    rows: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help=_(
                "Comma-separated rows to show: work, soon, like, common, serious, unsuitable, "
                "lasting, status, evidence, cost."
            )
        ),
    ] = None,
    detail: Annotated[
        bool, typer.Option("--detail", help=_("Show the full text of every cell (every result, every statement)."))
    ] = False,
    pictures: Annotated[
        bool, typer.Option(help=_("Also draw each option's first result as 100 people (icon arrays)."))
    ] = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    paper: PaperOpt = Paper.a4,
) -> None:
    from .render import document, json

    kb = _kb()
    wanted = [r.strip() for r in rows.split(",") if r.strip()] if rows is not None else None
    comparison = _lookup(kb.compare, names, wanted, detail)
    title = _("Comparing {names}", names=", ".join(o.short_name for o in comparison.options))
    if fmt is Format.html:
        main = document.compare_document(comparison, pictures=True)
        doc = document.handout_document(main, kb.handout(comparison.options, comparison.cited))
    else:
        doc = document.compare_document(comparison, pictures)
    _emit(kb, doc, fmt, lambda p: json.compare_json(comparison, p), output, title, paper, comparison.notes)


@app.command(
    help=_(
        'A short, printable list of questions to bring to a clinician, with a "what matters most to me" list.\n\n'
        "Examples:\n\n"
        "  trdguide questions tms\n\n"
        "  trdguide questions ect esketamine --format html --output questions.html"
    ),
)
def questions(
    names: Annotated[
        list[str], typer.Argument(help=_("1 to 5 options you are considering."), autocompletion=_complete_name)
    ],
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    paper: PaperOpt = Paper.a4,
) -> None:
    from .render import document, json

    kb = _kb()
    chosen = _lookup(kb.questions, names)
    doc = document.questions_document(chosen)
    _emit(kb, doc, fmt, lambda p: json.questions_json(chosen, p), output, _("Questions"), paper, chosen.notes)


@app.command(
    help=_(
        "Frequently asked questions: the numbered list, one answer, or everything that matches your words.\n\n"
        "Words find the matching answers first, then the matching parts of treatment options and glossary\n"
        "terms, each with the command that shows it in full.\n\n"
        "Examples:\n\n"
        "  trdguide faq\n\n"
        "  trdguide faq 3\n\n"
        "  trdguide faq can i drive after spravato\n\n"
        "  trdguide faq --all"
    ),
)
def faq(
    query: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(help=_("A question number, or words to look for (no quotes needed)."), show_default=False),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help=_("Print every question with its answer."))] = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    from .render import document, json

    kb = _kb()
    words = " ".join(query or []).strip()
    if words and not words.isdigit():
        view = _lookup(kb.search, words, True)
        _emit(kb, document.search_document(view), fmt, lambda p: json.search_json(view, p), output)
        return
    listing = not words and not all_
    faq_view = _lookup(kb.faq_view, words or None, listing)
    # JSON always carries the answers: for the numbered list, those of every entry
    _emit(
        kb,
        document.faq_document(faq_view),
        fmt,
        lambda p: json.faq_json(kb.faq_view() if listing else faq_view, p),
        output,
    )


@app.command(
    help=_(
        "Search everything: FAQ answers, every part of every treatment option, and the glossary, best first.\n\n"
        "Examples:\n\n"
        "  trdguide search is ketamine addictive\n\n"
        "  trdguide search memory loss ect\n\n"
        "  trdguide search pregnant --format text"
    ),
)
def search(
    query: Annotated[list[str], typer.Argument(help=_("Words to look for (no quotes needed)."), show_default=False)],
    limit: Annotated[int, typer.Option(min=1, max=50, help=_("Show at most this many results."))] = 10,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    from .render import document, json

    kb = _kb()
    view = _lookup(kb.search, " ".join(query), False, limit)
    _emit(kb, document.search_document(view), fmt, lambda p: json.search_json(view, p), output)


@app.command(
    help=_(
        "Plain-language meanings of the words used in this guide.\n\n"
        "Examples:\n\n"
        "  trdguide glossary\n\n"
        "  trdguide glossary remission"
    ),
)
def glossary(
    term: Annotated[Optional[str], typer.Argument(help=_("A term to look up."))] = None,  # noqa: UP045
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    from .render import document, json

    kb = _kb()
    terms = _lookup(kb.glossary, term)
    _emit(kb, document.glossary_document(terms), fmt, lambda p: json.glossary_json(terms, p), output)


@app.command(
    help=_(
        "Where to get urgent help now, by region.\n\nExamples:\n\n  trdguide crisis\n\n  trdguide crisis --region UK"
    ),
)
def crisis(
    region: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help=_(
                "A region code, country or city, in any case: US, CA, UK, IE, AU, NZ, INTL (everywhere else), "
                "Australia, Dublin, ... Anywhere else: the local emergency number and a directory of helplines."
            )
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    from .render import document, json

    kb = _kb(urgent=True)
    help = kb.crisis_help(region)
    if region is not None:  # the footer follows the region asked for
        if help.asked is None and help.lines:
            State.region, State.region_unknown = help.lines[0].region, None
        elif help.asked is not None:
            State.region, State.region_unknown, State.region_noted = None, help.asked, True
    _emit(kb, document.crisis_help_document(help), fmt, lambda p: json.crisis_help_json(help, p), output)


@app.command(
    help=_(
        "What changed in the guide at each review: the option, what changed, why, and the sources.\n\n"
        "Examples:\n\n"
        "  trdguide changes\n\n"
        "  trdguide changes --since 2026-12-01"
    ),
)
def changes(
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help=_("Only changes on or after this date (YYYY-MM-DD)."), metavar="DATE"),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
) -> None:
    import datetime

    from .render import document, json
    from .wording import bad_date

    day = None
    if since is not None:
        try:
            day = datetime.date.fromisoformat(since.strip())
        except ValueError:
            _fail(bad_date("--since", since[:40]), ExitStatus.USAGE)
    kb = _kb()
    view = kb.changes(day)
    _emit(kb, document.changes_document(view), fmt, lambda p: json.changes_json(view, p), output)


def _interview(
    getch: Callable[[], str], say: Callable[[str], None], clear: Callable[[], None]
) -> tuple[list[str], list[str], list[bool | None]]:
    """The questions of `weigh` on a terminal: one screen each, each answered with a key press.

    `getch` reads one key (Ctrl-C raises KeyboardInterrupt); the words are in wording.py.
    """
    from . import wording
    from .vocab import MAX_MATTERS
    from .weighing import AVOID_KEYS, MATTER_ROWS

    total = len(AVOID_KEYS) + 2
    avoid: list[str] = []
    say("\n\n".join((_(wording.WEIGH_TITLE), _(wording.WEIGH_FRAMING), _(wording.ASK_START), _("Press any key."))))
    getch()
    for n, key in enumerate(AVOID_KEYS, 1):
        clear()
        say(f"{wording.ask_progress(n, total)}\n\n{_(wording.ASK_AVOID)}\n\n  {_(wording.AVOID_WORDS[key][0])}\n")
        say(_(wording.ASK_AVOID_KEYS))
        while (ch := getch().lower()) not in ("y", "n"):
            continue
        if ch == "y":
            avoid.append(key)
    keys = list(MATTER_ROWS)
    chosen: list[str] = []
    while True:
        clear()
        say(f"{wording.ask_progress(total - 1, total)}\n\n{_(wording.ASK_MATTERS, most=MAX_MATTERS)}\n")
        for n, key in enumerate(keys, 1):
            say(f"  {n}. [{'x' if key in chosen else ' '}] {_(wording.MATTER_WORDS[key])}")
        say("\n" + _(wording.ASK_MATTERS_KEYS))
        ch = getch()
        if ch in ("\r", "\n"):
            break
        if ch.isdigit() and 1 <= int(ch) <= len(keys):
            key = keys[int(ch) - 1]
            if key in chosen:
                chosen.remove(key)
            elif len(chosen) < MAX_MATTERS:
                chosen.append(key)
    sure: list[bool | None] = []
    for question in wording.SURE_QUESTIONS:
        clear()
        say(f"{wording.ask_progress(total, total)}\n\n{_(wording.ASK_SURE)}\n\n  {_(question)}\n")
        say(_(wording.ASK_SURE_KEYS))
        while (ch := getch().lower()) not in ("y", "n", "s"):
            continue
        sure.append(None if ch == "s" else ch == "y")
    clear()
    return avoid, chosen, sure


@app.command(
    help=_(
        "What matters to you: every option set beside what you would rather avoid and what matters most.\n\n"
        "A way to prepare for a conversation with your care team, not a recommendation: options are grouped\n"
        'by how many of your "rather avoid" items they involve, never scored or ranked, and none is hidden.\n'
        "On a terminal, with neither --avoid nor --matters, it asks a few questions, one screen each, answered\n"
        "with a key press; Ctrl-C stops with a short message and exit status 130. Nothing is saved or sent.\n\n"
        "Examples:\n\n"
        "  trdguide weigh\n\n"
        "  trdguide weigh --avoid anaesthesia,weekday-visits --matters soon,side-effects\n\n"
        "  trdguide weigh --avoid slow --format html --output my-priorities.html"
    ),
)
def weigh(
    avoid: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help=_(
                "Comma-separated things you would rather avoid: anaesthesia, weekday-visits, no-driving, "
                "controlled-drug, implant, unapproved, slow."
            ),
            show_default=False,
        ),
    ] = None,
    matters: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help=_("Up to three things that matter most: works, soon, side-effects, risks, time, cost, evidence."),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    paper: PaperOpt = Paper.a4,
) -> None:
    from .render import document, json
    from .weighing import check_keys, parse_keys, weigh

    avoid_keys, matter_keys = parse_keys(avoid), parse_keys(matters)
    _lookup(check_keys, avoid_keys, matter_keys)
    sure: list[bool | None] = [None] * 4
    if avoid is None and matters is None and _on_terminal():
        from . import wording

        try:
            avoid_keys, matter_keys, sure = _interview(_getchar, _screen_line, _clear_screen)
        except (KeyboardInterrupt, EOFError):
            typer.echo("\n" + _(wording.ASK_STOPPED), err=True)
            raise typer.Exit(130) from None
    kb = _kb()
    view = _lookup(weigh, kb, avoid_keys, matter_keys, sure)
    doc = document.weigh_document(view, printout=fmt is Format.html)
    _emit(kb, doc, fmt, lambda p: json.weigh_json(view, p), output, wording_title(), paper)


def _getchar() -> str:
    return typer.getchar()


def _on_terminal() -> bool:
    """Whether a person is at a terminal (both input and output), so that `weigh` may ask its questions."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _screen_line(text: str) -> None:
    """A line of a question screen: on standard error, so that standard output carries only the result."""
    typer.echo(text, err=True)


def _clear_screen() -> None:
    """A new screen for the next question (only ever called on a terminal)."""
    typer.echo("\x1b[2J\x1b[H", nl=False, err=True)


def wording_title() -> str:
    from .wording import WEIGH_TITLE

    return _(WEIGH_TITLE)


@app.command(
    help=_(
        "What this tool is and is not, how evidence was chosen, updates, funding, and review dates.\n\n"
        "Examples:\n\n"
        "  trdguide about\n\n"
        "  trdguide about --ipdas"
    ),
)
def about(
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    ipdas: Annotated[
        bool,
        typer.Option(
            "--ipdas",
            help=_(
                "The IPDAS decision-aid criteria: what the guide does for each, and how that was checked "
                "(computed now on the knowledge base in use, or needing people)."
            ),
        ),
    ] = False,
) -> None:
    from .knowledge import about_info
    from .render import document, json

    kb = _kb()
    if ipdas:
        from .ipdas import ipdas_check

        check = ipdas_check(kb)
        _emit(kb, document.ipdas_document(check), fmt, lambda p: json.ipdas_json(check, p), output)
        return
    info = about_info(kb, __version__)
    _emit(kb, document.about_document(info), fmt, lambda p: json.about_json(info, p), output)


class LintFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(
    help=_(
        "Check a knowledge base: schema, cross-references, balance, wording, review dates, reading level.\n\n"
        "Prints one line per finding (file:line: CODE message). Exits 1 if there is any error; warnings\n"
        "alone exit 0. Rule codes are listed in the README.\n\n"
        "Examples:\n\n"
        "  trdguide validate\n\n"
        "  trdguide validate ./my-clinic --format json"
    ),
)
def validate(
    folder: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(help=_("Knowledge-base folder to check (default: --data, or the bundled one).")),
    ] = None,
    fmt: Annotated[LintFormat, typer.Option("--format", "-f", help=_("text (file:line: CODE message) or json."))] = (
        LintFormat.text
    ),
    readability: Annotated[
        bool, typer.Option(help=_("Check reading level of plain-language text (needs trdguide[lint])."))
    ] = True,
) -> None:
    from .lint import validate as run_validate

    report = run_validate(folder if folder is not None else State.data, readability=readability)
    if fmt is LintFormat.json:
        from .render.json import validate_json

        _stdout().write(validate_json(report))
    else:
        from .render.text import validate_text

        _stdout().write(validate_text(report))
    if report.errors:
        raise typer.Exit(ExitStatus.USER_ERROR)


# the kinds of knowledge-base file, from the one registry (kinds.py)
SchemaKind = Enum("SchemaKind", {n.replace("-", "_"): n for n in SCHEMA_NAMES}, type=str)  # type: ignore[misc]
DEFAULT_SCHEMA = SchemaKind("intervention")


@app.command(
    help=_(
        "Print the JSON Schema of a knowledge-base file, for editors that validate YAML as you type.\n\n"
        "Examples:\n\n"
        "  trdguide schema intervention > schema/intervention.json\n\n"
        "  trdguide schema references"
    ),
)
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help=_("Which kind of file the schema describes."))] = (DEFAULT_SCHEMA),
) -> None:
    import json

    from .schemas import json_schema

    _stdout().write(json.dumps(json_schema(kind.value), indent=2, ensure_ascii=False) + "\n")


def _site_translations() -> "dict[str, SiteView]":
    """The website in every other language this installation speaks (`es/` beside the English pages): the
    knowledge base loaded in that language (its overlays applied), or its problems and exit status 1."""
    from . import i18n
    from .errors import DataError
    from .knowledge import KnowledgeBase

    out = {}
    for code in i18n.available():
        if code != i18n.SOURCE:
            try:
                out[code] = KnowledgeBase.load(State.data, lang=code).site(__version__)
            except DataError as exc:
                _fail(str(exc), ExitStatus.USER_ERROR)
    return out


@app.command(
    help=_(
        "Write the guide as a static website: plain files for any web host, no server code, no tracking.\n\n"
        "Honours --data, so a clinic's own costs and services go into its site.\n\n"
        "Examples:\n\n"
        "  trdguide site public\n\n"
        "  trdguide --data ./my-clinic site public\n\n"
        "  python -m http.server -d public   (then open http://localhost:8000)"
    ),
)
def site(
    outdir: Annotated[
        Path, typer.Argument(help=_("Folder to write the website into (created if needed)."), file_okay=False)
    ],
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace files of the same names that trdguide did not write."))
    ] = False,
) -> None:
    from . import wording
    from .render.site import SiteRefused, build_site

    kb = _kb()
    try:
        written, removed = build_site(kb.site(__version__), outdir, force=force, translations=_site_translations())
    except SiteRefused as exc:
        _fail(wording.site_refused(exc.problem, [str(outdir / p) for p in exc.paths]), ExitStatus.USER_ERROR)
    except OSError as exc:
        _fail(
            _("could not write the site to {path}: {problem}", path=outdir, problem=exc.strerror or exc),
            ExitStatus.USER_ERROR,
        )
    typer.echo(
        ngettext(
            "Wrote {n} file to {path}. Open {index}.",
            "Wrote {n} files to {path}. Open {index}.",
            len(written),
            path=outdir,
            index=outdir / "index.html",
        ),
        err=True,
    )
    if removed:
        typer.echo(wording.site_removed(len(removed)), err=True)


# --- entry point -----------------------------------------------------------------------------------


def _configure_streams() -> None:
    """Never crash on characters the terminal's encoding cannot show (e.g. LANG=C)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


class _StdoutClosed(Exception):
    """Something was to be shown, but the program was started with its standard output closed."""


class _ClosedStdout(io.TextIOBase):
    """Stands in for standard output when it is closed (`trdguide ... >&-`): commands that write only
    to a file (`--output`, `site`) work; anything written here ends the command with a clear error."""

    def write(self, s: str) -> int:
        if s:
            raise _StdoutClosed
        return 0

    def isatty(self) -> bool:
        return False


_CLOSED_STDOUT = N_("Error: standard output is closed, so there is nowhere to show the answer.")


def _write_failed(exc: OSError) -> str:
    return _("Error: could not write the answer to standard output: {problem}.", problem=exc.strerror or exc)


def main() -> None:
    """The `trdguide` command (the console script and `python -m trdguide`)."""
    if sys.stdout is None:  # started with its output closed (`trdguide list >&-`): see _ClosedStdout
        sys.stdout = _ClosedStdout()
    _configure_streams()
    # trdguide uses no pydantic plugins; without this, pydantic searches every installed package for
    # them at the first validation (Typer turns them off the same way while it builds its parsers)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except (BrokenPipeError, _ReaderGone):  # the reader went away (e.g. `| head`): stop quietly, in every format
        code = 0
    except _StdoutClosed:
        _say(_(_CLOSED_STDOUT))
        code = ExitStatus.USER_ERROR
    except OSError as exc:  # writing the answer failed (a full disk: `> /dev/full`); reading never raises
        _say(_write_failed(exc))
        code = ExitStatus.USER_ERROR
    _finish(code)


def _say(message: str) -> None:
    """A last line on standard error, if there is one to write to."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(message + "\n")


def _finish(code: object) -> NoReturn:
    """Flush what was written and end the process, without Python's interpreter teardown.

    Freeing every module and object at exit (Typer, Rich, pydantic) takes about 60 ms, longer than
    most commands themselves, and trdguide needs none of it: every file it writes is closed before
    this point, it starts no threads and registers no exit handlers. The exit status is SystemExit's,
    as Python would give it (None: 0; a message: printed, then 1).
    """
    if code is None or isinstance(code, int):
        status = code or 0
    else:
        if sys.stderr is not None:
            with contextlib.suppress(OSError, ValueError):
                print(code, file=sys.stderr)
        status = 1
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except _StdoutClosed:  # pragma: no cover - the stand-in buffers nothing
        pass
    except BrokenPipeError:  # the reader went away before the end (`| head`): quietly, as above
        pass
    except OSError as exc:  # the end of the answer could not be written (a full disk), unless already said
        if not status:
            _say(_write_failed(exc))
            status = ExitStatus.USER_ERROR
    except (ValueError, AttributeError):  # a stream closed by the command itself: nothing more to say
        pass
    # standard error: nothing more can be said if it fails
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if sys.stderr is not None:
            sys.stderr.flush()
    os._exit(int(status))
