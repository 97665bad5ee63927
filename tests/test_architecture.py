"""The layers of docs/architecture.md, checked against the imports (including those inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "trdguide"

# every module of the package but the translation hook (a standard-library module every layer may use)
_ALL_BUT_I18N = sorted(
    p.stem if p.name != "__init__.py" else p.parent.name
    for p in [*PACKAGE.glob("*.py"), *PACKAGE.glob("*/__init__.py")]
    if p.stem not in ("i18n", "__init__", "__main__") or p.name == "__init__.py"
)

# module (or package prefix) -> what it must never import
NEVER = {
    "trdguide.vocab": {"pydantic", "rich", "typer", "yaml", "trdguide"},
    "trdguide.folding": {"pydantic", "rich", "typer", "yaml", "trdguide"},
    # the translation hook: every module may import it, so it imports none of them
    "trdguide.i18n": {"pydantic", "rich", "typer", "yaml", "trdguide"},
    # small standard-library helpers on the start path, and `framing.safe` for the renderers
    "trdguide.paths": {"pydantic", "rich", "typer", "yaml", "trdguide"},
    "trdguide.errors": {"pydantic", "rich", "typer", "yaml", *(f"trdguide.{m}" for m in _ALL_BUT_I18N)},
    "trdguide.framing": {"pydantic", "rich", "typer", "yaml", "trdguide"},
    "trdguide.schemas": {"rich", "typer", "yaml", "trdguide.knowledge", "trdguide.render", "trdguide.cli"},
    "trdguide.regions": {"pydantic", "rich", "typer", "yaml", "trdguide.knowledge", "trdguide.render"},
    "trdguide.models": {"rich", "typer", "yaml", "trdguide.knowledge", "trdguide.loader", "trdguide.render"},
    "trdguide.summaries": {"rich", "typer", "yaml", "trdguide.knowledge", "trdguide.loader", "trdguide.render"},
    "trdguide.views": {"rich", "typer", "yaml", "trdguide.knowledge", "trdguide.loader", "trdguide.wording"},
    "trdguide.wording": {
        "rich",
        "typer",
        "yaml",
        "trdguide.knowledge",
        "trdguide.loader",
        "trdguide.cache",
        "trdguide.render",
        "trdguide.lint",
    },
    "trdguide.findings": {"rich", "typer", "yaml", "trdguide.loader", "trdguide.render"},
    "trdguide.knowledge": {"rich", "typer", "trdguide.wording", "trdguide.render", "trdguide.lint", "trdguide.cli"},
    "trdguide.ipdas": {"rich", "typer", "trdguide.wording", "trdguide.render", "trdguide.lint", "trdguide.cli"},
    "trdguide.weighing": {"rich", "typer", "trdguide.wording", "trdguide.render", "trdguide.lint", "trdguide.cli"},
    "trdguide.kinds": {"rich", "typer", "yaml", "trdguide.knowledge", "trdguide.loader", "trdguide.render"},
    "trdguide.loader": {"rich", "typer", "trdguide.knowledge", "trdguide.render", "trdguide.cli"},
    "trdguide.cache": {"rich", "typer", "trdguide.knowledge", "trdguide.render", "trdguide.cli"},
    # the overlays of data/i18n/LANG/, laid over the loaded English: the loading layer
    "trdguide.overlays": {"rich", "typer", "trdguide.knowledge", "trdguide.render", "trdguide.cli", "trdguide.lint"},
    # the search index is built from validated records and kept in the cache: the loading layer
    "trdguide.search": {
        "pydantic",
        "rich",
        "typer",
        "yaml",
        "trdguide.knowledge",
        "trdguide.loader",
        "trdguide.wording",
        "trdguide.render",
        "trdguide.cli",
    },
    "trdguide.lint": {"rich", "typer", "trdguide.render", "trdguide.cli"},
    "trdguide.render": {
        "typer",
        "trdguide.knowledge",
        "trdguide.loader",
        "trdguide.cache",
        "trdguide.lint",
        "trdguide.cli",
    },
}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it, as an absolute name."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)  # `from . import wording`
    return out


def rules_for(name: str) -> set[str]:
    found = set()
    for prefix, banned in NEVER.items():
        if name == prefix or name.startswith(prefix + "."):
            found |= banned
    return found


def _hits(imported: set[str], banned: set[str]) -> list[str]:
    return sorted(m for m in imported for b in banned if m == b or m.startswith(b + "."))


# the interface layer may import everything above it: it has no rule to check
INTERFACE = ("trdguide", "trdguide.__main__", "trdguide.cli", "trdguide.pager")
LAYERED = sorted(p for p in PACKAGE.rglob("*.py") if module_name(p) not in INTERFACE)


@pytest.mark.parametrize("path", LAYERED, ids=lambda p: module_name(p))
def test_imports_point_one_way(path: Path) -> None:
    name = module_name(path)
    imported = {m for m in imports(path) if m != name and not m.startswith(name + ".")}
    banned = rules_for(name)
    assert banned, f"{name} has no rule to check"
    if name in ("trdguide.vocab", "trdguide.folding", "trdguide.i18n"):  # the bottom layer: nothing of the package
        imported = {m for m in imported if m.startswith("trdguide")}
        assert imported == set(), f"{name} imports {sorted(imported)}"
        return
    assert _hits(imported, banned) == [], f"{name} imports what its layer must not (docs/architecture.md)"


def test_every_module_has_a_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        if name in INTERFACE:
            continue
        assert rules_for(name), f"{name} is in no layer of docs/architecture.md: add it to NEVER here and there"


def test_no_module_hides_the_translation_hook() -> None:
    """A module that imports `_` from i18n never binds `_` itself (`x, _ = ...`, `for _ in ...`): inside that
    function `_("...")` would call the wrong thing. Comprehensions have their own scope and may."""
    hidden = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses_hook = any(
            isinstance(n, ast.ImportFrom) and (n.module or "").endswith("i18n") and any(a.name == "_" for a in n.names)
            for n in ast.walk(tree)
        )
        if not uses_hook:
            continue
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, (ast.Assign, ast.For, ast.With)):
                targets = (
                    node.targets
                    if isinstance(node, ast.Assign)
                    else [node.target]
                    if isinstance(node, ast.For)
                    else [i.optional_vars for i in node.items if i.optional_vars is not None]
                )
            for t in targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name) and n.id == "_":
                        hidden.append(f"{path.relative_to(PACKAGE.parent)}:{n.lineno}")
    assert hidden == []
