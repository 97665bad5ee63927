"""Where the bundled knowledge base lives (no heavy imports: used on the fast start path)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_data_dir() -> Path:
    """The knowledge base shipped with trdguide.

    In an installed wheel it is the package's `data/` folder; in an editable install or a source
    checkout it is the repository's top-level `data/` folder.
    """
    packaged = resources.files("trdguide") / "data"
    if isinstance(packaged, Path) and (packaged / "interventions").is_dir():
        return packaged
    try:
        with resources.as_file(packaged) as p:
            if (p / "interventions").is_dir():
                return p
    except (FileNotFoundError, TypeError):  # pragma: no cover - unusual resource loaders
        pass
    return Path(__file__).resolve().parent.parent / "data"
