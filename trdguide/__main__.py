"""Where the `trdguide` command starts, as a console script or as `python -m trdguide`.

It only tunes the cyclic garbage collector, then hands over to `trdguide.cli.main`, which imports the
rest. Starting a command creates about 60,000 objects (Typer, Rich, pydantic, the knowledge base) that
live until the process ends. With the default threshold (a collection every 700 new objects) the
collector scanned them again and again: about 85 collections and 13 ms of a `compare`. A collection
every 100,000 new objects skips that at start-up and still runs in long jobs (a first load of a large
knowledge base, `site`). Nothing else changes: reference counting frees everything that is not in a
cycle, as before. Set here, not in `trdguide/__init__.py`, so that importing trdguide as a library
(the tests, a notebook) leaves the collector alone.
"""

import gc


def main() -> None:
    """Run the command line (see `trdguide.cli.main`)."""
    gc.set_threshold(100_000)  # before anything heavy is imported: see the module's docstring
    from trdguide.cli import main as run

    run()


if __name__ == "__main__":
    main()
