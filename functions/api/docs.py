"""``/openapi.json`` and ``/docs``: the generated OpenAPI document, and Swagger UI rendering it
from assets served here (no CDN). Cheap to import: the work happens in the views, once."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from chalice.app import Response

from core.errors import NotFound
from functions.api.routing import JSON, ApiRoutes

TITLE = "Real-time address book API"
API_VERSION = "0.1.0"
ASSETS: dict[str, str] = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "index.css": "text/css; charset=utf-8",
}
"""Every file ``/docs/assets/{name}`` serves, with its Content-Type: nothing else is served."""
ASSET_CACHE_CONTROL = "public, max-age=86400"

# URLs are relative to the page, so the page works under a stage prefix (``/dev/docs``): they
# resolve against ``.../docs``, so ``.../docs/`` first drops its trailing slash. Swagger UI 4
# renders OpenAPI 3.0 only; the 3.1 document is handed to it as 3.0, with this API's root as
# its server (openapi.json itself keeps the relative server ``.``).
PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{title}}</title>
<script>
if (/\\/docs\\/+$/.test(location.pathname)) {
  location.replace(location.pathname.replace(/\\/+$/, "") + location.search + location.hash);
}
</script>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
<link rel="stylesheet" href="docs/assets/index.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script>
fetch("openapi.json").then(function (response) { return response.json(); }).then(function (doc) {
  doc.openapi = "3.0.3";
  doc.servers = [{url: new URL(".", location.href).href.replace(/\\/$/, "")}];
  window.ui = SwaggerUIBundle({
    spec: doc,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
</script>
</body>
</html>
"""
PAGE = PAGE_TEMPLATE.replace("{{title}}", html.escape(TITLE))


def docs_routes(documented: Callable[[], Sequence[ApiRoutes]]) -> ApiRoutes:
    """The docs routes, documenting the route groups ``documented`` returns (asked on first
    use: the catalog that lists these routes lists them too)."""
    routes = ApiRoutes(__name__, tag="docs")

    @cache
    def document() -> str:
        from functions.api.openapi import openapi_document

        built = openapi_document(
            documented(), title=TITLE, version=API_VERSION, servers=[{"url": "."}]
        )
        return json.dumps(built, separators=(",", ":"))

    @routes.route("GET", "/openapi.json", summary="This API's OpenAPI 3.1 document", public=True)
    def openapi_json() -> Response:
        return Response(document(), headers={"Content-Type": JSON, "Cache-Control": "no-cache"})

    @routes.route(
        "GET",
        "/docs",
        summary="Swagger UI for this API",
        public=True,
        response_content_type="text/html",
    )
    def docs_page() -> Response:
        return Response(
            PAGE, headers={"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache"}
        )

    @routes.route(
        "GET",
        "/docs/assets/{name}",
        summary="Swagger UI's scripts and style sheets",
        public=True,
        errors=(404,),
        response_content_type="text/*",
    )
    def docs_asset(name: str) -> Response:
        content_type = ASSETS.get(name)
        if content_type is None:
            raise NotFound("No such asset.")
        return Response(
            _asset(name),
            headers={"Content-Type": content_type, "Cache-Control": ASSET_CACHE_CONTROL},
        )

    return routes


@cache
def _asset(name: str) -> str:
    from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

    path: Path = swagger_ui_path / name
    return path.read_text(encoding="utf-8")
