"""The OpenAPI 3.1 document, generated from the routes' ``RouteDoc``s: the same pydantic models
the handlers validate with, never written by hand. A pure function of its input."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic.json_schema import JsonSchemaValue, models_json_schema

from functions.api.openapi_operations import BEARER, operation_of
from functions.api.openapi_responses import REF_TEMPLATE, SchemaKey
from functions.api.openapi_websocket import WEBSOCKET, WEBSOCKET_DESCRIPTION
from functions.api.routing import ApiRoutes, RouteDoc
from functions.api.schemas.common import ErrorResponse

__all__ = ["REF_TEMPLATE", "openapi_document"]

OPENAPI_VERSION = "3.1.0"

_METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")

DESCRIPTION = (
    """\
JSON in and out (UTF-8), timestamps in RFC 3339 UTC, ids opaque strings.

Every route but register, login, refresh and these docs needs `Authorization: Bearer \
<access_token>`. Errors are `{"error": {"code", "message", "details"}}` with the right status.
Lists take `?limit=` (1..100, default 25) and `?cursor=` and answer `{"items", "next_cursor"}`.

"""
    + WEBSOCKET_DESCRIPTION
)


def openapi_document(
    groups: Sequence[ApiRoutes],
    *,
    title: str,
    version: str,
    servers: Sequence[Mapping[str, str]] = (),
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every route of ``groups``, in a deterministic order."""
    docs = [doc for group in groups for doc in group.docs]
    refs, schemas = _schemas(docs)
    paths: dict[str, dict[str, Any]] = {}
    operation_ids: set[str] = set()
    for doc in docs:
        operation = operation_of(doc, refs, schemas)
        if operation["operationId"] in operation_ids:
            raise ValueError(f"Two routes share the operation id {operation['operationId']!r}.")
        operation_ids.add(operation["operationId"])
        methods = paths.setdefault(doc.path, {})
        if doc.method.lower() in methods:
            raise ValueError(f"{doc.method} {doc.path} is declared twice.")
        methods[doc.method.lower()] = operation
    tags = list(dict.fromkeys(group.tag for group in groups))
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version, "description": DESCRIPTION},
        "servers": [dict(server) for server in servers],
        "tags": [{"name": tag} for tag in tags],
        "paths": {
            path: {method: paths[path][method] for method in _METHODS if method in paths[path]}
            for path in sorted(paths)
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                BEARER: {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
        "x-websocket": copy.deepcopy(WEBSOCKET),
    }
    if not servers:
        del document["servers"]
    return document


def _schemas(docs: Sequence[RouteDoc]) -> tuple[dict[SchemaKey, JsonSchemaValue], dict[str, Any]]:
    """JSON Schemas of every model: requests as validated, responses as serialised."""
    keys: set[SchemaKey] = {(ErrorResponse, "serialization")}
    for doc in docs:
        keys.update((model, "validation") for model in (doc.body, doc.query) if model)
        if doc.response is not None:
            keys.add((doc.response, "serialization"))
    ordered = sorted(keys, key=lambda key: (key[0].__module__, key[0].__qualname__, key[1]))
    refs, top = models_json_schema(ordered, ref_template=REF_TEMPLATE)
    return {key: refs[key] for key in ordered}, dict(sorted(top.get("$defs", {}).items()))
