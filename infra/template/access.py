"""What each function may touch, derived from the settings models its code loads.

A function learns a table's name only through its settings model (a field aliased to the
table's ``env_var``), so the tables named by the settings models of the function's package
under ``functions/`` are the tables it may use. A model that is a ``SigningSecretSettings``
reads the signing secret; one with ``WEBSOCKET_MANAGEMENT_ENDPOINT`` posts to connections.
Stream functions also read their source stream (see ``iam.py``). Two kinds are fixed: the
authorizer needs only the secret, and the REST handler, which serves every resource, may use
every table.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

from chalice.app import Chalice

from core.settings import FunctionSettings, SigningSecretSettings
from infra.tables import TABLES
from infra.template.functions import AppFunction, FunctionKind

MANAGEMENT_ENDPOINT_VARIABLE = "WEBSOCKET_MANAGEMENT_ENDPOINT"


@dataclass(frozen=True)
class FunctionAccess:
    tables: frozenset[str] = field(default_factory=frozenset)
    """Logical keys of the tables it reads and writes (and their indexes)."""
    signing_secret: bool = False
    manage_connections: bool = False


OVERRIDES: dict[str, FunctionAccess] = {}
"""Access by handler name, for a function whose settings models cannot be found."""


class NoSettingsFound(RuntimeError):
    """A function's package declares no ``FunctionSettings`` model to derive access from."""


def access_of(function: AppFunction, app: Chalice) -> FunctionAccess:
    if function.name in OVERRIDES:
        return OVERRIDES[function.name]
    if function.kind is FunctionKind.AUTHORIZER:
        return FunctionAccess(signing_secret=True)
    packages = packages_of(function, app)
    models = settings_models(packages)
    if not models:
        raise NoSettingsFound(
            f"{function.logical_id} ({function.handler}): no FunctionSettings model found in "
            f"{sorted(packages) or 'any functions/ package'}; add one to its wiring module or "
            "declare its access in infra/template/access.py OVERRIDES"
        )
    access = access_from_models(models)
    if function.kind is FunctionKind.REST_API:
        return replace(access, tables=frozenset(spec.key for spec in TABLES))
    return access


def access_from_models(models: Iterable[type[FunctionSettings]]) -> FunctionAccess:
    models = list(models)
    variables = {
        info.alias for model in models for info in model.model_fields.values() if info.alias
    }
    return FunctionAccess(
        tables=frozenset(spec.key for spec in TABLES if spec.env_var in variables),
        signing_secret=any(issubclass(model, SigningSecretSettings) for model in models),
        manage_connections=MANAGEMENT_ENDPOINT_VARIABLE in variables,
    )


def packages_of(function: AppFunction, app: Chalice) -> set[str]:
    """The ``functions.<name>`` packages whose code the function runs."""
    if function.kind is FunctionKind.REST_API:
        modules = {
            entry.view_function.__module__
            for methods in app.routes.values()
            for entry in methods.values()
        }
    elif function.code is None:
        modules = set()
    else:
        modules = {function.code.__module__} | _imported_modules(function.code)
    return {package for package in map(_package_of, modules) if package}


def settings_models(packages: Iterable[str]) -> list[type[FunctionSettings]]:
    found: dict[str, type[FunctionSettings]] = {}
    for package in sorted(packages):
        for module in _modules_of(importlib.import_module(package)):
            for value in vars(module).values():
                if (
                    inspect.isclass(value)
                    and issubclass(value, FunctionSettings)
                    and value.__module__ == module.__name__
                ):
                    found[f"{module.__name__}.{value.__name__}"] = value
    return [found[name] for name in sorted(found)]


def _package_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "functions" or len(parts) < 2:
        return None
    return ".".join(parts[:2])


def _imported_modules(code: Callable[..., Any]) -> set[str]:
    """Modules a handler imports in its body (``app.py`` handlers import lazily)."""
    try:
        source = textwrap.dedent(inspect.getsource(code))
    except (OSError, TypeError):
        return set()
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def _modules_of(package: ModuleType) -> list[ModuleType]:
    modules = [package]
    search_path = getattr(package, "__path__", None)
    if search_path is None:
        return modules
    for info in pkgutil.walk_packages(search_path, prefix=package.__name__ + "."):
        modules.append(importlib.import_module(info.name))
    return modules
