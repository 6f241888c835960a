"""Settings for every test tree (tests/ and infra/local_runtime/tests/)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# No per-example deadline (a loaded 2-core machine makes them flaky); in CI, the same
# examples on every run so main never turns red by chance. Locally, explore freely.
settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
