"""The emulated API Gateway REST API: HTTP request -> proxy event -> the app -> HTTP response."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from chalice.app import ChaliceAuthorizer
from multidict import CIMultiDict

from infra.local_runtime.app_loader import LoadedApp
from infra.local_runtime.authorizer import (
    AuthorizationFailed,
    evaluate,
    failure_of,
    method_arn,
    token_event,
    unauthorized,
)
from infra.local_runtime.invoker import Invoker
from infra.local_runtime.rest_events import (
    MAX_PAYLOAD_BYTES,
    Gateway,
    HttpRequest,
    build_rest_event,
    decode_proxy_response,
    error_body,
)
from infra.local_runtime.routing import RouteTable

log = logging.getLogger("local_runtime.rest")


def gateway_error(
    status: int, code: str, message: str, request_id: str, **headers: str
) -> web.Response:
    response = web.Response(status=status, body=error_body(code, message))
    response.headers.update(
        {"Content-Type": "application/json", "x-amzn-RequestId": request_id, **headers}
    )
    return response


def _status_of(result: Any) -> str:
    return str(result.get("statusCode")) if isinstance(result, dict) else "malformed response"


async def _read_body(request: web.Request) -> bytes | None:
    """The request body, or None if it is over API Gateway's 10 MB limit."""
    if request.content_length is not None and request.content_length > MAX_PAYLOAD_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(1 << 16):
        size += len(chunk)
        if size > MAX_PAYLOAD_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class RestGateway:
    def __init__(self, loaded: LoadedApp, invoker: Invoker, gateway: Gateway):
        self._loaded = loaded
        self._invoker = invoker
        self._gateway = gateway
        self._routes = RouteTable(loaded.app.routes)
        self._binary_types = list(loaded.app.api.binary_types)

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_PAYLOAD_BYTES + 1)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        http = HttpRequest(
            method=request.method,
            path=request.path,
            headers=self._forwarded_headers(request),
            query=parse_qsl(request.query_string, keep_blank_values=True),
            body=b"",
            source_ip=request.remote or "127.0.0.1",
        )
        try:
            return await self._handle(request, http)
        except AuthorizationFailed as failure:
            return gateway_error(
                failure.status,
                failure.code,
                failure.message,
                http.request_id,
                **{"x-amzn-ErrorType": failure.error_type},
            )
        except Exception:
            log.exception("%s %s failed in the gateway", request.method, request.path)
            return gateway_error(502, "internal_error", "Internal server error", http.request_id)

    async def _handle(self, request: web.Request, http: HttpRequest) -> web.StreamResponse:
        body = await _read_body(request)
        if body is None:
            message = f"The request body is larger than {MAX_PAYLOAD_BYTES} bytes"
            return gateway_error(413, "payload_too_large", message, http.request_id)
        http = dataclasses.replace(http, body=body)
        match = self._routes.match(request.rel_url.raw_path)
        if match is None:
            message = f"No route for {request.method} {request.path}"
            return gateway_error(404, "not_found", message, http.request_id)
        entry = match.methods.get(request.method)
        if entry is None:
            return self._method_not_allowed(request, match.methods, http.request_id)
        gateway = dataclasses.replace(self._gateway, domain_name=request.host)
        event = build_rest_event(
            http, match.resource, match.path_parameters, gateway, self._binary_types
        )
        if entry.authorizer is not None:
            authorizer_context = await self._authorize(entry.authorizer, http, gateway)
            if authorizer_context is not None:
                event["requestContext"]["authorizer"] = authorizer_context
        label = f"{request.method} {request.path}"
        invocation = await self._invoker.invoke(self._loaded.rest, event, label, _status_of)
        if invocation.failed:
            return gateway_error(502, "internal_error", "Internal server error", http.request_id)
        try:
            proxied = decode_proxy_response(invocation.value)
        except ValueError as error:
            log.error("%s: %s", label, error)
            return gateway_error(502, "internal_error", "Internal server error", http.request_id)
        headers = CIMultiDict(proxied.headers)
        headers["x-amzn-RequestId"] = http.request_id
        return web.Response(status=proxied.status, headers=headers, body=proxied.body)

    async def _authorize(
        self, authorizer: Any, http: HttpRequest, gateway: Gateway
    ) -> dict[str, Any] | None:
        if not isinstance(authorizer, ChaliceAuthorizer):
            log.warning("%s authorizers are not emulated; request let through", type(authorizer))
            return None
        header = getattr(authorizer.config, "header", None) or "Authorization"
        token = http.header(header)
        if not token:
            raise unauthorized()
        arn = method_arn(gateway, http.method, http.path)
        function = self._loaded.authorizer_function(authorizer)
        label = f"{http.method} {http.path}"
        invocation = await self._invoker.invoke(function, token_event(token, arn), label)
        if invocation.error is not None:
            raise failure_of(invocation.error)
        return evaluate(invocation.value, arn, int(invocation.duration_ms)).context

    def _method_not_allowed(
        self, request: web.Request, methods: Any, request_id: str
    ) -> web.Response:
        allowed = sorted(methods)
        cors = next((entry.cors for entry in methods.values() if entry.cors), None)
        if request.method == "OPTIONS" and cors is not None:
            # Chalice deploys a mock OPTIONS method answering CORS preflights.
            headers = {
                "Access-Control-Allow-Methods": ",".join([*allowed, "OPTIONS"]),
                **cors.get_access_control_headers(),
            }
            return web.Response(status=200, headers=headers)
        message = f"Method {request.method} is not allowed on {request.path}"
        return gateway_error(
            405, "method_not_allowed", message, request_id, Allow=", ".join(allowed)
        )

    @staticmethod
    def _forwarded_headers(request: web.Request) -> list[tuple[str, str]]:
        headers = list(request.headers.items())
        present = {name.lower() for name, _ in headers}
        port = str(request.url.port or 80)
        for name, value in (
            ("X-Forwarded-For", request.remote or "127.0.0.1"),
            ("X-Forwarded-Port", port),
            ("X-Forwarded-Proto", request.scheme),
        ):
            if name.lower() not in present:
                headers.append((name, value))
        return headers
