"""Fast start: a checked cache of the knowledge base, read lazily. Only an optimisation.

The first run reads the YAML files (loader.py), checks everything, and writes a cache file in the user
cache folder. Later runs read the cache instead of parsing YAML, and validate each record again through
the same pydantic models when it is used (never pickle; the cache is plain JSON). The cache key covers
the content of every knowledge-base file (a hash of its bytes, not its size or time) and trdguide's own
schema code, so any edit makes the next run read the YAML again. TRDGUIDE_NO_CACHE=1 turns it off;
TRDGUIDE_CACHE_DIR moves it (into a `trdguide` subfolder of the folder it names).

Only successful loads are cached: a knowledge base with problems is always read from YAML and its
problems reported.

File layout (JSON lines): line 1 is a signature, a space, and a header (format, key, sources, where each
section starts, an index of every record with the byte offset and checksum of its line, and rows of the
crisis numbers and the FAQ questions, which list, the footer and the FAQ listing read); then one
line each for references, head-to-head trials, FAQ, glossary and crisis lines; then one line per
intervention. Only the header and the lines a command needs are read.

Nothing read from the cache is trusted unchecked: the header's signature (a keyed BLAKE2b with a random
key in the cache folder's `key` file, mode 0600) is verified before its index or names are used, the
section lines are verified when the file is opened, and each record line is verified (checksum,
validation, and agreement with its index row) when it is first used. A cache that is changed,
damaged, truncated, empty or written by another format is ignored, the YAML is read instead, and the
cache is rewritten atomically (a new file renamed over the old one, so two processes writing at once
leave one whole file). Cache files of knowledge bases that no longer exist, or of older formats, are
removed when a cache is written, but only files signed with this user's key (or temporary files named
with it): nothing else in the folder is ever removed.

This module does not import pydantic at import time, so shell completion can read names quickly.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import hmac
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import __version__, kinds
from .vocab import Anaesthesia, Category, Place, StatusLabel

if TYPE_CHECKING:
    from .loader import Bundle
    from .models import CrisisLine, FaqEntry, GlossaryTerm, HeadToHead, Intervention, Reference, SynonymGroup
    from .search import Index

FORMAT = 6
_KB_PARTS = kinds.KB_PARTS
_CODE_FILES = ("models.py", "vocab.py", "kinds.py", "schemas.py", "loader.py", "cache.py", "search.py", "folding.py")
_SECTIONS = tuple(k.attr for k in kinds.LISTS)


class IndexEntry(NamedTuple):
    """What queries need to find, filter and list records without validating all of them.

    (A named tuple rather than a dataclass: it is a row of the cache header, and it costs far less to
    define at start-up.)"""

    id: str
    name: str
    short_name: str
    names: list[str]
    category: str
    status: str
    status_note: str
    where: list[str]
    anaesthesia: str
    time_to_effect: str
    onset: str | None
    hay: str
    last_reviewed: str
    related: list[str]
    offset: int = -1
    digest: str = ""


def norm_name(s: str) -> str:
    """How names are compared: case-insensitive, runs of spaces and underscores as one space."""
    return " ".join(s.replace("_", " ").lower().split())


def index_of(item: Intervention, offset: int = -1, digest: str = "") -> IndexEntry:
    return IndexEntry(
        id=item.id,
        name=item.name,
        short_name=item.short_name,
        names=item.names,
        category=item.category.value,
        status=item.status.label.value,
        status_note=item.status.note,
        where=[p.value for p in item.setting.where],
        anaesthesia=item.setting.anaesthesia.value,
        time_to_effect=item.setting.time_to_effect,
        onset=item.setting.onset,
        hay=" ".join([item.id, item.name, item.short_name, *item.aliases, item.summary]),
        last_reviewed=item.last_reviewed.isoformat(),
        related=list(item.related),
        offset=offset,
        digest=digest,
    )


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class CrisisEntry(NamedTuple):
    """What the one-line crisis pointer under every output needs, without validating the crisis lines."""

    region: str
    number: str | None
    emergency: str | None
    text_service: str | None


def crisis_entry_of(line: CrisisLine) -> CrisisEntry:
    return CrisisEntry(line.region, line.number, line.emergency, line.text_service)


class FaqQuestion(NamedTuple):
    """A question of the FAQ, for the numbered list of questions (without validating the answers)."""

    id: str
    question: str


def faq_question_of(entry: FaqEntry) -> FaqQuestion:
    return FaqQuestion(entry.id, entry.question)


class TranslationRow(NamedTuple):
    """How the text of a knowledge base in another language was made (the overlay files' headers) and how
    much of the release scope it covers: `about` reads it (views.TranslationInfo), without any record."""

    language: str
    methods: list[str]
    clinician_review: list[str]  # each review other than "none"; empty: no clinician reviewed it
    latest: str | None  # the newest `translated` date, ISO
    translated: int  # release-scope fields translated and current
    in_scope: int


# what a value of each field type must be in a cache header row
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "str | None": (str, type(None)),
    "int": (int,),
    "list[str]": (list,),
}
R = TypeVar("R", IndexEntry, CrisisEntry, FaqQuestion, TranslationRow)
# what each field of each kind of row must be, worked out once from the annotations
_ROW_KINDS: dict[type, list[tuple[type, ...]]] = {
    cls: [_TYPES[str(getattr(t, "__forward_arg__", t))] for t in cls.__annotations__.values()]
    for cls in (IndexEntry, CrisisEntry, FaqQuestion, TranslationRow)
}


def _row(cls: type[R], row: Any) -> R:
    """A row of a cache header as `cls`, checked field by field (ValueError if it is not well formed)."""
    kinds_ = _ROW_KINDS[cls]
    if not isinstance(row, list) or len(row) != len(kinds_):
        raise ValueError("header row")
    for value, kind in zip(row, kinds_):
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ValueError("header row")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ValueError("header row")
    return cls(*row)


def _entry(row: Any) -> IndexEntry:
    """An index row from a cache header, checked (ValueError if it is not well formed)."""
    entry = _row(IndexEntry, row)
    # values from the closed sets, and a date: what queries turn them into (a ValueError here, not later)
    closed = [(Category, entry.category), (StatusLabel, entry.status), (Anaesthesia, entry.anaesthesia)]
    for enum, value in [*closed, *((Place, p) for p in entry.where)]:
        enum(value)
    _dt.date.fromisoformat(entry.last_reviewed)
    return entry


class Store:
    """A knowledge base ready for queries: an index of all records and validated records on demand."""

    def __init__(
        self,
        sources: list[str],
        index: list[IndexEntry],
        records: dict[str, Intervention] | None = None,
        sections: dict[str, Any] | None = None,
        reader: Callable[[int], bytes] | None = None,
        fallback: Callable[[], Store] | None = None,
        name_map: dict[str, str] | None = None,
        crisis_index: list[CrisisEntry] | None = None,
        faq_index: list[FaqQuestion] | None = None,
        search_line: Callable[[], bytes] | None = None,
        replaced: list[tuple[str, str, str, int | None]] | None = None,
        lang: str = "en",
        in_english: dict[str, list[str]] | None = None,
        translation: TranslationRow | None = None,
    ):
        self.sources = sources
        self.index = {e.id: e for e in sorted(index, key=lambda e: e.id)}
        self.crisis_index = list(crisis_index or [])  # in the data's order
        self.faq_index = list(faq_index or [])  # in the data's order
        self.replaced = list(replaced or [])  # records of a user's folder that replace bundled ones
        self.lang = lang  # the language of the records' text (overlays.py laid the translations over them)
        # in another language: each record's top-level fields whose text is still wholly or partly English
        self.in_english = dict(in_english or {})
        self.translation = translation  # in another language: how its text was made
        self._name_map = name_map
        self._records: dict[str, Intervention] = dict(records or {})
        self._sections: dict[str, Any] = dict(sections or {})
        self._reader = reader
        self._fallback = fallback
        self._search_line = search_line  # the cached search index's line, read and checked when first used
        self._search: Index | None = None

    def _recover(self, exc: Exception) -> None:
        """A cached line failed its check (edited or damaged cache): start again from the YAML files."""
        if self._fallback is None:
            raise exc
        fresh = self._fallback()
        self.__dict__.update(fresh.__dict__)

    @classmethod
    def from_bundle(cls, bundle: Bundle) -> Store:
        return cls(
            sources=list(bundle.sources),
            index=[index_of(i) for i in bundle.interventions],
            crisis_index=[crisis_entry_of(c) for c in bundle.crisis],
            faq_index=[faq_question_of(f) for f in bundle.faq],
            replaced=list(bundle.replaced),
            lang=bundle.lang,
            in_english=dict(bundle.in_english),
            translation=bundle.translation,
            records={i.id: i for i in bundle.interventions},
            sections={
                "references": dict(bundle.references),
                "head_to_head": list(bundle.head_to_head),
                "faq": list(bundle.faq),
                "glossary": list(bundle.glossary),
                "crisis": list(bundle.crisis),
                "synonyms": list(bundle.synonyms),
            },
        )

    def names(self) -> dict[str, str]:
        """Normalised name -> id, for every id, short name and alias (first definition wins)."""
        if self._name_map is None:
            out: dict[str, str] = {}
            for e in self.index.values():
                for n in e.names:
                    out.setdefault(norm_name(n), e.id)
            self._name_map = out
        return self._name_map

    def get(self, iid: str) -> Intervention:
        item = self._records.get(iid)
        if item is None:
            if self._reader is None:
                raise KeyError(iid)
            from .models import Intervention

            entry = self.index[iid]
            try:
                line = self._reader(entry.offset)
                if _digest(line) != entry.digest:
                    raise ValueError(f"the cached line of {iid!r} does not match its checksum")
                item = Intervention.model_validate_json(line)  # pydantic's ValidationError is a ValueError
                if index_of(item, entry.offset, entry.digest) != entry:
                    raise ValueError(f"the cached index row of {iid!r} does not match its record")
            except (ValueError, OSError) as exc:
                self._recover(exc)
                return self.get(iid)
            self._records[iid] = item
        return item

    def all(self) -> Iterator[Intervention]:
        for iid in self.index:
            yield self.get(iid)

    def _section(self, name: str) -> Any:
        value = self._sections[name]
        if isinstance(value, bytes):  # still raw JSON from the cache file: validate now
            try:
                value = _validate_section(name, value)
            except (ValueError, KeyError, TypeError) as exc:
                self._recover(exc)
                return self._section(name)
            self._sections[name] = value
        return value

    @property
    def references(self) -> Mapping[str, Reference]:
        return self._section("references")  # type: ignore[no-any-return]

    @property
    def head_to_head(self) -> list[HeadToHead]:
        return self._section("head_to_head")  # type: ignore[no-any-return]

    @property
    def faq(self) -> list[FaqEntry]:
        return self._section("faq")  # type: ignore[no-any-return]

    @property
    def glossary(self) -> list[GlossaryTerm]:
        return self._section("glossary")  # type: ignore[no-any-return]

    @property
    def crisis(self) -> list[CrisisLine]:
        return self._section("crisis")  # type: ignore[no-any-return]

    @property
    def synonyms(self) -> list[SynonymGroup]:
        return self._section("synonyms")  # type: ignore[no-any-return]

    def search_index(self) -> Index:
        """The search index (search.py): from the cache when it holds one (checked), else built from the
        validated records. Either way the same index: the cache writes the one `search.build` makes."""
        if self._search is None:
            from . import search

            if self._search_line is not None:
                try:
                    self._search = search.Index.from_json(json.loads(self._search_line()))
                except (ValueError, KeyError, TypeError) as exc:
                    self._recover(exc)
                    return self.search_index()
            else:
                self._search = search.build(list(self.all()), self.faq, self.glossary, self.synonyms)
        return self._search


def _validate_section(name: str, raw: bytes) -> Any:
    from pydantic import TypeAdapter

    model = next(kinds.model_of(k) for k in kinds.LISTS if k.attr == name)
    items: list[Any] = TypeAdapter(list[model]).validate_json(raw)  # type: ignore[valid-type]
    return {r.id: r for r in items} if name == "references" else items


# --- the cache file ---------------------------------------------------------------------------------


def cache_dir() -> Path | None:
    """The folder trdguide keeps its cache in (always a `trdguide` folder of its own), or None.

    TRDGUIDE_CACHE_DIR names a folder in which the cache gets a subfolder `trdguide/`, so a shared
    folder's other files are never touched. A relative XDG_CACHE_HOME is ignored, as the XDG Base
    Directory rules say.
    """
    if os.environ.get("TRDGUIDE_NO_CACHE"):
        return None
    if os.environ.get("TRDGUIDE_CACHE_DIR"):
        return Path(os.environ["TRDGUIDE_CACHE_DIR"]) / "trdguide"
    if sys.platform == "win32":  # pragma: no cover - not tested on this platform
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "trdguide"


# --- the key that signs cache files -------------------------------------------------------------------

_KEY_FILE = "key"
_KEY_BYTES = 32


def _private(st: os.stat_result) -> bool:
    """Whether a file or folder is this user's and nobody else can change it."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the user's own profile folder
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _read_secret(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != _KEY_BYTES or not _private(st):
            return None
        if hasattr(os, "getuid") and st.st_mode & 0o077:
            return None  # readable by others: anyone could sign with it
        data = os.read(fd, _KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == _KEY_BYTES else None


def secret(folder: Path, create: bool = True) -> bytes | None:
    """The key that signs this user's cache files, kept in `folder/key` (mode 0600); made if missing.

    None when the folder or the key is not private to this user (the cache is then not used): a cache
    signed with a key others can read or replace would prove nothing.
    """
    try:
        st = os.stat(folder)  # a link to a folder is fine if the folder is private to this user
    except FileNotFoundError:
        if not create:
            return None
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.stat(folder)
        except OSError:
            return None
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or not _private(st):
        return None
    path = folder / _KEY_FILE
    key = _read_secret(path)
    if key is not None or not create:
        return key
    # a new key: written whole to a private temporary file, then linked into place (two processes
    # starting at once both end with the one key that was linked first)
    import tempfile

    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".key-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(os.urandom(_KEY_BYTES))
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    return _read_secret(path)


def _sign(key: bytes, data: bytes) -> str:
    """A keyed BLAKE2b (a MAC, RFC 7693) of `data`: only someone with the key can make it."""
    return hashlib.blake2b(data, key=key, digest_size=32).hexdigest()


def _tmp_prefix(key: bytes) -> str:
    """How this user's temporary cache files are named: proof enough that a left-over one is ours."""
    return _TMP_PREFIX + _sign(key, b"temporary file")[:16] + "-"


_MAX_HASHED = 16 * 1024 * 1024  # well over the loader's limit: a larger file is reported by the loader


def _content_line(path: str, rel: str) -> str:
    """A knowledge-base file as a line of the cache key: its path and a hash of its bytes.

    Never blocks or reads without end: a FIFO or device is marked, not read (the loader reports it).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return f"{rel}\tmissing"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return f"{rel}\tnot a regular file"
        h = hashlib.blake2b(digest_size=20)
        seen = 0
        want = min(st.st_size, _MAX_HASHED) + 1  # one read for the whole file (+1 to see its end)
        while seen <= _MAX_HASHED:
            chunk = os.read(fd, want)
            h.update(chunk)
            seen += len(chunk)
            if len(chunk) < want:  # the end of the file (a file that grew is read on)
                break
            want = 1 << 20
        return f"{rel}\t{seen}\t{h.hexdigest()}"
    except OSError:
        return f"{rel}\tunreadable"
    finally:
        os.close(fd)


def _file_lines(layer: str) -> Iterator[str]:
    """One line per knowledge-base file: relative path and a hash of its content (see _content_line).

    Files the loader does not read are named with their size and time only."""
    for part in _KB_PARTS:
        p = os.path.join(layer, part)
        if part.endswith(".yaml"):
            yield _content_line(p, part)
            continue
        try:
            with os.scandir(p) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = f"{part}/{entry.name}"
            if entry.name.endswith((".yaml", ".yml")):
                yield _content_line(entry.path, rel)
                continue
            try:
                st = entry.stat()
                yield f"{rel}\t{st.st_size}\t{st.st_mtime_ns}"
            except OSError:
                yield f"{rel}\tmissing"


def _stemmer_line() -> str:
    """The stemmer's code file (path, size, modification time), found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("snowballstemmer")
    except (ImportError, ValueError):
        spec = None
    folder = os.path.dirname(spec.origin) if spec is not None and spec.origin else ""
    return _content_line(os.path.join(folder, "english_stemmer.py"), "snowballstemmer/english_stemmer.py")


def cache_key(root: Path | None, bundled: Path, lang: str = "en") -> tuple[str, str]:
    """(cache file name, content key). Any change to the bytes of a knowledge-base file, or to
    trdguide's schema code, changes the key, whatever the file's size and modification time.

    Another language than English has a cache file of its own, whose key also covers the bytes of every
    file of that language's overlay folders (`i18n/LANG/`) and the code that lays them over the English."""
    layers = [bundled] if root is None else ([bundled, root] if (root / "kb.yaml").exists() else [root])
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\t{__version__}\n".encode())
    here = os.path.dirname(os.path.abspath(__file__))
    code = _CODE_FILES if lang == "en" else (*_CODE_FILES, *_OVERLAY_CODE_FILES)
    lines = [_content_line(os.path.join(here, name), name) for name in code]
    lines.append(_stemmer_line())  # the search index holds the stems it was built with
    for layer in layers:
        lines.append(f"layer\t{layer.resolve()}")
        lines.extend(_file_lines(str(layer)))
        if lang != "en":
            lines.append(f"lang\t{lang}")
            lines.extend(_overlay_lines(str(layer), lang))
    h.update("\n".join(lines).encode())
    where = hashlib.blake2b("\n".join(str(p.resolve()) for p in layers).encode(), digest_size=8).hexdigest()
    return (f"kb-{where}.jsonl" if lang == "en" else f"kb-{where}-{lang}.jsonl"), h.hexdigest()


_OVERLAY_CODE_FILES = ("overlays.py", "i18n.py")


def _overlay_lines(layer: str, lang: str) -> Iterator[str]:
    """One line per file of a language's overlay folder (`i18n/LANG/`, at any depth), as _file_lines."""
    top = os.path.join(layer, kinds.I18N, lang)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            yield _content_line(path, os.path.relpath(path, layer).replace(os.sep, "/"))


def write(path: Path, key: str, bundle: Bundle, signer: bytes) -> None:
    """Write the cache atomically, signed with `signer`; failures (read-only home, full disk) are
    silently ignored."""
    import tempfile

    sections = [
        json.dumps([r.model_dump(mode="json") for r in bundle.references.values()]),
        json.dumps([h.model_dump(mode="json") for h in bundle.head_to_head]),
        json.dumps([f.model_dump(mode="json") for f in bundle.faq]),
        json.dumps([g.model_dump(mode="json") for g in bundle.glossary]),
        json.dumps([c.model_dump(mode="json") for c in bundle.crisis]),
        json.dumps([s.model_dump(mode="json") for s in bundle.synonyms]),
    ]
    body: list[bytes] = []
    offsets: dict[str, list[Any]] = {}
    pos = 0
    for name, text in zip(_SECTIONS, sections):
        data = text.encode() + b"\n"
        offsets[name] = [pos, _digest(data)]
        body.append(data)
        pos += len(data)
    from .search import build

    found = build(bundle.interventions, bundle.faq, bundle.glossary, bundle.synonyms)
    data = json.dumps(found.to_json(), separators=(",", ":")).encode() + b"\n"
    search_at = [pos, _digest(data)]
    body.append(data)
    pos += len(data)
    index = []
    for item in bundle.interventions:
        data = item.model_dump_json().encode() + b"\n"
        index.append(list(index_of(item, pos, _digest(data))))
        body.append(data)
        pos += len(data)
    header = json.dumps(
        {
            "format": FORMAT,
            "key": key,
            "sources": bundle.sources,
            "sections": offsets,
            "index": index,
            "crisis": [list(crisis_entry_of(c)) for c in bundle.crisis],
            "questions": [list(faq_question_of(f)) for f in bundle.faq],
            "search": search_at,
            "replaced": [list(r) for r in bundle.replaced],
            **(
                {}
                if bundle.lang == "en"
                else {
                    "lang": bundle.lang,
                    "in_english": bundle.in_english,
                    "translation": list(bundle.translation) if bundle.translation is not None else None,
                }
            ),
        }
    ).encode()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_tmp_prefix(signer), suffix=".jsonl")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_sign(signer, header).encode() + b" " + header + b"\n")
                f.writelines(body)
            os.replace(tmp, path)  # atomic: readers see the old file or the new one, never a mix
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        clean(path.parent, signer, keep=path.name)


_TMP_PREFIX = ".tmp-"
_STALE_TMP_SECONDS = 3600
# the longest line read from a cache file: a longer one is cut, fails its checksum, and the YAML is read
_MAX_LINE = 64 * 1024 * 1024


def _open_regular(path: Path) -> IO[bytes]:
    """Open a cache file for reading, or raise OSError if it is not a regular file.

    Opened without blocking, so a FIFO put where a cache file goes cannot make a command wait, and
    checked before a byte is read, so a link to a device such as /dev/zero is never read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _signed(f: IO[bytes], signer: bytes) -> dict[str, Any] | None:
    """The header of a cache file if it is signed with this user's key, else None (any format)."""
    try:
        line = f.readline(_MAX_LINE)
    except OSError:
        return None
    mac, _, body = line.rstrip(b"\n").partition(b" ")
    if not line.endswith(b"\n") or not hmac.compare_digest(mac, _sign(signer, body).encode()):
        return None
    try:
        header = json.loads(body)
    except ValueError:
        return None
    return header if isinstance(header, dict) else None


def _header(f: IO[bytes], signer: bytes, key: str | None) -> dict[str, Any] | None:
    """The header of a cache file if its signature, format and key (when given) are right, else None."""
    header = _signed(f, signer)
    if header is None or header.get("format") != FORMAT:
        return None
    if key is not None and header.get("key") != key:
        return None
    sources = header.get("sources")
    if not isinstance(sources, list) or not all(isinstance(p, str) for p in sources):
        return None
    return header


def _index(header: dict[str, Any]) -> list[IndexEntry]:
    rows = header.get("index")
    if not isinstance(rows, list):
        raise ValueError("index")
    return [_entry(row) for row in rows]


def read(
    path: Path, key: str, signer: bytes, fallback: Callable[[], Store] | None = None, lang: str = "en"
) -> Store | None:
    """The store from a cache file whose key matches; None if absent, stale, changed or damaged.

    The header is checked before anything in it is used; records are checked when first used, and a
    record that fails makes that command fall back to YAML.
    """
    try:
        f = _open_regular(path)  # kept open for lazy reads, closed at exit
    except OSError:
        return None
    try:
        header = _header(f, signer, key)
        if header is None:
            raise ValueError("header")
        start = f.tell()

        def line_at(offset: int) -> bytes:
            f.seek(start + offset)
            return f.readline(_MAX_LINE)

        places = header.get("sections")
        if not isinstance(places, dict) or set(places) != set(_SECTIONS):
            raise ValueError("sections")
        sections: dict[str, Any] = {}
        for name, place in places.items():
            if not (isinstance(place, list) and len(place) == 2 and type(place[0]) is int):
                raise ValueError("sections")
            line = line_at(place[0])
            if _digest(line) != place[1]:
                raise ValueError("sections")
            sections[name] = line
        index = _index(header)
        if len({e.id for e in index}) != len(index):
            raise ValueError("index")
        crisis, questions = header.get("crisis"), header.get("questions")
        if not isinstance(crisis, list) or not isinstance(questions, list):
            raise ValueError("crisis or questions")
        search_at = header.get("search")
        if not (isinstance(search_at, list) and len(search_at) == 2 and type(search_at[0]) is int):
            raise ValueError("search")

        def search_line() -> bytes:
            line = line_at(search_at[0])
            if _digest(line) != search_at[1]:
                raise ValueError("the cached search index does not match its checksum")
            return line

        return Store(
            list(header["sources"]),
            index,
            sections=sections,
            reader=line_at,
            fallback=fallback,
            crisis_index=[_row(CrisisEntry, row) for row in crisis],
            faq_index=[_row(FaqQuestion, row) for row in questions],
            search_line=search_line,
            replaced=_replaced(header.get("replaced")),
            **_translated(header, lang),
        )
    except (OSError, ValueError):
        f.close()
        return None


def _translated(header: dict[str, Any], lang: str) -> dict[str, Any]:
    """A translated cache's language, parts still in English and provenance, checked (ValueError if not well
    formed); nothing for English."""
    if lang == "en":
        if "lang" in header:
            raise ValueError("lang")
        return {}
    in_english, row = header.get("in_english"), header.get("translation")
    if header.get("lang") != lang or not isinstance(in_english, dict):
        raise ValueError("lang")
    for fields in in_english.values():
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            raise ValueError("in_english")
    return {"lang": lang, "in_english": in_english, "translation": None if row is None else _row(TranslationRow, row)}


def _replaced(rows: Any) -> list[tuple[str, str, str, int | None]]:
    """The header's list of replaced records, checked (ValueError if it is not well formed)."""
    if not isinstance(rows, list):
        raise ValueError("replaced")
    out: list[tuple[str, str, str, int | None]] = []
    for row in rows:
        ok = isinstance(row, list) and len(row) == 4 and all(isinstance(v, str) for v in row[:3])
        if not ok or not (row[3] is None or (type(row[3]) is int)):
            raise ValueError("replaced")
        out.append((row[0], row[1], row[2], row[3]))
    return out


def names(root: Path | None) -> list[str] | None:
    """All record names from a current cache, without importing pydantic (for shell completion)."""
    from .paths import bundled_data_dir

    folder = cache_dir()
    signer = None if folder is None else secret(folder, create=False)
    if folder is None or signer is None:
        return None
    name, key = cache_key(root, bundled_data_dir())
    try:
        with _open_regular(folder / name) as f:
            header = _header(f, signer, key)
        if header is None:
            return None
        index = _index(header)
    except (OSError, ValueError):
        return None
    return sorted(Store([], index).names())


def clean(folder: Path, signer: bytes, keep: str = "") -> None:
    """Remove cache files nobody can use, and only files this user's trdguide provably wrote (signed
    with its key, or named with it): of older formats, of knowledge bases that are gone, and temporary
    files left by a writer that stopped (fresh temporary files are left alone)."""
    now = time.time()
    mine = _tmp_prefix(signer)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not name.endswith(".jsonl") or name == keep:
            continue
        with contextlib.suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                continue
            if name.startswith(mine):
                if now - entry.stat().st_mtime > _STALE_TMP_SECONDS:
                    os.unlink(entry.path)
            elif name.startswith("kb-"):
                with _open_regular(Path(entry.path)) as f:
                    header = _signed(f, signer)
                if header is None:
                    continue  # not provably ours: left alone
                sources = header.get("sources")
                places = sources if isinstance(sources, list) else [None]
                gone = not all(isinstance(p, str) and os.path.isdir(p) for p in places)
                if header.get("format") != FORMAT or gone:
                    os.unlink(entry.path)


def open_store(root: Path | None, lang: str = "en") -> Store:
    """The knowledge base at `root` (None: the bundled one), from the cache when it is current; in another
    language than English, with that language's overlays laid over it (overlays.py)."""
    from .paths import bundled_data_dir

    bundled = bundled_data_dir()
    folder = cache_dir()
    signer = None if folder is None else secret(folder)
    path: Path | None = None
    key = ""
    readable = root is None or (os.path.isdir(root) and os.access(root, os.R_OK | os.X_OK))
    if folder is not None and signer is not None and readable:
        name, key = cache_key(root, bundled, lang)
        path = folder / name
        store = read(path, key, signer, fallback=lambda: _from_yaml(root, path, key, signer, lang), lang=lang)
        if store is not None:
            return store
    return _from_yaml(root, path, key, signer, lang)


def _from_yaml(
    root: Path | None, path: Path | None, key: str = "", signer: bytes | None = None, lang: str = "en"
) -> Store:
    """Read the YAML (the source of truth) and, when a cache is in use, (re)write the cache."""
    from .loader import load

    bundle = load(root)
    if lang != "en":
        from .overlays import translate

        bundle = translate(bundle, root, lang)
    if path is not None and key and signer is not None:
        write(path, key, bundle, signer)
    return Store.from_bundle(bundle)
