"""Loading the signing secret from each of its three sources (moto for the AWS ones)."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from core.adapters.secrets import load_signing_secret
from core.settings import MissingSetting, SigningSecretSettings, load_settings

REGION = "us-east-1"
SECRET = "s" * 64


@pytest.fixture
def moto_aws(monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield


def settings(**environ: str) -> SigningSecretSettings:
    return load_settings(SigningSecretSettings, environ)


def test_a_file_is_read_and_stripped(tmp_path):
    path = tmp_path / "jwt-secret"
    path.write_text(f"  {SECRET}\n")
    assert load_signing_secret(settings(JWT_SECRET_FILE=str(path)), REGION) == SECRET.encode()


def test_a_secrets_manager_secret_is_read_by_arn(moto_aws):
    client = boto3.client("secretsmanager", region_name=REGION)
    arn = client.create_secret(Name="addressbook/test/jwt", SecretString=SECRET)["ARN"]
    assert load_signing_secret(settings(JWT_SECRET_ARN=arn), REGION) == SECRET.encode()


def test_a_secure_string_parameter_is_read(moto_aws):
    ssm = boto3.client("ssm", region_name=REGION)
    ssm.put_parameter(Name="/addressbook/test/jwt", Value=SECRET, Type="SecureString")
    loaded = load_signing_secret(settings(JWT_SECRET_PARAMETER="/addressbook/test/jwt"), REGION)
    assert loaded == SECRET.encode()


def test_a_binary_only_secret_is_refused(moto_aws):
    client = boto3.client("secretsmanager", region_name=REGION)
    arn = client.create_secret(Name="addressbook/test/bin", SecretBinary=b"x" * 64)["ARN"]
    with pytest.raises(RuntimeError, match="SecretString"):
        load_signing_secret(settings(JWT_SECRET_ARN=arn), REGION)


def test_a_short_secret_is_refused(moto_aws):
    client = boto3.client("secretsmanager", region_name=REGION)
    arn = client.create_secret(Name="addressbook/test/short", SecretString="too-short")["ARN"]
    with pytest.raises(RuntimeError, match="at least 32 bytes"):
        load_signing_secret(settings(JWT_SECRET_ARN=arn), REGION)


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"JWT_SECRET_FILE": "a", "JWT_SECRET_ARN": "b"},
        {"JWT_SECRET_PARAMETER": "a", "JWT_SECRET_ARN": "b"},
        {"JWT_SECRET_FILE": "a", "JWT_SECRET_PARAMETER": "b", "JWT_SECRET_ARN": "c"},
    ],
)
def test_exactly_one_source_is_required(environ):
    with pytest.raises(MissingSetting, match="exactly one"):
        load_settings(SigningSecretSettings, environ)
