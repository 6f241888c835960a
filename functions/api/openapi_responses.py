"""The responses of one OpenAPI operation: the route's success (its model, its headers)
and the contract's error body for each error status it may answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, JsonSchemaValue

from functions.api.routing import JSON, RouteDoc
from functions.api.schemas.common import ErrorResponse

REF_TEMPLATE = "#/components/schemas/{model}"
SchemaKey = tuple[type[BaseModel], JsonSchemaMode]

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
RESPONSE_HEADERS = {"ETag": 'The version of the resource, `"<version>"`.'}
_RETRY_AFTER = {"description": "Seconds to wait", "schema": {"type": "integer", "minimum": 0}}


def responses_of(doc: RouteDoc, refs: Mapping[SchemaKey, JsonSchemaValue]) -> dict[str, Any]:
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
        for name, text in RESPONSE_HEADERS.items()
        if name in doc.headers
    }
    if response_headers:
        success["headers"] = response_headers
    responses: dict[str, Any] = {str(doc.status): success}
    for status in doc.also:
        responses[str(status)] = {**success, "description": _STATUS_TEXT.get(status, "Success")}
    error = {"content": {JSON: {"schema": refs[(ErrorResponse, "serialization")]}}}
    for status in sorted(set(doc.errors) | (set() if doc.public else {401})):
        responses[str(status)] = {"description": _STATUS_TEXT.get(status, "Error"), **error}
        if status == 429:
            responses[str(status)]["headers"] = {"Retry-After": _RETRY_AFTER}
    return responses
