from __future__ import annotations

import pytest

from core.settings import FunctionSettings, MissingSetting, SigningSecretSettings, load_settings


def test_settings_come_from_named_environment_variables():
    settings = load_settings(FunctionSettings, {"STAGE": "dev", "AWS_REGION": "eu-west-1"})
    assert (settings.stage, settings.region, settings.dynamodb_endpoint_url) == (
        "dev",
        "eu-west-1",
        None,
    )


def test_a_missing_variable_is_named():
    with pytest.raises(MissingSetting, match="STAGE"):
        load_settings(FunctionSettings, {"AWS_REGION": "eu-west-1"})


@pytest.mark.parametrize("environ", [{}, {"JWT_SECRET_FILE": "a", "JWT_SECRET_PARAMETER": "b"}])
def test_exactly_one_signing_secret_source(environ):
    with pytest.raises(MissingSetting, match="exactly one"):
        load_settings(SigningSecretSettings, environ)
