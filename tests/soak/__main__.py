"""``make soak``: ``python -m tests.soak [--writes 10000] [--clients 4]``; exits 1 on a loss."""

from __future__ import annotations

import argparse
import sys

from tests.soak.harness import run_soak


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.soak")
    parser.add_argument("--writes", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    report = run_soak(args.writes, args.clients)
    print("\n".join(report.lines()))
    problems = report.problems()
    print("  result: " + ("ZERO LOST, all counts agree" if not problems else "; ".join(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
