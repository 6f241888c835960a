"""``make bench``: every benchmark, one after another. Prints figures; asserts nothing."""

from __future__ import annotations

from benchmarks import cold_start, fanout, imports, startup


def main() -> None:
    cold_start.main()
    print()
    startup.main()
    print()
    fanout.main()
    print()
    imports.main()


if __name__ == "__main__":
    main()
