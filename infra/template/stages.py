"""What differs between deployed stages: data protection, log retention, throttling."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Throttle:
    rate_per_second: float
    burst: int


@dataclass(frozen=True)
class StageSettings:
    protect_data: bool
    """Deletion protection and ``DeletionPolicy: Retain`` on tables and the signing secret."""
    log_retention_days: int
    rest_throttle: Throttle
    websocket_throttle: Throttle
    point_in_time_recovery: bool = True
    lambda_runtime: str = "python3.11"
    architecture: str = "x86_64"


PROD = StageSettings(
    protect_data=True,
    log_retention_days=90,
    rest_throttle=Throttle(rate_per_second=200, burst=400),
    websocket_throttle=Throttle(rate_per_second=200, burst=400),
)

DEV = StageSettings(
    protect_data=False,
    log_retention_days=14,
    rest_throttle=Throttle(rate_per_second=50, burst=100),
    websocket_throttle=Throttle(rate_per_second=50, burst=100),
)

LOCAL_STAGE = "local"
"""The embedded runtime's stage: never packaged (its secret is a file on disk)."""


def stage_settings(stage: str) -> StageSettings:
    """``prod`` is protected; every other deployed stage (dev, test, feature stages) is not."""
    if stage == LOCAL_STAGE:
        raise ValueError("the local stage runs on the embedded runtime and is never packaged")
    return PROD if stage == "prod" else DEV
