"""The runtime's log keeps its own and the app's records, and libraries' warnings only."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import botocore
import pytest

import functions
from infra.local_runtime.logs import QuietLibraries, configure_logging
from infra.local_runtime.settings import PROJECT_DIR


def record(name: str, level: int = logging.INFO) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, "message", None, None)


@pytest.mark.parametrize(
    ("name", "level", "shown"),
    [
        ("local_runtime.streams", logging.INFO, True),
        ("functions.contact_history.handler", logging.INFO, True),
        ("root", logging.INFO, True),
        ("botocore.credentials", logging.INFO, False),
        ("pynamodb.settings", logging.INFO, False),
        ("pynamodb.settings", logging.WARNING, True),
        ("aiohttp.server", logging.ERROR, True),
        ("never_imported_anywhere", logging.INFO, False),
    ],
)
def test_libraries_show_only_warnings(name: str, level: int, shown: bool) -> None:
    assert functions.__name__  # imported, so decidable
    assert botocore.__name__
    assert QuietLibraries([PROJECT_DIR]).filter(record(name, level)) is shown


@pytest.fixture
def root_logging() -> Iterator[None]:
    handlers, level = logging.root.handlers[:], logging.root.level
    yield
    logging.root.handlers[:] = handlers
    logging.root.setLevel(level)


@pytest.mark.usefixtures("root_logging")
@pytest.mark.parametrize(("verbose", "filtered"), [(False, True), (True, False)])
def test_verbose_shows_everything(verbose: bool, filtered: bool) -> None:
    configure_logging(verbose, [Path(PROJECT_DIR)])
    [handler] = logging.root.handlers
    assert any(isinstance(f, QuietLibraries) for f in handler.filters) is filtered
    assert logging.root.level == logging.INFO
