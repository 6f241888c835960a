"""The environment every packaged function gets: table names, the signing secret, the
WebSocket management endpoint and the stage."""

from __future__ import annotations

from typing import Any

from infra.tables import TABLES
from infra.template import names
from infra.template.access import MANAGEMENT_ENDPOINT_VARIABLE
from infra.template.endpoints import management_endpoint

SECRET_VARIABLE = "JWT_SECRET_ARN"


def function_environment(stage: str) -> dict[str, Any]:
    variables: dict[str, Any] = {spec.env_var: {"Ref": spec.logical_id} for spec in TABLES}
    variables[SECRET_VARIABLE] = {"Ref": names.SIGNING_SECRET}
    variables[MANAGEMENT_ENDPOINT_VARIABLE] = management_endpoint(stage)
    variables["STAGE"] = stage
    return variables
