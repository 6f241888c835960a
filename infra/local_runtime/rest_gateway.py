"""The emulated API Gateway REST API: HTTP request -> proxy event -> the app -> HTTP response."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from multidict import CIMultiDict

from infra.local_runtime.app_loader import LoadedApp
from infra.local_runtime.authorizer import AuthorizationFailed
from infra.local_runtime.gateway_errors import LAMBDA_ERROR, rest_error
from infra.local_runtime.invoker import Invocation, Invoker
from infra.local_runtime.rest_answers import (
    forwarded_headers,
    preflight,
    read_body,
    wrong_method,
)
from infra.local_runtime.rest_authorizers import TokenAuthorizers
from infra.local_runtime.rest_events import (
    MAX_PAYLOAD_BYTES,
    Gateway,
    HttpRequest,
    build_rest_event,
    decode_proxy_response,
)
from infra.local_runtime.routing import RouteTable
from infra.local_runtime.throttle import STAGE_THROTTLE, TokenBucket

log = logging.getLogger("local_runtime.rest")

INTEGRATION_TIMEOUT_SECONDS = 29.0
"""API Gateway stops waiting for a REST integration after 29 s (the function runs on)."""


def _status_of(result: Any) -> str:
    return str(result.get("statusCode")) if isinstance(result, dict) else "malformed response"


class RestGateway:
    def __init__(
        self,
        loaded: LoadedApp,
        invoker: Invoker,
        gateway: Gateway,
        integration_timeout: float = INTEGRATION_TIMEOUT_SECONDS,
        throttle: TokenBucket | None = None,
    ):
        self._throttle = throttle or TokenBucket.of(STAGE_THROTTLE)
        self._loaded = loaded
        self._invoker = invoker
        self._gateway = gateway
        self._integration_timeout = integration_timeout
        self._routes = RouteTable(loaded.app.routes)
        self._binary_types = list(loaded.app.api.binary_types)
        self._authorizers = TokenAuthorizers(loaded, invoker)

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_PAYLOAD_BYTES + 1)
        # Every path, also one with an encoded line break (``.`` stops at a newline).
        app.router.add_route("*", r"/{tail:[\s\S]*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        http = HttpRequest(
            method=request.method,
            path=request.path,
            headers=forwarded_headers(request),
            query=parse_qsl(request.query_string, keep_blank_values=True),
            body=b"",
            source_ip=request.remote or "127.0.0.1",
        )
        try:
            return await self._handle(request, http)
        except AuthorizationFailed as failure:
            return self._refuse(failure.response_type, http)
        except Exception:
            log.exception("%s %s failed in the gateway", request.method, request.path)
            return rest_error(LAMBDA_ERROR, http.request_id, 502)

    async def _handle(self, request: web.Request, http: HttpRequest) -> web.StreamResponse:
        if not self._throttle.take():
            return self._refuse("THROTTLED", http)
        body = await read_body(request)
        if body is None:
            return self._refuse("REQUEST_TOO_LARGE", http)
        http = dataclasses.replace(http, body=body)
        match = self._routes.match(request.rel_url.raw_path)
        entry = None if match is None else match.methods.get(request.method)
        if match is None:
            return self._refuse("MISSING_AUTHENTICATION_TOKEN", http)
        if entry is None:
            return preflight(request, match.methods) or wrong_method(http, match.methods)
        gateway = dataclasses.replace(self._gateway, domain_name=request.host)
        event = build_rest_event(
            http, match.resource, match.path_parameters, gateway, self._binary_types
        )
        if entry.authorizer is not None:
            authorizer_context = await self._authorizers.authorize(entry.authorizer, http, gateway)
            if authorizer_context is not None:
                event["requestContext"]["authorizer"] = authorizer_context
        label = f"{request.method} {request.path}"
        invocation = await self._integrate(event, label)
        if invocation is None:
            return rest_error("INTEGRATION_TIMEOUT", http.request_id)
        if invocation.failed:
            return rest_error(LAMBDA_ERROR, http.request_id, 502)
        try:
            proxied = decode_proxy_response(invocation.value)
        except ValueError as error:
            log.error("%s: %s", label, error)
            return rest_error(LAMBDA_ERROR, http.request_id, 502)
        headers = CIMultiDict(proxied.headers)
        headers["x-amzn-RequestId"] = http.request_id
        return web.Response(status=proxied.status, headers=headers, body=proxied.body)

    @staticmethod
    def _refuse(response_type: str, http: HttpRequest) -> web.Response:
        """A gateway response instead of the function's: one log line says which."""
        response = rest_error(response_type, http.request_id)
        log.info("%s %s -> %d (%s)", http.method, http.path, response.status, response_type)
        return response

    async def _integrate(self, event: dict[str, Any], label: str) -> Invocation | None:
        """Invoke the REST function; None if it has not answered within the timeout."""
        invoking = self._invoker.invoke(self._loaded.rest, event, label, _status_of)
        try:
            return await asyncio.wait_for(asyncio.shield(invoking), self._integration_timeout)
        except TimeoutError:
            log.warning(
                "%s: no response within %g s, answered 504 (the invocation runs on)",
                label,
                self._integration_timeout,
            )
            return None
