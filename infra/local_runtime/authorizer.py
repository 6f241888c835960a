"""API Gateway's side of a Lambda TOKEN authorizer: the event it sends and what it makes
of the answer (401 / 403 / the ``requestContext.authorizer`` of the proxied request)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from infra.local_runtime.rest_events import Gateway


class AuthorizationFailed(Exception):
    """The request is refused before the route's handler runs."""

    def __init__(self, response_type: str):
        super().__init__(response_type)
        self.response_type = response_type
        """API Gateway's gateway response type (see ``gateway_errors``)."""


def unauthorized() -> AuthorizationFailed:
    return AuthorizationFailed("UNAUTHORIZED")


def forbidden() -> AuthorizationFailed:
    return AuthorizationFailed("ACCESS_DENIED")


def misconfigured() -> AuthorizationFailed:
    return AuthorizationFailed("AUTHORIZER_CONFIGURATION_ERROR")


def method_arn(gateway: Gateway, method: str, path: str) -> str:
    """``arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>``."""
    resource = path[1:] if path != "/" else path
    return (
        f"arn:aws:execute-api:{gateway.region}:{gateway.account_id}:"
        f"{gateway.api_id}/{gateway.stage}/{method}/{resource}"
    )


def token_event(token: str, arn: str) -> dict[str, Any]:
    return {"type": "TOKEN", "authorizationToken": token, "methodArn": arn}


def failure_of(error: BaseException) -> AuthorizationFailed:
    """A raised ``Unauthorized`` is API Gateway's 401; any other error a 500."""
    return unauthorized() if refusal(error) else misconfigured()


def refusal(error: BaseException) -> str | None:
    """How the log names a raised ``Unauthorized``: an authorizer's way to answer 401, not
    a failure worth a traceback."""
    return "Unauthorized (401)" if str(error) == "Unauthorized" else None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _arn_matches(pattern: str, arn: str) -> bool:
    regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.fullmatch(regex, arn, re.DOTALL) is not None  # IAM's * matches any character


def _invokes(statement: dict[str, Any]) -> bool:
    actions = _as_list(statement.get("Action", []))
    return any(action in ("execute-api:Invoke", "execute-api:*", "*") for action in actions)


def policy_allows(policy: dict[str, Any], arn: str) -> bool:
    """IAM evaluation, reduced to what matters here: an explicit Deny wins, else any Allow."""
    allowed = False
    for statement in _as_list(policy.get("Statement", [])):
        if not isinstance(statement, dict) or not _invokes(statement):
            continue
        if not any(_arn_matches(str(r), arn) for r in _as_list(statement.get("Resource", []))):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = allowed or statement.get("Effect") == "Allow"
    return allowed


@dataclass(frozen=True)
class Authorized:
    context: dict[str, Any]
    """What goes into ``requestContext.authorizer``."""


def is_policy(result: Any) -> bool:
    """Whether an authorizer's return value is a principal with a policy (what API Gateway
    caches, allowing or not)."""
    return (
        isinstance(result, dict)
        and "principalId" in result
        and isinstance(result.get("policyDocument"), dict)
    )


def evaluate(result: Any, arn: str, latency_ms: int = 0) -> Authorized:
    """Judge an authorizer's return value for the request ``arn``; raises AuthorizationFailed."""
    if not is_policy(result):
        raise misconfigured()
    if not policy_allows(result["policyDocument"], arn):
        raise forbidden()
    context = result.get("context") or {}
    if not isinstance(context, dict) or not all(
        isinstance(value, str | int | float | bool) for value in context.values()
    ):
        raise misconfigured()  # API Gateway accepts only flat string/number/boolean values
    return Authorized(
        {**context, "principalId": result["principalId"], "integrationLatency": latency_ms}
    )
