"""Validated settings read from the environment, one model per function.

Each field names its environment variable through its alias. Nothing that differs
between stages has a silent default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

if TYPE_CHECKING:
    from core.storage import TableLocation


class MissingSetting(RuntimeError):
    """The function's environment lacks a variable it needs, or holds a bad value."""


class FunctionSettings(BaseModel):
    """What every function needs to reach DynamoDB."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=False)

    stage: str = Field(alias="STAGE", min_length=1)
    region: str = Field(alias="AWS_REGION", min_length=1)
    dynamodb_endpoint_url: str | None = Field(default=None, alias="DYNAMODB_ENDPOINT_URL")
    """Only for the embedded runtime and LocalStack; unset on AWS."""

    def table_location(self, table_name: str) -> TableLocation:
        """Where the table named ``table_name`` (one of this model's table fields) lives."""
        from core.storage import TableLocation

        return TableLocation(table_name, self.region, self.dynamodb_endpoint_url)


class SigningSecretSettings(BaseModel):
    """Where the secret that signs access tokens and cursors lives: exactly one source.

    ``JWT_SECRET_FILE`` on the local stage, ``JWT_SECRET_ARN`` (a Secrets Manager secret,
    what the packaged template creates) on AWS, or ``JWT_SECRET_PARAMETER`` (an SSM
    SecureString made by hand).
    """

    jwt_secret_file: str | None = Field(default=None, alias="JWT_SECRET_FILE", min_length=1)
    jwt_secret_parameter: str | None = Field(
        default=None, alias="JWT_SECRET_PARAMETER", min_length=1
    )
    jwt_secret_arn: str | None = Field(default=None, alias="JWT_SECRET_ARN", min_length=1)

    @model_validator(mode="after")
    def _exactly_one_source(self) -> SigningSecretSettings:
        sources = (self.jwt_secret_file, self.jwt_secret_parameter, self.jwt_secret_arn)
        if sum(source is not None for source in sources) != 1:
            raise ValueError(
                "set exactly one of JWT_SECRET_FILE, JWT_SECRET_PARAMETER and JWT_SECRET_ARN"
            )
        return self


class SigningFunctionSettings(FunctionSettings, SigningSecretSettings):
    """A function that signs or verifies access tokens (the REST API, its authorizer and the
    WebSocket functions): its settings models extend this one."""


S = TypeVar("S", bound=BaseModel)


def load_settings(model: type[S], environ: Mapping[str, str]) -> S:
    """Build ``model`` from ``environ``; a missing or bad variable raises ``MissingSetting``."""
    try:
        return model.model_validate(dict(environ))
    except ValidationError as error:
        problems = []
        for item in error.errors():
            name = ".".join(str(part) for part in item["loc"]) or "environment"
            problems.append(f"{name}: {item['msg']}")
        raise MissingSetting(f"{model.__name__} is misconfigured: " + "; ".join(problems)) from None
