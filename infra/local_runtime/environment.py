"""What a Lambda function of the app would see: the stage's configuration and environment.

The environment is applied to ``os.environ`` *before* the app is imported, because the
app (like on Lambda) may read it at import time.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infra.local_runtime.settings import RuntimeSettings
from infra.tables import table_environment

ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"


@dataclass(frozen=True)
class ChaliceConfig:
    """The parts of ``.chalice/config.json`` that matter to the local runtime."""

    raw: dict[str, Any]
    stage: str

    @classmethod
    def load(cls, project_dir: Path, stage: str) -> ChaliceConfig:
        path = project_dir / ".chalice" / "config.json"
        raw: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
        if raw and stage not in raw.get("stages", {}):
            raise SystemExit(f"error: stage {stage!r} is not defined in {path}")
        return cls(raw, stage)

    @property
    def _stage(self) -> dict[str, Any]:
        stage: dict[str, Any] = self.raw.get("stages", {}).get(self.stage, {})
        return stage

    def environment_variables(self) -> dict[str, str]:
        merged = dict(self.raw.get("environment_variables", {}))
        merged.update(self._stage.get("environment_variables", {}))
        return {name: str(value) for name, value in merged.items()}

    def function_environment(self, function: str) -> dict[str, str]:
        """The variables set for one function only (``lambda_functions.<name>``, top level
        then stage), on top of ``environment_variables()``."""
        merged: dict[str, Any] = {}
        for scope in (self.raw, self._stage):
            merged.update(
                scope.get("lambda_functions", {}).get(function, {}).get("environment_variables", {})
            )
        return {name: str(value) for name, value in merged.items()}

    def function_setting(self, function: str, key: str, default: Any) -> Any:
        """A per-function setting, looked up the way Chalice does: stage function, stage, top."""
        for scope in (
            self._stage.get("lambda_functions", {}).get(function, {}),
            self._stage,
            self.raw.get("lambda_functions", {}).get(function, {}),
            self.raw,
        ):
            if key in scope:
                return scope[key]
        return default

    @property
    def api_gateway_stage(self) -> str:
        return str(self._stage.get("api_gateway_stage", self.raw.get("api_gateway_stage", "api")))

    @property
    def region(self) -> str:
        env = self.environment_variables()
        return env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or DEFAULT_REGION


def ensure_jwt_secret(path: Path) -> None:
    """Create the signing secret once: 64 random bytes, hex encoded, readable by the owner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_hex(64))


def function_environment(settings: RuntimeSettings, config: ChaliceConfig) -> dict[str, str]:
    """Every variable the handlers get, on top of the runtime's own environment."""
    region = config.region
    env = config.environment_variables()
    env.update(table_environment(settings.stage))
    env.update(
        {
            "DYNAMODB_ENDPOINT_URL": settings.dynamodb_url,
            "WEBSOCKET_MANAGEMENT_ENDPOINT": settings.management_url,
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "JWT_SECRET_FILE": str(settings.jwt_secret_file),
        }
    )
    env.pop("AWS_SESSION_TOKEN", None)
    return env


def apply_environment(settings: RuntimeSettings, config: ChaliceConfig) -> dict[str, str]:
    """Set up ``os.environ`` and ``sys.path`` like Lambda would, and return the variables set."""
    ensure_jwt_secret(settings.jwt_secret_file)
    env = function_environment(settings, config)
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)
    os.environ.update(env)
    # Lambda puts the layer on the path (/opt/python) and the function's code at its root.
    for entry in (
        settings.project_dir / "layers" / "python",
        settings.project_dir,
        settings.app_dir,
    ):
        if str(entry) in sys.path:
            sys.path.remove(str(entry))
        sys.path.insert(0, str(entry))
    return env
