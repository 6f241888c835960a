"""``/openapi.json``, ``/docs`` and ``/docs/assets/{name}`` through the real Chalice app with
real-shaped API Gateway events: public, served locally, nothing fetched from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

from functions.api.catalog import API_ROUTES
from functions.api.docs import ASSETS
from tests.support.events import LambdaContext, response_json, rest_event

DOCS_ROUTES = [("/openapi.json", "GET"), ("/docs", "GET"), ("/docs/assets/{name}", "GET")]


@pytest.fixture(scope="module")
def app() -> Any:
    import app as app_module

    return app_module.app


def get(app: Any, resource: str, **path_params: str) -> dict[str, Any]:
    response: dict[str, Any] = app(
        rest_event("GET", resource, path_params=path_params or None), LambdaContext()
    )
    return response


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def page_links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.urls


@pytest.mark.parametrize(("resource", "method"), DOCS_ROUTES)
def test_docs_routes_are_public(app, resource, method):
    assert app.routes[resource][method].authorizer is None


def test_openapi_json_is_the_generated_openapi_3_1_document(app):
    response = get(app, "/openapi.json")
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == "application/json"
    doc = response_json(response)
    OpenAPIV31SpecValidator(doc).validate()
    for route in (route for group in API_ROUTES for route in group.docs):
        assert route.method.lower() in doc["paths"][route.path]
    assert get(app, "/openapi.json")["body"] == response["body"]  # generated once, cached


def test_docs_page_is_html_that_loads_swagger_ui_from_this_api_only(app):
    response = get(app, "/docs")
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"].startswith("text/html")
    html = response["body"]
    assert not re.search(r"https?:|//[a-z]", html, re.IGNORECASE)
    links = page_links(html)
    assert links
    assert all(not link.startswith(("/", "http:", "https:")) for link in links)
    assert '"openapi.json"' in html
    assert "validatorUrl: null" in html  # Swagger UI would otherwise call its public validator


@pytest.mark.parametrize("page", ["https://api.example/dev/docs", "http://127.0.0.1:8000/docs"])
def test_relative_urls_resolve_under_the_api_root_behind_a_stage_prefix(app, page):
    root = page.removesuffix("docs")
    for link in page_links(get(app, "/docs")["body"]):
        assert urljoin(page, link).startswith(root + "docs/assets/")
        name = urljoin(page, link).rsplit("/", 1)[-1]
        assert name in ASSETS
    assert urljoin(page, "openapi.json") == root + "openapi.json"


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_assets_are_served_from_the_bundle_with_their_content_type(app, name):
    response = get(app, "/docs/assets/{name}", name=name)
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == ASSETS[name]
    assert "max-age=" in response["headers"]["Cache-Control"]
    assert response["body"] == (swagger_ui_path / name).read_text(encoding="utf-8")


def test_every_asset_the_page_references_is_served(app):
    for link in page_links(get(app, "/docs")["body"]):
        name = link.removeprefix("docs/assets/")
        assert get(app, "/docs/assets/{name}", name=name)["statusCode"] == 200


@pytest.mark.parametrize(
    "name",
    [
        "../app.py",
        "..",
        "..%2F..%2Fapp.py",
        "swagger-ui.css/../../../app.py",
        "/etc/passwd",
        "index.html",
        "swagger-ui-bundle.js.map",
        "oauth2-redirect.html",
        "SWAGGER-UI.CSS",
        "swagger-ui.css ",
        "",
    ],
)
def test_anything_off_the_allow_list_is_a_404_with_the_contract_error_body(app, name):
    response = get(app, "/docs/assets/{name}", name=name)
    assert response["statusCode"] == 404
    assert response_json(response)["error"]["code"] == "not_found"
    assert "Cache-Control" not in response["headers"]
