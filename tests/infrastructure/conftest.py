"""The packaged artifacts, built once per session (two ``chalice package`` runs and the layer,
which is cached under ``build/`` after the first build)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from infra.package import Package, package


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "packaged: needs the packaged template and zips (built once per session)"
    )


@pytest.fixture(scope="session")
def dev_package(tmp_path_factory: pytest.TempPathFactory) -> Package:
    return package("dev", tmp_path_factory.mktemp("package") / "dev", log=False)


@pytest.fixture(scope="session")
def prod_package(tmp_path_factory: pytest.TempPathFactory) -> Package:
    return package("prod", tmp_path_factory.mktemp("package") / "prod", log=False)


@pytest.fixture(scope="session")
def template(dev_package: Package) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(dev_package.template.read_text())
    return loaded


@pytest.fixture(scope="session")
def prod_template(prod_package: Package) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(prod_package.template.read_text())
    return loaded
