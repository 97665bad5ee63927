"""Fast start: a validated cache of the knowledge base, read lazily.

The first run reads the YAML files (loader.py), checks everything, and writes a cache file in the user
cache folder. Later runs read the cache instead of parsing YAML, and validate each record again through
the same pydantic models when it is used (never pickle; the cache is plain JSON). The cache key covers
every knowledge-base file (path, size, modification time) and trdguide's own schema files, so any edit
makes the next run read the YAML again. Set TRDGUIDE_NO_CACHE=1 to turn it off, or TRDGUIDE_CACHE_DIR to
move it.

Only successful loads are cached: a knowledge base with problems is always read from YAML and its
problems reported.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .models import CrisisLine, FaqEntry, GlossaryTerm, HeadToHead, Intervention, Reference

if TYPE_CHECKING:
    from .loader import Bundle

FORMAT = 1
_KB_PARTS = (
    "kb.yaml",
    "interventions",
    "overrides",
    "references",
    "head_to_head",
    "faq.yaml",
    "glossary.yaml",
    "crisis.yaml",
)
_CODE_FILES = ("models.py", "vocab.py", "loader.py", "cache.py")


@dataclass(frozen=True)
class IndexEntry:
    """What queries need to find and filter records without validating all of them."""

    id: str
    short_name: str
    names: list[str]
    category: str
    status: str
    where: list[str]
    anaesthesia: str
    hay: str
    last_reviewed: str
    related: list[str]
    line: int = -1


def index_of(item: Intervention, line: int = -1) -> IndexEntry:
    return IndexEntry(
        id=item.id,
        short_name=item.short_name,
        names=item.names,
        category=item.category.value,
        status=item.status.label.value,
        where=[p.value for p in item.setting.where],
        anaesthesia=item.setting.anaesthesia.value,
        hay=" ".join([item.id, item.name, item.short_name, *item.aliases, item.summary]),
        last_reviewed=item.last_reviewed.isoformat(),
        related=list(item.related),
        line=line,
    )


class Store:
    """A knowledge base ready for queries: an index of all records and validated records on demand."""

    def __init__(
        self,
        sources: list[str],
        index: list[IndexEntry],
        references: dict[str, Reference],
        head_to_head: list[HeadToHead],
        faq: list[FaqEntry],
        glossary: list[GlossaryTerm],
        crisis: list[CrisisLine],
        records: dict[str, Intervention] | None = None,
        lines: list[bytes] | None = None,
    ):
        self.sources = sources
        self.index = {e.id: e for e in sorted(index, key=lambda e: e.id)}
        self.references = references
        self.head_to_head = head_to_head
        self.faq = faq
        self.glossary = glossary
        self.crisis = crisis
        self._records: dict[str, Intervention] = dict(records or {})
        self._lines = lines

    @classmethod
    def from_bundle(cls, bundle: Bundle) -> Store:
        return cls(
            sources=list(bundle.sources),
            index=[index_of(i) for i in bundle.interventions],
            references=dict(bundle.references),
            head_to_head=list(bundle.head_to_head),
            faq=list(bundle.faq),
            glossary=list(bundle.glossary),
            crisis=list(bundle.crisis),
            records={i.id: i for i in bundle.interventions},
        )

    def get(self, iid: str) -> Intervention:
        item = self._records.get(iid)
        if item is None:
            if self._lines is None:
                raise KeyError(iid)
            item = Intervention.model_validate_json(self._lines[self.index[iid].line])
            self._records[iid] = item
        return item

    def all(self) -> Iterator[Intervention]:
        for iid in self.index:
            yield self.get(iid)


# --- the cache file ---------------------------------------------------------------------------------


def cache_dir() -> Path | None:
    if os.environ.get("TRDGUIDE_NO_CACHE"):
        return None
    if os.environ.get("TRDGUIDE_CACHE_DIR"):
        return Path(os.environ["TRDGUIDE_CACHE_DIR"])
    if sys.platform == "win32":  # pragma: no cover - not tested on this platform
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "trdguide"


def _stat_line(path: Path, rel: str) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{rel}\tmissing"
    return f"{rel}\t{st.st_size}\t{st.st_mtime_ns}"


def _files(layer: Path) -> Iterator[tuple[Path, str]]:
    for part in _KB_PARTS:
        p = layer / part
        if part.endswith(".yaml"):
            yield p, part
        elif p.is_dir():
            with os.scandir(p) as it:
                for entry in sorted(it, key=lambda e: e.name):
                    yield Path(entry.path), f"{part}/{entry.name}"


def cache_key(root: Path | None, bundled: Path) -> tuple[str, str]:
    """(cache file name, content key). Any change to a knowledge-base file changes the key."""
    layers = [bundled] if root is None else ([bundled, root] if (root / "kb.yaml").exists() else [root])
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\t{__version__}\n".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        h.update((_stat_line(here / name, name) + "\n").encode())
    for layer in layers:
        h.update(f"layer\t{layer.resolve()}\n".encode())
        for path, rel in _files(layer):
            h.update((_stat_line(path, rel) + "\n").encode())
    where = hashlib.blake2b("\n".join(str(p.resolve()) for p in layers).encode(), digest_size=8).hexdigest()
    return f"kb-{where}.jsonl", h.hexdigest()


def write(path: Path, key: str, bundle: Bundle) -> None:
    """Write the cache atomically; failures (read-only home, full disk) are silently ignored."""
    lines: list[str] = []
    index = []
    first = 6
    for n, item in enumerate(bundle.interventions):
        index.append(asdict(index_of(item, first + n)))
        lines.append(item.model_dump_json())
    header = {"format": FORMAT, "key": key, "sources": bundle.sources, "index": index}
    body = [
        json.dumps(header),
        json.dumps([r.model_dump(mode="json") for r in bundle.references.values()]),
        json.dumps([h.model_dump(mode="json") for h in bundle.head_to_head]),
        json.dumps([f.model_dump(mode="json") for f in bundle.faq]),
        json.dumps([g.model_dump(mode="json") for g in bundle.glossary]),
        json.dumps([c.model_dump(mode="json") for c in bundle.crisis]),
        *lines,
    ]
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".jsonl")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("\n".join(body) + "\n")
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def read(path: Path, key: str) -> Store | None:
    """The store from a cache file whose key matches, validated again; None if absent, stale or bad."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    lines = data.split(b"\n")
    try:
        header: dict[str, Any] = json.loads(lines[0])
        if header.get("format") != FORMAT or header.get("key") != key:
            return None
        from pydantic import TypeAdapter

        return Store(
            sources=list(header["sources"]),
            index=[IndexEntry(**e) for e in header["index"]],
            references={r.id: r for r in TypeAdapter(list[Reference]).validate_json(lines[1])},
            head_to_head=TypeAdapter(list[HeadToHead]).validate_json(lines[2]),
            faq=TypeAdapter(list[FaqEntry]).validate_json(lines[3]),
            glossary=TypeAdapter(list[GlossaryTerm]).validate_json(lines[4]),
            crisis=TypeAdapter(list[CrisisLine]).validate_json(lines[5]),
            lines=lines,
        )
    except (ValueError, KeyError, TypeError, IndexError):  # pydantic's ValidationError is a ValueError
        return None


def open_store(root: Path | None) -> Store:
    """The knowledge base at `root` (None: the bundled one), from the cache when it is current."""
    from .loader import bundled_data_dir

    bundled = bundled_data_dir()
    folder = cache_dir()
    if folder is not None and (root is None or (root.is_dir() and os.access(root, os.R_OK | os.X_OK))):
        name, key = cache_key(root, bundled)
        store = read(folder / name, key)
        if store is not None:
            return store
    else:
        name, key = "", ""
    from .loader import load

    bundle = load(root)
    if folder is not None and name:
        write(folder / name, key, bundle)
    return Store.from_bundle(bundle)
