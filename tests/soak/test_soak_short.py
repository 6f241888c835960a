"""The fault soak, short (``make soak`` runs 10,000 writes): a few hundred writes while the
broadcaster fails 5 % of its invocations and the runtime is killed and restarted once."""

from __future__ import annotations

import os

import pytest

from infra.local_runtime.testing import skip_or_fail_without_prerequisites
from tests.soak.harness import run_soak

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("RUN_SOAK"),
        reason="RUN_SOAK=1 to run: one run in several still sees an acknowledged update "
        "reverted across the kill and restart (under investigation; docs/architecture.md)",
    ),
]


def test_nothing_is_lost_duplicated_or_reordered_through_faults_and_a_crash():
    skip_or_fail_without_prerequisites()
    report = run_soak(writes=300, clients=3)
    print("\n".join(report.lines()))
    assert report.problems() == []
