"""`python -m benchmarks`: runs every benchmark module listed in MODULES, in order.

Each module exposes `run(quick: bool) -> None` and prints its own figures. Add a line to MODULES
for a new benchmark. `python -m benchmarks NAME…` runs only those; `--quick` runs small sizes.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

MODULES: tuple[str, ...] = (
    "classify",
    "cli",
    "slack_ack",
    "slack_compare",
    "profile",
    "commits",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of {', '.join(MODULES)}")
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(MODULES))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    for name in args.names or MODULES:
        started = time.perf_counter()
        print(f"== benchmark {name} ==", flush=True)
        importlib.import_module(f"benchmarks.{name}").run(quick=args.quick)
        print(f"== {name}: {time.perf_counter() - started:.1f} s ==\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
