"""The emulated API Gateway REST API: HTTP request -> proxy event -> the app -> HTTP response."""

from __future__ import annotations

import asyncio
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
    is_policy,
    method_arn,
    refusal,
    token_event,
    unauthorized,
)
from infra.local_runtime.authorizer_cache import AuthorizerCache, ttl_of
from infra.local_runtime.gateway_errors import LAMBDA_ERROR, error_response, rest_error
from infra.local_runtime.invoker import Invocation, Invoker
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
        self._authorizer_cache = AuthorizerCache()

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_PAYLOAD_BYTES + 1)
        # Every path, also one with an encoded line break (``.`` stops at a newline).
        app.router.add_route("*", r"/{tail:[\s\S]*}", self.handle)
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
            return self._refuse(failure.response_type, http)
        except Exception:
            log.exception("%s %s failed in the gateway", request.method, request.path)
            return rest_error(LAMBDA_ERROR, http.request_id, 502)

    async def _handle(self, request: web.Request, http: HttpRequest) -> web.StreamResponse:
        if not self._throttle.take():
            return self._refuse("THROTTLED", http)
        body = await _read_body(request)
        if body is None:
            return self._refuse("REQUEST_TOO_LARGE", http)
        http = dataclasses.replace(http, body=body)
        match = self._routes.match(request.rel_url.raw_path)
        entry = None if match is None else match.methods.get(request.method)
        if match is None:
            return self._refuse("MISSING_AUTHENTICATION_TOKEN", http)
        if entry is None:
            return self._preflight(request, match.methods) or self._wrong_method(
                http, match.methods
            )
        gateway = dataclasses.replace(self._gateway, domain_name=request.host)
        event = build_rest_event(
            http, match.resource, match.path_parameters, gateway, self._binary_types
        )
        if entry.authorizer is not None:
            authorizer_context = await self._authorize(entry.authorizer, http, gateway)
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

    @staticmethod
    def _wrong_method(http: HttpRequest, methods: Any) -> web.Response:
        """405 with ``Allow``. (API Gateway itself answers an undeclared method like an
        unknown route; the embedded runtime tells the developer what the route accepts.)"""
        allowed = ", ".join(sorted(methods))
        response = error_response(
            405,
            "method_not_allowed",
            f"{http.method} is not allowed here; use {allowed}.",
            http.request_id,
        )
        response.headers["Allow"] = allowed
        log.info("%s %s -> 405 (allowed: %s)", http.method, http.path, allowed)
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
        cached = self._authorizer_cache.get(function.name, token)
        if cached is not None:
            return evaluate(cached, arn).context
        label = f"{http.method} {http.path}"
        event = token_event(token, arn)
        invocation = await self._invoker.invoke(function, event, label, expected=refusal)
        if invocation.error is not None:
            raise failure_of(invocation.error)
        if is_policy(invocation.value):
            self._authorizer_cache.put(function.name, token, invocation.value, ttl_of(authorizer))
        return evaluate(invocation.value, arn, int(invocation.duration_ms)).context

    @staticmethod
    def _preflight(request: web.Request, methods: Any) -> web.Response | None:
        """Chalice deploys a mock ``OPTIONS`` method answering CORS preflights."""
        cors = next((entry.cors for entry in methods.values() if entry.cors), None)
        if request.method != "OPTIONS" or cors is None:
            return None
        headers = {
            "Access-Control-Allow-Methods": ",".join([*sorted(methods), "OPTIONS"]),
            **cors.get_access_control_headers(),
        }
        return web.Response(status=200, headers=headers)

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
