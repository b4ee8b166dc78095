"""The console script as operators run it, each measurement a fresh `billing-bot` process.

- start-up: `billing-bot account show` on a missing database (parse the arguments, import the
  commands, say one line), the floor every command pays;
- `billing-bot classify` on 3,000 lines (300 with --quick): start-up, classifier ready, every
  line classified and written; lines per second over the whole run;
- `billing-bot classify` on one message of 200,000 characters (a pasted log): only its start is
  read (intents.normalize.MAX_CHARS), so it costs about what a short message costs.

These were wall-clock assertions in the test suite; timing lives here, not in tests.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINES = 3000
QUICK_LINES = 300
REPEATS = 3
QUICK_REPEATS = 1
_PHRASES = ("vorrei ridurre le licenze di GoTo Webinar a {n}", "aggiungi {n} postazioni",
            "chi è il contatto di fatturazione? ({n})", "come attivo la webcam {n}")


def _command() -> list[str]:
    script = shutil.which("billing-bot", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "bot"]


def _timed(args: list[str], stdin: str,
           folder: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    started = time.perf_counter()
    done = subprocess.run([*_command(), *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=folder, timeout=600, check=False)
    return time.perf_counter() - started, done


def _best_of(repeats: int, args: list[str], stdin: str, folder: str,
             expect_code: int = 0) -> tuple[float, float, str]:
    """Best and median seconds of `repeats` runs, and the last run's stdout."""
    seconds: list[float] = []
    out = ""
    for _ in range(repeats):
        elapsed, done = _timed(args, stdin, folder)
        if done.returncode != expect_code:
            raise SystemExit(f"billing-bot {' '.join(args)} exited {done.returncode}: "
                             f"{done.stderr.strip()}")
        seconds.append(elapsed)
        out = done.stdout
    return min(seconds), statistics.median(seconds), out


def run(quick: bool = False) -> None:
    repeats = QUICK_REPEATS if quick else REPEATS
    count = QUICK_LINES if quick else LINES
    print(f"`{' '.join(_command())}`, best and median of {repeats} run(s) each\n")
    with tempfile.TemporaryDirectory() as folder:
        missing = f"sqlite:///{Path(folder) / 'missing.db'}"
        best, median, _ = _best_of(repeats, ["account", "show", "ACC-1001", "--db", missing], "",
                                   folder, expect_code=1)
        print(f"start-up (account show, one error line): {best:.2f} s (median {median:.2f} s)",
              flush=True)

        lines = "".join(_PHRASES[n % 4].format(n=n) + "\n" for n in range(count))
        best, median, out = _best_of(repeats, ["classify"], lines, folder)
        if len(out.splitlines()) != count:
            raise SystemExit(f"classify wrote {len(out.splitlines())} lines for {count}")
        print(f"classify, {count} lines: {best:.2f} s (median {median:.2f} s), "
              f"{count / best:.0f} lines/s including start-up", flush=True)

        best_one, median_one, _ = _best_of(repeats, ["classify"], "come attivo la webcam?\n",
                                           folder)
        long_text = "voglio ridurre le licenze " + "x" * 200_000 + "\n"
        best_long, median_long, out = _best_of(repeats, ["classify"], long_text, folder)
        if json.loads(out)["intent"] != "licenses.reduce":
            raise SystemExit("the long message was not read as licenses.reduce")
        print(f"classify, one short line: {best_one:.2f} s (median {median_one:.2f} s); "
              f"one 200,000-character line: {best_long:.2f} s (median {median_long:.2f} s), "
              f"{best_long - best_one:+.2f} s for the length", flush=True)
