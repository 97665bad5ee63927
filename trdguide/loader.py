"""Read the knowledge base from YAML files, validate it and cross-check it.

Every problem becomes a `Problem` (file, line, field, message in plain words). All problems found in a
load are collected and raised together as one `DataError`.

There is one YAML reader (`read_yaml`) for every file, bundled or a user's, record, override, list or
manifest: the C parser builds the node tree and `_Builder` turns it into plain data, so every file is
judged by the same rules (no merge keys, duplicate keys or non-standard tags) whatever else is in it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import kinds
from .errors import DataError as DataError  # re-exported for callers of the loader
from .errors import Problem as Problem
from .i18n import _
from .models import (
    CrisisLine,
    FaqEntry,
    GlossaryTerm,
    HeadToHead,
    Intervention,
    Reference,
    SynonymGroup,
)
from .paths import bundled_data_dir
from .schemas import override_model

if TYPE_CHECKING:
    from .cache import TranslationRow

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 40

try:  # the C parser is several times faster; fall back to pure Python where libyaml is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"


# --- YAML with line numbers -----------------------------------------------------------------------

Path_ = tuple[Any, ...]


class _Builder:
    """Turn a composed YAML node tree into plain data, recording the line of every path.

    Walking nodes ourselves (instead of `yaml.load`) lets us refuse duplicate keys, non-standard tags
    and alias bombs, and remember where each value came from.
    """

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self._count = 0
        self._scalar = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path_ = (), depth: int = 0) -> Any:
        self._count += 1
        if self._count > MAX_NODES:
            raise _Abort(_("the file expands to more than {most} values (too large, or an alias bomb)", most=MAX_NODES))
        if depth > MAX_DEPTH:
            raise _Abort(_("values are nested more than {most} levels deep", most=MAX_DEPTH))
        line = node.start_mark.line + 1
        self.lines.setdefault(path, line)
        if node.tag == _MERGE_TAG:
            self.problems.append(
                Problem(
                    self.file,
                    line,
                    _fmt(path),
                    _("the merge key '<<' is not allowed (plain YAML only): write the fields out in full"),
                    code="E103",
                )
            )
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.problems.append(
                Problem(
                    self.file,
                    line,
                    _fmt(path),
                    _("the tag {tag} is not allowed (plain YAML only)", tag=repr(node.tag)),
                    code="E103",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if knode.tag == _MERGE_TAG:  # `<<: ...` would copy fields in from elsewhere
                    self.build(knode, path, depth + 1)
                    continue
                said = len(self.problems)
                key = self.build(knode, path, depth + 1)
                if len(self.problems) > said:  # the key itself is wrong (a date that does not exist): said once
                    continue
                if not isinstance(key, (str, int)):
                    self.problems.append(
                        Problem(
                            self.file, knode.start_mark.line + 1, _fmt(path), _("a key must be plain text"), code="E103"
                        )
                    )
                    continue
                if key in out:
                    self.problems.append(
                        Problem(
                            self.file,
                            knode.start_mark.line + 1,
                            _fmt((*path, key)),
                            _("the key {key} appears twice", key=repr(key)),
                            code="E103",
                        )
                    )
                    continue
                out[key] = self.build(vnode, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self._scalar.construct_object(node)
        except (ValueError, OverflowError):  # a date that does not exist (2024-02-30), a number too long
            self.problems.append(Problem(self.file, line, _fmt(path), _unreadable_value(node), code="E110"))
            return None


class _Abort(Exception):
    pass


def _unreadable_value(node: yaml.Node) -> str:
    """Why YAML could not turn a plain value into a date or a number, in plain words."""
    if node.tag == "tag:yaml.org,2002:timestamp":
        # Translators: keep YYYY-MM-DD as it is (the form a date must take in the YAML files)
        return _(
            "{value} is not a real date or time (write it as YYYY-MM-DD, or in quotes if it is text)",
            value=repr(node.value),
        )
    return _("the number is too long to read (put it in quotes if it is text)")


def _cites(ref: str) -> str:
    return _("cites {ref}, which is not in references/", ref=repr(ref))


def _names(iid: str) -> str:
    return _("names {id}, which is not an intervention", id=repr(iid))


def _fmt(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _line_for(lines: dict[Path_, int], loc: Path_) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a folder, not a file with a known end."""


