"""One OpenAPI operation per ``RouteDoc``: parameters (path, query, headers), request body
and responses, with the JSON Schemas of the route's models."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic.json_schema import JsonSchemaValue

from functions.api.idempotency import IDEMPOTENCY_KEY_PATTERN
from functions.api.openapi_responses import REF_TEMPLATE, RESPONSE_HEADERS, SchemaKey, responses_of
from functions.api.routing import JSON, RouteDoc
from functions.api.versioning import IF_MATCH_PATTERN

BEARER = "bearerAuth"

_PATH_PARAMETER = re.compile(r"\{(\w+)\+?\}")

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
"""The syntax the server checks, with the same expressions."""


def operation_of(
    doc: RouteDoc, refs: Mapping[SchemaKey, JsonSchemaValue], schemas: Mapping[str, Any]
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
    operation["responses"] = responses_of(doc, refs)
    if not doc.public:
        operation["security"] = [{BEARER: []}]
    return operation


def _derived_operation_id(doc: RouteDoc) -> str:
    words = re.findall(r"[A-Za-z0-9]+", doc.path)
    return "_".join([doc.method.lower(), *words]) if words else doc.method.lower()


def _parameters(
    doc: RouteDoc, refs: Mapping[SchemaKey, JsonSchemaValue], schemas: Mapping[str, Any]
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
        if name not in RESPONSE_HEADERS
    )
    return parameters


def _resolve(schema: JsonSchemaValue, schemas: Mapping[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return dict(schema)
    return dict(schemas[ref.removeprefix(REF_TEMPLATE.removesuffix("{model}"))])


def _request_body(
    doc: RouteDoc, refs: Mapping[SchemaKey, JsonSchemaValue]
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
