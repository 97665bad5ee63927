"""Catalogs and overlays, for developers and translators (docs/i18n.md). Needs Babel (test extras).

    python scripts/i18n.py update            extract the program's sentences, update every language's .po
    python scripts/i18n.py compile           compile every .po to its .mo (commit both)
    python scripts/i18n.py check             fail if a .mo differs from its .po compiled again
    python scripts/i18n.py skeleton LANG FILE  print the release-scope fields of a data file (data/FILE) as
                                             an overlay to fill in: English text as comments, digests set
    python scripts/i18n.py digests LANG      set the `en` digest of every overlay field that has Spanish
                                             text but no digest (only right after translating or checking)
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "trdguide" / "locale"
POT = LOCALE / "trdguide.pot"
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT))

from trdguide import __version__, kinds  # noqa: E402
from trdguide.i18n import digest  # noqa: E402

# the release scope (docs/i18n.md), from the package: field patterns per kind of file; `*` is any key or index
SCOPE: dict[str, tuple[str, ...]] = kinds.TRANSLATED
# how a list file's entries are named (kinds.py): FAQ and head-to-head by id, glossary by term, crisis by service
ENTRY_KEY = {k.path: k.key for k in kinds.LISTS if k.path in SCOPE}


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def update() -> None:
    _pybabel("extract", "-F", "babel.cfg", "-c", "Translators:", "--no-location", "--sort-output",
             # babel.cfg's patterns are relative to the root
             "--project", "trdguide", "--version", __version__, "-o", str(POT), ".")
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/trdguide.po")):
        _pybabel("update", "-i", str(POT), "-o", str(po), "-l", po.parent.parent.name, "--no-fuzzy-matching")


def _compiled(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        catalog = read_po(fh, locale=po.parent.parent.name)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_all() -> None:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/trdguide.po")):
        po.with_suffix(".mo").write_bytes(_compiled(po))
        print(f"compiled {po.relative_to(ROOT)}")


def check() -> int:
    bad = [po for po in sorted(LOCALE.glob("*/LC_MESSAGES/trdguide.po"))
           if not po.with_suffix(".mo").is_file() or po.with_suffix(".mo").read_bytes() != _compiled(po)]
    for po in bad:
        print(f"{po.relative_to(ROOT)}: its .mo is missing or stale: python scripts/i18n.py compile")
    return 1 if bad else 0


def _walk(value: Any, path: str = ""):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}.{i}" if path else str(i))
    elif isinstance(value, str):
        yield path, value


def _in_scope(kind: str, path: str) -> bool:
    return kinds.in_release_scope(kind, path)


def _kind(rel: str) -> str:
    return rel.split("/")[0] if "/" in rel else rel


def skeleton(lang: str, rel: str) -> None:
    import yaml

    kind = _kind(rel)
    raw = yaml.safe_load((DATA / rel).read_text(encoding="utf-8"))
    out = ["translation:", f"  language: {lang}", "  translated: YYYY-MM-DD", "  method: >-", "    ...",
           "  clinician_review: none"]

    def fields(record: dict[str, Any], indent: str) -> None:
        for path, text in _walk(record):
            if _in_scope(kind, path):
                out.append(f"{indent}# EN: " + " ".join(text.split()))
                out.append(f"{indent}{path}:")
                out.append(f"{indent}  en: '{digest(text)}'")
                out.append(f"{indent}  es: ")

    if kind in ENTRY_KEY:
        out.append("entries:")
        for entry in raw:
            out.append(f"  {yaml.safe_dump(str(entry[ENTRY_KEY[kind]]), allow_unicode=True).splitlines()[0]}:")
            fields(entry, "    ")
    else:
        out.append("fields:")
        fields(raw, "  ")
    print("\n".join(out))


def digests(lang: str) -> None:
    """Fill in missing `en` digests: the English text at each field path, digested."""
    import yaml

    for path in sorted((DATA / "i18n" / lang).rglob("*.yaml")):
        rel = path.relative_to(DATA / "i18n" / lang).as_posix()
        if rel == "terms.yaml":
            continue
        kind = _kind(rel)
        english = yaml.safe_load((DATA / rel).read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        overlay = yaml.safe_load(text)
        if kind in ENTRY_KEY:
            src = {str(e[ENTRY_KEY[kind]]): dict(_walk(e)) for e in english}
            targets = [(key, fpath) for key, fs in (overlay.get("entries") or {}).items() for fpath in fs]
        else:
            src = {"": dict(_walk(english))}
            targets = [("", fpath) for fpath in (overlay.get("fields") or {})]
        lines = text.splitlines()
        for key, fpath in targets:
            en = src.get(str(key), {}).get(fpath)
            if en is None:
                print(f"{rel}: {key + ' ' if key else ''}{fpath}: no such English field", file=sys.stderr)
                continue
            # the `en:` line following this field's key line, if it is empty or a placeholder
            for i, line in enumerate(lines):
                if line.strip() == f"{fpath}:" and (not key or _under_entry(lines, i, str(key))):
                    j = i + 1
                    while j < len(lines) and not lines[j].strip().startswith(("en:", "es:")):
                        j += 1
                    if j < len(lines) and lines[j].strip().startswith("en:"):
                        current = lines[j].split(":", 1)[1].strip()
                        if current in ("", "~", "null", "TODO"):
                            lines[j] = lines[j].split("en:")[0] + f"en: '{digest(en)}'"
                    break
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _under_entry(lines: list[str], i: int, key: str) -> bool:
    indent = len(lines[i]) - len(lines[i].lstrip())
    for j in range(i - 1, -1, -1):
        line = lines[j]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip()) < indent:
            name = line.strip().rstrip(":").strip("'\"")
            return name == key
    return False


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd, *rest = argv
    if cmd == "update":
        update()
    elif cmd == "compile":
        compile_all()
    elif cmd == "check":
        return check()
    elif cmd == "skeleton" and len(rest) == 2:
        skeleton(*rest)
    elif cmd == "digests" and len(rest) == 1:
        digests(rest[0])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
