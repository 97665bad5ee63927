"""Where the `trdguide` command starts, as a console script or as `python -m trdguide`.

It only tunes the cyclic garbage collector, then hands over to `trdguide.cli.main`, which imports the
rest. Starting a command creates about 60,000 objects (Typer, Rich, pydantic, the knowledge base) that
live until the process ends. With the default threshold (a collection every 700 new objects) the
collector scanned them again and again: about 85 collections and 13 ms of a `compare`. A collection
every 100,000 new objects skips that at start-up and still runs in long jobs (a first load of a large
knowledge base, `site`). Nothing else changes: reference counting frees everything that is not in a
cycle, as before. Set here, not in `trdguide/__init__.py`, so that importing trdguide as a library
(the tests, a notebook) leaves the collector alone.

It also chooses the language before `trdguide.cli` is imported (`i18n.early_choice`, the command line's own
rules): Typer reads every `--help` text at that import, so `trdguide --lang es compare --help` is in Spanish.
The command line then chooses again, and reports an unknown code, exactly as before.
"""

import gc
import os
import sys


def main() -> None:
    """Run the command line (see `trdguide.cli.main`)."""
    gc.set_threshold(100_000)  # before anything heavy is imported: see the module's docstring
    from trdguide import i18n

    code = i18n.early_choice(sys.argv[1:], os.environ)
    if code is not None:  # before the command line is imported: its --help texts are read then
        i18n.set_language(code)
    from trdguide.cli import main as run

    run()


if __name__ == "__main__":
    main()
