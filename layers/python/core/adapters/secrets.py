"""The signing secret for access tokens and cursors: a file on the local stage, a Secrets
Manager secret on AWS (created by the packaged template), or an SSM SecureString."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, cast

from core.settings import SigningFunctionSettings, SigningSecretSettings

MINIMUM_SECRET_BYTES = 32


class _SecretsManager(Protocol):
    """The one call made of boto3's Secrets Manager client (no stubs are installed for it)."""

    def get_secret_value(self, *, SecretId: str) -> Mapping[str, Any]: ...  # noqa: N803


def signing_secret(settings: SigningFunctionSettings) -> bytes:
    """The secret a function signs and verifies tokens with: the one way every function
    loads it."""
    return load_signing_secret(settings, settings.region)


def load_signing_secret(settings: SigningSecretSettings, region: str) -> bytes:
    if settings.jwt_secret_file is not None:
        text = Path(settings.jwt_secret_file).read_text()
    elif settings.jwt_secret_arn is not None:
        text = _from_secrets_manager(settings.jwt_secret_arn, region)
    elif settings.jwt_secret_parameter is not None:
        text = _from_parameter_store(settings.jwt_secret_parameter, region)
    else:  # pragma: no cover - the settings model requires one source
        raise RuntimeError("no signing secret configured")
    secret = text.strip().encode()
    if len(secret) < MINIMUM_SECRET_BYTES:
        raise RuntimeError(f"the signing secret must be at least {MINIMUM_SECRET_BYTES} bytes")
    return secret


def _from_secrets_manager(secret_id: str, region: str) -> str:
    import boto3  # only on AWS stages

    client = cast(_SecretsManager, boto3.client("secretsmanager", region_name=region))
    response = client.get_secret_value(SecretId=secret_id)
    text = response.get("SecretString")
    if not isinstance(text, str):
        raise RuntimeError(f"the secret {secret_id} holds no SecretString")
    return text


def _from_parameter_store(name: str, region: str) -> str:
    import boto3  # only on AWS stages

    ssm = boto3.client("ssm", region_name=region)
    response = ssm.get_parameter(Name=name, WithDecryption=True)
    return response["Parameter"].get("Value", "")
