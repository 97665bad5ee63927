"""Long output on a terminal goes through a pager, as git and man do (never when piped, never for JSON).

`$PAGER` is used when set (`PAGER=cat` or an empty value turns paging off); otherwise `less` with
`LESS=FRX` (quit at once when the text fits on one screen, keep colour, leave the text on screen).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys


def pager_command(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """The pager to run, or None for no pager (PAGER empty or cat, or no less on this machine)."""
    env = os.environ if environ is None else environ
    chosen = env.get("PAGER")
    if chosen is not None:
        return None if chosen.strip() in ("", "cat") else chosen
    return "less" if shutil.which("less") else None


def page(text: str) -> None:
    """Show `text`: straight to the terminal when it fits on one screen, else through the pager."""
    height = shutil.get_terminal_size((80, 24)).lines
    cmd = pager_command()
    if cmd is None or text.count("\n") < height:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        subprocess.run(cmd, shell=True, input=text, text=True, env=env, check=False)
    except OSError:
        sys.stdout.write(text)
