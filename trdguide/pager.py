"""Long output on a terminal goes through a pager, as git and man do (never when piped, never for JSON).

`$PAGER` is used when set (`PAGER=cat` or an empty value turns paging off); otherwise `less` with
`LESS=FRX` (quit at once when the text fits on one screen, keep colour, leave the text on screen).

The answer is never lost to a pager: one that cannot be started or ends with an error (`PAGER=false`, a
program that is not installed) is reported on standard error and the answer is written straight to the
terminal instead. `less` without its -R (or -r) option shows colour codes as text, so it gets plain text.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

# what the terminal renderer writes besides text: colour and style (SGR) and links (OSC 8)
_ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\)")


def pager_command(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """The pager to run, or None for no pager (PAGER empty or cat, or no less on this machine)."""
    env = os.environ if environ is None else environ
    chosen = env.get("PAGER")
    if chosen is not None:
        return None if chosen.strip() in ("", "cat") else chosen
    return "less" if shutil.which("less") else None


def shows_colour(cmd: str, environ: dict[str, str] | os._Environ[str]) -> bool:
    """Whether the pager shows colour codes as colour. Only `less` is known not to by default: it needs
    -R or -r, on its command line or in LESS. Any other pager gets the colour the terminal would get."""
    try:
        words = shlex.split(cmd)
    except ValueError:
        words = cmd.split()
    if not words or os.path.basename(words[0]) != "less":
        return True
    options = [*words[1:], *environ.get("LESS", "").split()]
    for opt in options:
        if opt.startswith("--"):
            if opt.lower() == "--raw-control-chars":
                return True
        elif ("R" in opt or "r" in opt) and opt.lstrip("-").isalpha():  # one-letter options: -FRX, FRX
            return True
    return False


def plain(text: str) -> str:
    """`text` without the colour and link codes the terminal renderer adds."""
    return _ESCAPES.sub("", text)


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
    shown = text if shows_colour(cmd, env) else plain(text)
    status: int | None
    try:
        status = subprocess.run(cmd, shell=True, input=shown, text=True, env=env, check=False).returncode
    except OSError:
        status = None
    if status != 0:  # the pager could not run, or failed: the answer must still reach the reader
        from .wording import pager_failed

        sys.stderr.write(pager_failed(cmd, status) + "\n")
        sys.stdout.write(text)
