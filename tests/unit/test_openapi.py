"""The OpenAPI document is valid OpenAPI 3.1 and says what the routes do: generated from the
same RouteDocs and pydantic models the handlers validate with."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from openapi_spec_validator import OpenAPIV31SpecValidator
from pydantic import BaseModel, Field

from functions.api.catalog import API_ROUTES
from functions.api.openapi import REF_TEMPLATE, openapi_document
from functions.api.routing import ApiRoutes
from functions.api.schemas.accounts import RegisterRequest
from functions.api.schemas.common import ErrorResponse, StrictModel


def document(groups=API_ROUTES):
    return openapi_document(groups, title="Test", version="1", servers=[{"url": "."}])


def component(doc, ref):
    return doc["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]


def test_the_document_is_valid_openapi_3_1():
    doc = document()
    assert doc["openapi"] == "3.1.0"
    OpenAPIV31SpecValidator(doc).validate()
    json.dumps(doc)  # plain JSON, nothing else


def test_component_schemas_are_json_schema_2020_12():
    for schema in document()["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_route_appears_with_its_method_status_tag_and_operation_id():
    doc = document()
    seen = 0
    for group in API_ROUTES:
        for route in group.docs:
            operation = doc["paths"][route.path][route.method.lower()]
            assert str(route.status) in operation["responses"]
            assert operation["tags"] == [group.tag]
            assert operation["summary"] == route.summary
            assert operation["operationId"] == route.name
            seen += 1
    operations = [op for item in doc["paths"].values() for op in item.values()]
    assert len(operations) == seen
    assert len({op["operationId"] for op in operations}) == seen
    assert {"/auth/register", "/me", "/openapi.json", "/docs", "/docs/assets/{name}"} <= set(
        doc["paths"]
    )


def test_request_and_response_schemas_are_the_pydantic_models():
    doc = document()
    for route in (route for group in API_ROUTES for route in group.docs):
        operation = doc["paths"][route.path][route.method.lower()]
        if route.body is not None:
            ref = operation["requestBody"]["content"]["application/json"]["schema"]
            expected = route.body.model_json_schema(ref_template=REF_TEMPLATE)
            assert component(doc, ref)["properties"].keys() == expected["properties"].keys()
            assert component(doc, ref).get("required") == expected.get("required")
        if route.response is not None:
            content = operation["responses"][str(route.status)]["content"]
            ref = content[route.response_content_type]["schema"]
            expected = route.response.model_json_schema(mode="serialization")
            assert component(doc, ref)["properties"].keys() == expected["properties"].keys()


def test_register_request_names_its_required_fields_and_rules():
    doc = document()
    body = doc["paths"]["/auth/register"]["post"]["requestBody"]
    assert body["required"] is True
    schema = component(doc, body["content"]["application/json"]["schema"])
    assert schema["required"] == ["username", "email", "password"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["password"]["minLength"] == 8
    assert set(schema["properties"]) == set(RegisterRequest.model_fields)


def test_non_public_routes_need_a_bearer_token_and_public_ones_do_not():
    doc = document()
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    for route in (route for group in API_ROUTES for route in group.docs):
        operation = doc["paths"][route.path][route.method.lower()]
        if route.public:
            assert "security" not in operation, route.path
        else:
            assert operation["security"] == [{"bearerAuth": []}], route.path
            assert "401" in operation["responses"], route.path
    public = {(r.method, r.path) for g in API_ROUTES for r in g.docs if r.public}
    assert {("POST", "/auth/register"), ("GET", "/openapi.json"), ("GET", "/docs")} <= public


def test_error_statuses_have_the_contract_error_body():
    doc = document()
    error = component(doc, {"$ref": "#/components/schemas/ErrorResponse"})
    assert error["required"] == ["error"]
    for route in (route for group in API_ROUTES for route in group.docs):
        responses = doc["paths"][route.path][route.method.lower()]["responses"]
        for status in route.errors:
            schema = responses[str(status)]["content"]["application/json"]["schema"]
            assert component(doc, schema)["title"] == ErrorResponse.__name__


class Page(BaseModel):
    limit: int = Field(default=25, ge=1, le=100, description="Page size")
    cursor: str | None = None
    q: str


class Thing(StrictModel):
    name: str = Field(min_length=1)


class ThingOut(BaseModel):
    id: str
    name: str


def synthetic_group() -> ApiRoutes:
    group = ApiRoutes("tests.synthetic", tag="things")

    @group.route("GET", "/books/{book}/things", summary="List", query=Page, response=ThingOut)
    def list_things(book: str, query: Page) -> None: ...

    @group.route(
        "PUT",
        "/books/{book}/things/{id}",
        summary="Replace",
        body=Thing,
        response=ThingOut,
        headers=("If-Match", "ETag"),
        errors=(412, 429),
    )
    def replace_thing(book: str, id: str, body: Thing) -> None: ...

    @group.route(
        "POST", "/things/{book}/import", summary="Import", content_types=("text/csv",), status=204
    )
    def import_things(book: str) -> None: ...

    group.docs.append(replace(group.docs[0], method="DELETE", path="/things/{id}", name=""))
    return group


def test_parameters_bodies_headers_and_statuses_of_every_kind():
    doc = document([synthetic_group()])
    OpenAPIV31SpecValidator(doc).validate()
    listing = doc["paths"]["/books/{book}/things"]["get"]
    params = {(p["in"], p["name"]): p for p in listing["parameters"]}
    assert params[("path", "book")]["required"] is True
    assert params[("query", "q")]["required"] is True
    assert params[("query", "limit")]["required"] is False
    assert params[("query", "limit")]["schema"]["maximum"] == 100
    assert params[("query", "limit")]["description"] == "Page size"
    assert "requestBody" not in listing

    replace = doc["paths"]["/books/{book}/things/{id}"]["put"]
    names = [(p["in"], p["name"]) for p in replace["parameters"]]
    assert names == [("path", "book"), ("path", "id"), ("header", "If-Match")]
    assert "ETag" in replace["responses"]["200"]["headers"]
    assert "Retry-After" in replace["responses"]["429"]["headers"]
    assert set(replace["responses"]) == {"200", "401", "412", "429"}

    imported = doc["paths"]["/things/{book}/import"]["post"]
    assert imported["requestBody"]["content"] == {
        "text/csv": {"schema": {"description": "The file, as text/csv"}}
    }
    assert imported["responses"]["204"] == {"description": "No content"}
    assert doc["paths"]["/things/{id}"]["delete"]["operationId"] == "delete_things_id"


def test_the_document_is_deterministic():
    first = json.dumps(document([synthetic_group(), *API_ROUTES]))
    assert json.dumps(document([synthetic_group(), *API_ROUTES])) == first
    schemas = document([synthetic_group(), *API_ROUTES])["components"]["schemas"]
    assert list(schemas) == sorted(schemas)


def test_a_route_declared_twice_is_refused():
    group = synthetic_group()
    group.docs.append(group.docs[0])
    with pytest.raises(ValueError, match=r"twice|operation id"):
        document([group])


def test_the_websocket_protocol_is_described():
    doc = document()
    websocket = doc["x-websocket"]
    assert set(websocket["client_frames"]) == {"ping", "message.send", "typing", "resume"}
    assert {"chat.message", "presence.changed", "contact.deleted"} <= set(
        websocket["server_events"]["types"]
    )
    assert "## WebSocket" in doc["info"]["description"]


@given(
    st.lists(
        st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), min_size=1, max_size=4, unique=True
    )
)
def test_every_path_template_variable_is_a_required_path_parameter(names):
    group = ApiRoutes("tests.generated", tag="generated")
    path = "".join(f"/seg{i}/{{{name}}}" for i, name in enumerate(names))
    group.route("GET", path, summary="Generated")(lambda **_: None)
    operation = document([group])["paths"][path]["get"]
    assert [(p["name"], p["in"], p["required"]) for p in operation["parameters"]] == [
        (name, "path", True) for name in re.findall(r"\{(\w+)\}", path)
    ]
