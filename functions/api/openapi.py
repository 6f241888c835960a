"""The OpenAPI 3.1 document, generated from the routes' ``RouteDoc``s: the same pydantic models
the handlers validate with, never written by hand. A pure function of its input."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, JsonSchemaValue, models_json_schema

from functions.api.idempotency import IDEMPOTENCY_KEY_PATTERN
from functions.api.openapi_websocket import WEBSOCKET, WEBSOCKET_DESCRIPTION
from functions.api.routing import JSON, ApiRoutes, RouteDoc
from functions.api.schemas.common import ErrorResponse
from functions.api.versioning import IF_MATCH_PATTERN

OPENAPI_VERSION = "3.1.0"
REF_TEMPLATE = "#/components/schemas/{model}"
BEARER = "bearerAuth"

_PATH_PARAMETER = re.compile(r"\{(\w+)\+?\}")
_METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")
_STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No content",
    400: "Malformed input: not JSON, a forged cursor, an unsupported value",
    401: "No, expired or forged access token",
    403: "Not allowed",
    404: "Not found (also for resources the caller may not know exist)",
    409: "Conflict with the current state",
    412: "`If-Match` does not match the current version",
    413: "Body too large",
    415: "Unsupported media type",
    422: "Validation failed; `details` name each field",
    429: "Rate limited; retry after `Retry-After` seconds",
}
_REQUEST_HEADERS = {
    "Idempotency-Key": (
        "Repeating a create with the same key and body within 24 h returns the first "
        "response and creates nothing new."
    ),
    "If-Match": 'The `ETag` of the version being changed (`"<version>"`); a mismatch is 412.',
}
_HEADER_SCHEMAS = {
    "Idempotency-Key": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN},
    "If-Match": {"type": "string", "pattern": IF_MATCH_PATTERN},
}
_RESPONSE_HEADERS = {"ETag": 'The version of the resource, `"<version>"`.'}
_RETRY_AFTER = {"description": "Seconds to wait", "schema": {"type": "integer", "minimum": 0}}

DESCRIPTION = (
    """\
JSON in and out (UTF-8), timestamps in RFC 3339 UTC, ids opaque strings.

Every route but register, login, refresh and these docs needs `Authorization: Bearer \
<access_token>`. Errors are `{"error": {"code", "message", "details"}}` with the right status.
Lists take `?limit=` (1..100, default 25) and `?cursor=` and answer `{"items", "next_cursor"}`.

"""
    + WEBSOCKET_DESCRIPTION
)

_SchemaKey = tuple[type[BaseModel], JsonSchemaMode]


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
        operation = _operation(doc, refs, schemas)
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


def _schemas(docs: Sequence[RouteDoc]) -> tuple[dict[_SchemaKey, JsonSchemaValue], dict[str, Any]]:
    """JSON Schemas of every model: requests as validated, responses as serialised."""
    keys: set[_SchemaKey] = {(ErrorResponse, "serialization")}
    for doc in docs:
        keys.update((model, "validation") for model in (doc.body, doc.query) if model)
        if doc.response is not None:
            keys.add((doc.response, "serialization"))
    ordered = sorted(keys, key=lambda key: (key[0].__module__, key[0].__qualname__, key[1]))
    refs, top = models_json_schema(ordered, ref_template=REF_TEMPLATE)
    return {key: refs[key] for key in ordered}, dict(sorted(top.get("$defs", {}).items()))


def _operation(
    doc: RouteDoc, refs: Mapping[_SchemaKey, JsonSchemaValue], schemas: Mapping[str, Any]
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "tags": [doc.tag],
        "summary": doc.summary,
        "operationId": doc.name or _derived_operation_id(doc),
    }
    parameters = _parameters(doc, refs, schemas)
    if parameters:
        operation["parameters"] = parameters
    body = _request_body(doc, refs)
    if body is not None:
        operation["requestBody"] = body
    operation["responses"] = _responses(doc, refs)
    if not doc.public:
        operation["security"] = [{BEARER: []}]
    return operation


def _derived_operation_id(doc: RouteDoc) -> str:
    words = re.findall(r"[A-Za-z0-9]+", doc.path)
    return "_".join([doc.method.lower(), *words]) if words else doc.method.lower()


def _parameters(
    doc: RouteDoc, refs: Mapping[_SchemaKey, JsonSchemaValue], schemas: Mapping[str, Any]
) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in _PATH_PARAMETER.findall(doc.path)
    ]
    if doc.query is not None:
        query = _resolve(refs[(doc.query, "validation")], schemas)
        required = set(query.get("required", ()))
        for name, schema in query.get("properties", {}).items():
            parameter = {"name": name, "in": "query", "required": name in required}
            if "description" in schema:
                parameter["description"] = schema["description"]
            parameters.append({**parameter, "schema": schema})
    parameters.extend(
        {
            "name": name,
            "in": "header",
            "required": False,
            "description": _REQUEST_HEADERS.get(name, name),
            "schema": _HEADER_SCHEMAS.get(name, {"type": "string"}),
        }
        for name in doc.headers
        if name not in _RESPONSE_HEADERS
    )
    return parameters


def _resolve(schema: JsonSchemaValue, schemas: Mapping[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return dict(schema)
    return dict(schemas[ref.removeprefix(REF_TEMPLATE.removesuffix("{model}"))])


def _request_body(
    doc: RouteDoc, refs: Mapping[_SchemaKey, JsonSchemaValue]
) -> dict[str, Any] | None:
    raw_types = [content_type for content_type in doc.request_content_types if content_type != JSON]
    if doc.body is None and not raw_types:
        return None
    content: dict[str, Any] = {}
    for content_type in doc.request_content_types:
        if content_type == JSON and doc.body is not None:
            content[content_type] = {"schema": refs[(doc.body, "validation")]}
        elif content_type != JSON:  # any text is read (what cannot be is reported)
            content[content_type] = {"schema": {"description": f"The file, as {content_type}"}}
    return {"required": True, "content": content}


def _responses(doc: RouteDoc, refs: Mapping[_SchemaKey, JsonSchemaValue]) -> dict[str, Any]:
    success: dict[str, Any] = {"description": _STATUS_TEXT.get(doc.status, "Success")}
    if doc.status != 204:
        if doc.response is not None:
            schema = refs[(doc.response, "serialization")]
        else:
            schema = {"type": "object"} if doc.response_content_type == JSON else {"type": "string"}
        success["content"] = {
            content_type.strip(): {"schema": schema}
            for content_type in doc.response_content_type.split(",")
        }
    response_headers = {
        name: {"description": text, "schema": {"type": "string"}}
        for name, text in _RESPONSE_HEADERS.items()
        if name in doc.headers
    }
    if response_headers:
        success["headers"] = response_headers
    responses: dict[str, Any] = {str(doc.status): success}
    error = {"content": {JSON: {"schema": refs[(ErrorResponse, "serialization")]}}}
    for status in sorted(set(doc.errors) | (set() if doc.public else {401})):
        responses[str(status)] = {"description": _STATUS_TEXT.get(status, "Error"), **error}
        if status == 429:
            responses[str(status)]["headers"] = {"Retry-After": _RETRY_AFTER}
    return responses