def read_limited(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file at `path`, or None when it holds more than `limit` bytes.

    The size is checked while reading (at most `limit` + 1 bytes are read), not taken from the file's
    reported size, which is 0 for devices such as /dev/zero. The file is opened without blocking, so a
    FIFO cannot make the reader wait for a writer, and anything but a regular file (a FIFO, a device, a
    link to one) raises NotRegularFile before a byte is read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(path)
        data = f.read(limit + 1)
    return None if len(data) > limit else data


def read_yaml(path: Path, display: str) -> tuple[Any, dict[Path_, int], list[Problem]]:
    """Parse one YAML file. Returns the data, a path->line map, and any problems.

    The one reader of every knowledge-base file. Data is returned only when there are no problems.
    """
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except NotRegularFile:
        return None, {}, [Problem(display, None, "", _("is not a regular file"), code="E102")]
    except OSError as exc:
        return None, {}, [Problem(display, None, "", _("cannot be read ({why})", why=exc.strerror or exc), code="E102")]
    if raw is None:
        big = _("is larger than {kib} KiB", kib=MAX_FILE_BYTES // 1024)
        return None, {}, [Problem(display, None, "", big, code="E102")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [Problem(display, line, "", _("is not valid UTF-8 text (save it as UTF-8)"), code="E102")]
    if not text.strip():
        return None, {}, [Problem(display, None, "", _("is empty"), code="E102")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        mline = mark.line + 1 if mark else None
        what = exc.problem or _("the YAML syntax is not valid")
        if "\t" in text and ("tab" in what.lower() or "found character" in what.lower()):
            # Translators: {what} is the YAML parser's own description of the problem (in English)
            message = _(
                "YAML syntax error: {what} (YAML does not allow tabs for indentation; use spaces)", what=what
            )
        else:
            message = _("YAML syntax error: {what}", what=what)
        return None, {}, [Problem(display, mline, "", message, code="E101")]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(display, None, "", _("YAML error: {what}", what=exc), code="E101")]
    if node is None:
        return None, {}, [Problem(display, None, "", _("is empty"), code="E102")]
    builder = _Builder(display)
    try:
        data = builder.build(node)
    except _Abort as exc:
        return None, {}, [Problem(display, node.start_mark.line + 1, "", str(exc), code="E103")]
    except RecursionError:
        return None, {}, [Problem(display, None, "", _("values are nested too deeply"), code="E103")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = mark.line + 1 if mark else None
        return None, {}, [Problem(display, where, "", _("YAML error: {what}", what=exc), code="E101")]
    if builder.problems:
        return None, builder.lines, builder.problems
    return data, builder.lines, []


# --- validation -------------------------------------------------------------------------------------


def _explain(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    msg = str(err.get("msg", "")) or _("is not valid")
    if kind == "missing":
        return _("is required but missing")
    if kind == "extra_forbidden":
        return _("is not a known field (check the spelling)")
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        # Translators: {choices} are the allowed values, as the schema writes them ("'a', 'b' or 'c'")
        return _("must be one of {choices}", choices=expected) if expected else msg
    if msg.startswith("Value error, "):
        return msg[len("Value error, ") :]
    return msg[0].lower() + msg[1:]


M = TypeVar("M", bound=BaseModel)


# --- the whole knowledge base -----------------------------------------------------------------------


@dataclass
class Bundle:
    """Everything read from one or more knowledge-base folders, validated and cross-checked."""

    interventions: list[Intervention] = field(default_factory=list)
    references: dict[str, Reference] = field(default_factory=dict)
    head_to_head: list[HeadToHead] = field(default_factory=list)
    faq: list[FaqEntry] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    crisis: list[CrisisLine] = field(default_factory=list)
    synonyms: list[SynonymGroup] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    # where each record came from: (kind, id) -> Origin, for messages that point at a file and line
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # the override files laid over each intervention, in the order applied: intervention id -> origins
    overrides: dict[str, list[Origin]] = field(default_factory=dict)

    def where(self, kind: str, key: str, loc: Path_ = ()) -> tuple[str, int | None]:
        """The file and line that set the value at `loc` (a field path) of a record: the last override
        file that names that field, otherwise the file that defines the record. ("", None) if unknown."""
        for patch in reversed(self.overrides.get(key, []) if kind == "intervention" else []):
            if loc and tuple(loc) in patch.lines:
                return patch.file, patch.lines[tuple(loc)]
        o = self.origins.get((kind, key.lower()))
        if o is None:
            return "", None
        return o.file, _line_for(o.lines, (*o.loc[:-1], *loc)) if loc else o.line
    # records of a user's folder that replace a bundled record: (kind, key, file, line)
    replaced: list[tuple[str, str, str, int | None]] = field(default_factory=list)
    # the language of the text: another than English once overlays.py has laid its translations over it
    lang: str = "en"
    # in another language: each intervention's top-level fields whose text is still wholly or partly English
    in_english: dict[str, list[str]] = field(default_factory=dict)
    translation: TranslationRow | None = None  # in another language: how its text was made, and how much

    def cited_reference_ids(self) -> set[str]:
        """Every reference id cited anywhere: records, head-to-head trials, FAQ and glossary."""
        used: set[str] = set()
        for i in self.interventions:
            used |= i.all_ref_ids()
        for h in self.head_to_head:
            used |= h.all_ref_ids()
        for f in self.faq:
            used |= set(f.refs)
        for g in self.glossary:
            used |= set(g.refs)
        return used


@dataclass(frozen=True)
class Origin:
    """Where a record was defined. The line is worked out only when a message needs it."""

    file: str
    lines: dict[Path_, int]
    loc: Path_

    @property
    def line(self) -> int | None:
        return _line_for(self.lines, self.loc)


def _yaml_files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        # a FIFO or a device named *.yaml is read (and reported), not skipped; a dangling link is skipped
        found = (p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.exists() and not p.is_dir())
        yield from sorted(found)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:  # pragma: no cover
        return str(path)


@dataclass
class _Raw:
    """One record as read from YAML, before validation, with where it came from."""

    data: Any
    file: str
    lines: dict[Path_, int]
    base: Path_ = ()
    stem: str = ""
    patches: list[_Raw] = field(default_factory=list)

    def line(self, loc: Path_ = ()) -> int | None:
        return _line_for(self.lines, (*self.base, *loc))


# list-shaped parts of a knowledge base: (folder or file, bundle attribute, model, label, key field)
_LISTS: tuple[tuple[str, str, type[BaseModel], str, str], ...] = tuple(
    (k.path, k.attr, kinds.model_of(k), k.label, k.key) for k in kinds.LISTS
)
MANIFEST = kinds.MANIFEST


def _deep_merge(base: Any, patch: Any) -> Any:
    """Mappings merge key by key; anything else (lists, text, numbers) is replaced by the patch."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = _deep_merge(base[k], v) if k in base else v
        return out
    return patch


def _folder_problem(root: Path) -> Problem | None:
    try:
        os.stat(root)
    except OSError as exc:  # missing, or a path the system refuses (a name over 255 characters, a loop)
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return Problem(str(root), None, "", _("the knowledge-base folder does not exist"), code="E102")
        unusable = _("the knowledge-base folder cannot be used ({why})", why=exc.strerror)
        return Problem(str(root), None, "", unusable, code="E102")
    if not root.is_dir():
        return Problem(str(root), None, "", _("is not a folder"), code="E102")
    if not os.access(root, os.R_OK | os.X_OK):
        return Problem(str(root), None, "", _("the knowledge-base folder cannot be read"), code="E102")
    return None


def layers_for(root: Path | None) -> tuple[list[Path], list[Problem]]:
    """The folders to read, lowest first: the bundled base under a folder whose kb.yaml says
    `extends: bundled`, otherwise the folder alone."""
    if root is None:
        return [bundled_data_dir()], []
    root = Path(root)
    prob = _folder_problem(root)
    if prob:
        return [], [prob]
    mpath = root / MANIFEST
    if not mpath.exists():
        return [root], []
    disp = _display(mpath, root)
    data, lines, probs = read_yaml(mpath, disp)
    if probs:
        return [], probs
    if not isinstance(data, dict) or set(data) - {"name", "extends"}:
        shape = _("must be a mapping with only 'name' and 'extends'")
        return [], [Problem(disp, lines.get(()), "", shape, code="E111")]
    extends = data.get("extends", "none")
    if extends not in ("bundled", "none"):
        return [], [
            Problem(disp, _line_for(lines, ("extends",)), "extends", _("must be 'bundled' or 'none'"), code="E111")
        ]
    base = bundled_data_dir()
    if extends == "bundled" and base.resolve() != root.resolve():
        return [base, root], []
    return [root], []


def _read_shaped(
    path: Path, disp: str, shape: type, message: str, problems: list[Problem]
) -> tuple[Any, dict[Path_, int]]:
    """Read a file that must hold a mapping or a list; (None, {}) after recording any problem."""
    data, lines, probs = read_yaml(path, disp)
    problems.extend(probs)
    if probs:
        return None, {}
    if not isinstance(data, shape):
        problems.append(Problem(disp, lines.get(()), "", message, code="E111"))
        return None, {}
    return data, lines


def _claim(
    seen: dict[tuple[str, str], _Raw], problems: list[Problem], kind: str, key: str, raw: _Raw, field_name: str
) -> bool:
    """Record that `raw` defines `kind` `key` in this layer; a second definition is a problem."""
    if (kind, key.lower()) in seen:
        first = seen[(kind, key.lower())]
        problems.append(
            Problem(
                raw.file,
                raw.line((field_name,)),
                field_name,
                # Translators: {kind} is a kind of record, in English ("intervention", "FAQ entry")
                _(
                    "{kind} {key} is defined twice (also in {where})",
                    kind=kind,
                    key=repr(key),
                    where=f"{first.file}:{first.line()}",
                ),
                code="E120",
            )
        )
        return False
    seen[(kind, key.lower())] = raw
    return True


def load(root: Path | None = None) -> Bundle:
    """Load and check a knowledge base. Raises DataError listing every problem found.

    With no folder, the bundled knowledge base. A folder whose kb.yaml says `extends: bundled` is laid
    over the bundled base: its records are added, a record with the same id replaces the bundled one,
    and files in its overrides/ folder change only the fields they name.
    """
    layers, problems = layers_for(root)
    if problems:
        raise DataError(problems)
    bundle = Bundle(sources=[str(p) for p in layers])
    records: dict[str, _Raw] = {}
    unreadable: set[str] = set()
    unread_lists: set[str] = set()
    lists: dict[str, dict[str, _Raw]] = {attr: {} for _name, attr, _model, _kind, _key in _LISTS}

    for layer in layers:
        seen: dict[tuple[str, str], _Raw] = {}

        for path in _yaml_files(layer / "interventions"):
            disp = _display(path, layer)
            data, lines = _read_shaped(
                path, disp, dict, _("must be one intervention record (a mapping of fields)"), problems
            )
            if data is None:
                unreadable.add(path.stem)  # its problems are reported; links to it are not reported again
                continue
            rid = data.get("id")
            key = rid if isinstance(rid, str) else path.stem
            raw = _Raw(data, disp, lines, stem=path.stem)
            if _claim(seen, problems, "intervention", key, raw, "id"):
                if key in records:
                    bundle.replaced.append(("intervention", key, disp, raw.line(("id",))))
                records[key] = raw

        for path in _yaml_files(layer / "overrides"):
            disp = _display(path, layer)
            data, lines = _read_shaped(
                path, disp, dict, _("an override names the intervention it changes with 'id'"), problems
            )
            if data is None:
                continue
            rid = data.get("id")
            if not isinstance(rid, str):
                problems.append(
                    Problem(
                        disp,
                        lines.get(()),
                        "id",
                        _("an override names the intervention it changes with 'id'"),
                        code="E111",
                    )
                )
                continue
            if rid not in records:
                problems.append(
                    Problem(
                        disp,
                        _line_for(lines, ("id",)),
                        "id",
                        _("overrides {id}, which is not an intervention in the base it extends", id=repr(rid)),
                        code="E131",
                    )
                )
                continue
            patch = _Raw(data, disp, lines)
            _patched, probs = _validate(override_model(), data, patch)
            problems.extend(probs)
            if not probs:  # a patch that breaks its schema is reported once, here, and not merged
                records[rid].patches.append(_Raw({k: v for k, v in data.items() if k != "id"}, disp, lines))

        for name, attr, _model, kind, keyfield in _LISTS:
            target = layer / name
            paths = [target] if name.endswith(".yaml") else list(_yaml_files(target))
            for path in paths:
                if not path.exists():
                    continue
                disp = _display(path, layer)
                data, lines = _read_shaped(
                    path, disp, list, _("must be a list of entries (each starting with '- ')"), problems
                )
                if data is None:
                    unread_lists.add(attr)  # its problems are reported; not reported again as missing
                    continue
                for i, item in enumerate(data):
                    raw = _Raw(item, disp, lines, (i,))
                    k = item.get(keyfield) if isinstance(item, dict) else None
                    if not isinstance(k, str):
                        k = f"{disp}#{i}"  # validation will name the missing or wrong field
                    if _claim(seen, problems, kind, k, raw, keyfield):
                        if k.lower() in lists[attr]:
                            bundle.replaced.append((kind, k, disp, raw.line((keyfield,))))
                        lists[attr][k.lower()] = raw

    for raw in records.values():
        data = raw.data
        for patch in raw.patches:
            data = _deep_merge(data, patch.data)
        item, probs = _validate(Intervention, data, raw)
        problems.extend(probs)
        if item is None:
            continue
        if raw.stem and raw.stem != item.id:
            problems.append(
                Problem(
                    raw.file,
                    raw.line(("id",)),
                    "id",
                    _("the id {id} must match the file name ({file})", id=repr(item.id), file=f"{raw.stem}.yaml"),
                    code="E122",
                )
            )
            continue
        bundle.origins[("intervention", item.id)] = Origin(raw.file, raw.lines, (*raw.base, "id"))
        if raw.patches:
            bundle.overrides[item.id] = [Origin(p.file, p.lines, ("id",)) for p in raw.patches]
        bundle.interventions.append(item)

    for _name, attr, model, kind, keyfield in _LISTS:
        for raw in lists[attr].values():
            obj, probs = _validate(model, raw.data, raw)
            problems.extend(probs)
            if obj is None:
                continue
            ident = str(getattr(obj, keyfield))
            bundle.origins[(kind, ident.lower())] = Origin(raw.file, raw.lines, (*raw.base, keyfield))
            if attr == "references":
                bundle.references[ident] = obj  # type: ignore[assignment]
            else:
                getattr(bundle, attr).append(obj)

    problems.extend(cross_check(bundle, known=set(records) | unreadable))
    has_crisis = bool(lists["crisis"]) or "crisis" in unread_lists
    problems.extend(_missing_parts(layers[-1], bool(records or unreadable), has_crisis))
    if problems:
        raise DataError(problems)
    bundle.interventions.sort(key=lambda i: i.id)
    return bundle


def _missing_parts(top: Path, has_interventions: bool, has_crisis: bool) -> list[Problem]:
    """What a knowledge base cannot do without (over all its layers): at least one intervention, and at
    least one crisis line, since every answer ends with where to get urgent help. Said against the top
    folder, naming the file or folder that would hold them."""
    problems = []
    if not has_interventions:
        problems.append(
            Problem(
                _display(top / "interventions", top),
                None,
                "",
                _("has no intervention records: a knowledge base needs at least one (interventions/ID.yaml)"),
                code="E112",
            )
        )
    if not has_crisis:
        problems.append(
            Problem(
                _display(top / "crisis.yaml", top),
                None,
                "",
                _(
                    "has no crisis lines: a knowledge base needs at least one, as every answer ends with where "
                    "to get urgent help"
                ),
                code="E112",
            )
        )
    return problems


def _validate(model: type[M], data: Any, raw: _Raw) -> tuple[M | None, list[Problem]]:
    """Validate a record or list entry (with any overrides); each error points at the file that set the field."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            src = raw
            for patch in raw.patches:
                if loc and isinstance(patch.data, dict) and loc[0] in patch.data:
                    src = patch
            # a review or check date in the future breaks the update policy (its own rule); the rest is schema
            future = err["type"] == "value_error" and loc[-1:] in (("last_reviewed",), ("checked",))
            code = "E150" if future else "E110"
            problems.append(Problem(src.file, src.line(loc), _fmt((*src.base, *loc)), _explain(dict(err)), code=code))
        return None, problems


def _cited_at(model: BaseModel, ref: str, path: Path_ = ()) -> Path_:
    """The field path of the first `refs` or `references` list in a record that cites `ref`; () if none."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in ("refs", "references") and isinstance(value, list) and ref in value:
            return (*path, name, value.index(ref))
        for n, v in enumerate(value) if isinstance(value, list) else [(None, value)]:
            if isinstance(v, BaseModel):
                found = _cited_at(v, ref, (*path, name) if n is None else (*path, name, n))
                if found:
                    return found
    return ()


def cross_check(bundle: Bundle, known: set[str] | None = None) -> list[Problem]:
    """Checks that need the whole knowledge base: unique names, references and links that exist.

    `known` holds ids of records that exist but failed validation: links to them are not reported
    again (their own problems already are).
    """
    problems: list[Problem] = []
    ids = {i.id for i in bundle.interventions} | (known or set())
    names: dict[str, str] = {}
    for item in bundle.interventions:
        o = bundle.origins[("intervention", item.id)]
        for n in item.names:
            low = n.lower()
            other = names.get(low)
            if other is not None and other != item.id:
                problems.append(
                    Problem(
                        o.file,
                        o.line,
                        "aliases",
                        _("the name {name} is already used by intervention {other}", name=repr(n), other=repr(other)),
                        code="E121",
                    )
                )
            elif low in ids and low != item.id:
                problems.append(
                    Problem(
                        o.file,
                        o.line,
                        "aliases",
                        _("the name {name} is the id of another intervention", name=repr(n)),
                        code="E121",
                    )
                )
            names.setdefault(low, item.id)
        for ref in sorted(item.all_ref_ids() - bundle.references.keys()):
            file, line = bundle.where("intervention", item.id, _cited_at(item, ref))  # an override's own file
            problems.append(
                Problem(file, line, "references", _cites(ref), code="E130")
            )
        for rel in item.related:
            if rel not in ids:
                problems.append(
                    Problem(o.file, o.line, "related", _names(rel), code="E131")
                )
            if rel == item.id:
                problems.append(
                    Problem(o.file, o.line, "related", _("an intervention cannot be related to itself"), code="E131")
                )
    for h in bundle.head_to_head:
        o = bundle.origins[("head-to-head trial", h.id.lower())]
        for iid in h.interventions:
            if iid not in ids:
                problems.append(
                    Problem(
                        o.file, o.line, "interventions", _names(iid), code="E131"
                    )
                )
        for ref in sorted(h.all_ref_ids() - bundle.references.keys()):
            problems.append(Problem(o.file, o.line, "refs", _cites(ref), code="E130"))
    for f in bundle.faq:
        o = bundle.origins[("FAQ entry", f.id.lower())]
        for rel in f.related:
            if rel not in ids:
                problems.append(
                    Problem(o.file, o.line, "related", _names(rel), code="E131")
                )
        for ref in f.refs:
            if ref not in bundle.references:
                problems.append(
                    Problem(o.file, o.line, "refs", _cites(ref), code="E130")
                )
    for g in bundle.glossary:
        o = bundle.origins[("glossary term", g.term.lower())]
        for ref in g.refs:
            if ref not in bundle.references:
                problems.append(
                    Problem(o.file, o.line, "refs", _cites(ref), code="E130")
                )
    return problems
