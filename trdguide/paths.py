"""Where the bundled knowledge base lives (no heavy imports: used on the fast start path)."""

from __future__ import annotations

from pathlib import Path


def bundled_data_dir() -> Path:
    """The knowledge base shipped with trdguide.

    In an installed wheel it is the package's `data/` folder; in an editable install or a source
    checkout it is the repository's top-level `data/` folder. (Plain paths rather than
    importlib.resources, which costs a few milliseconds to import: the knowledge base must be real
    files anyway, since the cache key is built from their contents.)
    """
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if (packaged / "interventions").is_dir():
        return packaged
    return here.parent / "data"
