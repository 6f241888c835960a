"""The runtime's log: one handler on stdout, with the runtime's and the app's own records
and only the warnings and errors of libraries (boto3, PynamoDB, aiohttp...), unless
``--verbose``."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-5s %(name)s: %(message)s"
FIRST_PARTY = ("local_runtime", "root", "__main__")
"""Loggers of the runtime itself, and records logged on the root logger."""
_LIBRARY_DIRS = {".venv", "site-packages", "dist-packages", "vendor"}
"""Where a module inside the project is still a library (``vendor/``: Chalice's)."""


class QuietLibraries(logging.Filter):
    """Lets a record through if it is a warning or worse, or comes from a logger named
    after a module of the project (one imported from under ``project_dirs``)."""

    def __init__(self, project_dirs: Iterable[Path]):
        super().__init__()
        self._dirs = [d.resolve() for d in project_dirs]
        self._first_party: dict[str, bool] = dict.fromkeys(FIRST_PARTY, True)

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or self.is_first_party(record.name)

    def is_first_party(self, logger_name: str) -> bool:
        top = logger_name.split(".")[0]
        known = self._first_party.get(top)
        if known is not None:
            return known
        module = sys.modules.get(top)
        if module is None:
            return False  # not imported (yet): decided again next time
        path = getattr(module, "__file__", None) or next(iter(getattr(module, "__path__", [])), "")
        resolved = Path(path).resolve() if path else None
        mine = resolved is not None and any(
            resolved.is_relative_to(d) and not _LIBRARY_DIRS & set(resolved.parts)
            for d in self._dirs
        )
        self._first_party[top] = mine
        return mine


def configure_logging(verbose: bool, project_dirs: Iterable[Path]) -> None:
    logging.basicConfig(level=logging.INFO, format=FORMAT, stream=sys.stdout, force=True)
    if not verbose:
        for handler in logging.root.handlers:
            handler.addFilter(QuietLibraries(project_dirs))
