"""The signing secret for access tokens and cursors: a file on the local stage, an SSM
SecureString parameter on AWS."""

from __future__ import annotations

from pathlib import Path

from core.settings import SigningSecretSettings


def load_signing_secret(settings: SigningSecretSettings, region: str) -> bytes:
    if settings.jwt_secret_file is not None:
        text = Path(settings.jwt_secret_file).read_text().strip()
    elif settings.jwt_secret_parameter is not None:
        import boto3  # only on AWS stages

        ssm = boto3.client("ssm", region_name=region)
        response = ssm.get_parameter(Name=settings.jwt_secret_parameter, WithDecryption=True)
        text = response["Parameter"].get("Value", "").strip()
    else:  # pragma: no cover - the settings model requires one source
        raise RuntimeError("no signing secret configured")
    secret = text.encode()
    if len(secret) < 32:
        raise RuntimeError("the signing secret must be at least 32 bytes")
    return secret
