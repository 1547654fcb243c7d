"""Shared fixtures: where ../shared is, and a hypothesis profile for CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # benchmarks/ (the metric) is a top-level folder, not installed
    sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("NEWSCLEAN_SHARED", REPO.parent / "shared"))

settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(
            f"shared data not found at {p} (set NEWSCLEAN_SHARED or place ../shared beside the repo)"
        )
    return p
