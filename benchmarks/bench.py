"""Start-up and scale benchmark for trdguide (stdlib only; not part of the test suite).

Runs each program several times, alternating between the baselines and trdguide so that machine load
affects all of them alike, and prints medians, min-max, peak memory and ratios against baselines
measured in the same run. The "minimal Typer completion" row is the least any Typer app's shell
completion costs (see MINIMAL_COMPLETION), for reading trdguide's completion figure against.

    python benchmarks/bench.py [--runs 9] [--records 5000] [--skip-large]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MINIMAL_TYPER = """
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()

@app.command()
def main(name: str = "x") -> None:
    t = Table("Option", "Status")
    t.add_row("rTMS", "cleared")
    t.add_row("ECT", "cleared")
    Console().print(t)

app()
"""
# The least any Typer completion costs: the same kind of app answering a completion request, started and
# ended the way trdguide is (collector threshold raised, no interpreter teardown). Typer builds a pydantic
# adapter for each option it parses, while completing too, so this includes importing pydantic.
MINIMAL_COMPLETION = """
import gc
import os
import sys

gc.set_threshold(100_000)
import typer

app = typer.Typer()

@app.command()
def main(name: str = "x") -> None:
    pass

try:
    app(prog_name="minimal")
finally:
    sys.stdout.flush()
    os._exit(0)
"""


# every option, grouped by what the reader would rather avoid (reads every record; compare reads two)
WEIGH = "trdguide weigh --avoid .. --matters .."
# the same grid in Spanish: reads the compiled catalog (gettext) and the overlays of data/i18n/es
LANG_ES = "trdguide --lang es compare tms ketamine"


def trdguide_cmd() -> list[str]:
    exe = shutil.which("trdguide")
    return [exe] if exe else [sys.executable, "-m", "trdguide"]


def bytecode_warning(cmd: list[str]) -> str | None:
    """A warning when trdguide's modules have no current .pyc (e.g. an editable install with
    PYTHONDONTWRITEBYTECODE=1): every start would then compile them, which users of `pip install .`
    never pay, and the figures would be too high."""
    python = Path(cmd[0]).with_name("python") if len(cmd) == 1 else Path(cmd[0])
    probe = (
        "import importlib.util, os, trdguide.cli as m\n"
        "pyc = importlib.util.cache_from_source(m.__file__)\n"
        "print(os.path.exists(pyc) and os.path.getmtime(pyc) >= os.path.getmtime(m.__file__))"
    )
    try:
        out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    if out.strip() == "True":
        return None
    return "warning: trdguide's modules have no current .pyc, so each run compiles them; measure a `pip install .`"


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    # read stderr to its end before waiting: a child that writes more than a pipe holds would block
    err = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--skip-large", action="store_true")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="trdguide-bench-"))
    minimal = tmp / "minimal_typer.py"
    minimal.write_text(MINIMAL_TYPER)
    minimal_completion = tmp / "minimal_completion.py"
    minimal_completion.write_text(MINIMAL_COMPLETION)
    # English unless a row asks for another language, whatever the machine's locale
    env = dict(os.environ, NO_COLOR="1", XDG_CACHE_HOME=str(tmp / "cache"), TRDGUIDE_LANG="en")
    tg = trdguide_cmd()
    warning = bytecode_warning(tg)
    if warning:
        print(warning)
    complete_env = dict(env, _TRDGUIDE_COMPLETE="complete_bash", COMP_WORDS="trdguide show r", COMP_CWORD="2")

    cases: list[tuple[str, list[str], dict[str, str]]] = [
        ("python -c pass", [sys.executable, "-c", "pass"], env),
        ("minimal Typer + Rich table", [sys.executable, str(minimal)], env),
        (
            "minimal Typer completion, no teardown",
            [sys.executable, str(minimal_completion)],
            dict(env, _MINIMAL_COMPLETE="complete_bash", COMP_WORDS="minimal --n", COMP_CWORD="1"),
        ),
        ("trdguide --version", [*tg, "--version"], env),
        ("trdguide --help", [*tg, "--help"], env),
        ("trdguide completion (show r<TAB>)", tg, complete_env),
        ("trdguide compare tms ketamine", [*tg, "compare", "tms", "ketamine"], env),
        (LANG_ES, [*tg, "--lang", "es", "compare", "tms", "ketamine"], env),
        (WEIGH, [*tg, "weigh", "--avoid", "anaesthesia,weekday-visits", "--matters", "soon,side-effects"], env),
        ("trdguide list", [*tg, "list"], env),
        ("trdguide faq", [*tg, "faq"], env),
        ("trdguide faq spravato drive", [*tg, "faq", "spravato", "drive"], env),
        ("trdguide search is ketamine addictive", [*tg, "search", "is", "ketamine", "addictive"], env),
    ]
    if not args.skip_large:
        big = tmp / "big"
        subprocess.run(
            [sys.executable, str(HERE / "make_kb.py"), str(big), "--records", str(args.records)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        cold_env = dict(env, XDG_CACHE_HOME=str(tmp / "cold"))
        first = run_once([*tg, "--data", str(big), "compare", "tms", "ketamine"], cold_env)
        print(
            f"first run, {args.records} records, cold cache: {first[0] * 1000:.0f} ms, peak {first[1] / 1024:.1f} MiB"
        )
        cases += [
            (
                f"compare, {args.records} records (warm cache)",
                [*tg, "--data", str(big), "compare", "tms", "ketamine"],
                env,
            ),
            (f"list, {args.records} records (warm cache)", [*tg, "--data", str(big), "list"], env),
        ]
        for _, cmd, e in cases[-2:]:
            run_once(cmd, e)  # warm the cache

    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    mem: dict[str, int] = {name: 0 for name, _, _ in cases}
    for _name, cmd, e in cases:  # one warm-up each (file system cache, .pyc)
        run_once(cmd, e)
    for _ in range(args.runs):
        for name, cmd, e in cases:
            t, rss = run_once(cmd, e)
            times[name].append(t)
            mem[name] = max(mem[name], rss)

    med = {name: statistics.median(v) for name, v in times.items()}
    base_py = med["python -c pass"]
    base_typer = med["minimal Typer + Rich table"]
    bundled_compare = med["trdguide compare tms ketamine"]
    print(f"\n{'program':44} {'median':>8} {'min-max':>15} {'peak MiB':>9} {'/typer':>7} {'/python':>8}")
    for name in times:
        lo, hi = min(times[name]), max(times[name])
        print(
            f"{name:44} {med[name] * 1000:6.0f}ms {lo * 1000:6.0f}-{hi * 1000:<6.0f}ms "
            f"{mem[name] / 1024:8.1f} {med[name] / base_typer:7.2f} {med[name] / base_py:8.1f}"
        )
    for name in ("trdguide faq spravato drive", "trdguide search is ketamine addictive"):
        print(f"{name} / bundled compare: {med[name] / bundled_compare:.2f}")
    print(f"\n{WEIGH} / bundled compare: {med[WEIGH] / bundled_compare:.2f}")
    print(f"{LANG_ES} / bundled compare: {med[LANG_ES] / bundled_compare:.2f}")
    if not args.skip_large:
        for name in times:
            if "records" in name and "compare" in name:
                print(f"\n{name} / bundled compare: {med[name] / bundled_compare:.2f}")
    print(f"\n{args.runs} runs each, alternating; ratios are medians measured in this run.")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
