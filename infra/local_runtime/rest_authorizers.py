"""The REST API's Lambda TOKEN authorizers, as API Gateway runs them before a route: the
token from the configured header, a cached policy if there is one, else an invocation."""

from __future__ import annotations

import logging
from typing import Any

from chalice.app import ChaliceAuthorizer

from infra.local_runtime.app_loader import LoadedApp
from infra.local_runtime.authorizer import (
    evaluate,
    failure_of,
    is_policy,
    method_arn,
    refusal,
    token_event,
    unauthorized,
)
from infra.local_runtime.authorizer_cache import AuthorizerCache, ttl_of
from infra.local_runtime.invoker import Invoker
from infra.local_runtime.rest_events import Gateway, HttpRequest

log = logging.getLogger("local_runtime.rest")


class TokenAuthorizers:
    def __init__(self, loaded: LoadedApp, invoker: Invoker):
        self._loaded = loaded
        self._invoker = invoker
        self._cache = AuthorizerCache()

    async def authorize(
        self, authorizer: Any, http: HttpRequest, gateway: Gateway
    ) -> dict[str, Any] | None:
        """What goes into ``requestContext.authorizer``; raises ``AuthorizationFailed``."""
        if not isinstance(authorizer, ChaliceAuthorizer):
            log.warning("%s authorizers are not emulated; request let through", type(authorizer))
            return None
        header = getattr(authorizer.config, "header", None) or "Authorization"
        token = http.header(header)
        if not token:
            raise unauthorized()
        arn = method_arn(gateway, http.method, http.path)
        function = self._loaded.authorizer_function(authorizer)
        cached = self._cache.get(function.name, token)
        if cached is not None:
            return evaluate(cached, arn).context
        label = f"{http.method} {http.path}"
        event = token_event(token, arn)
        invocation = await self._invoker.invoke(function, event, label, expected=refusal)
        if invocation.error is not None:
            raise failure_of(invocation.error)
        if is_policy(invocation.value):
            self._cache.put(function.name, token, invocation.value, ttl_of(authorizer))
        return evaluate(invocation.value, arn, int(invocation.duration_ms)).context
