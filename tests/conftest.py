"""Shared test set-up: paths, and CI's rule that a skipped test is a failed run."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def pytest_sessionfinish(session, exitstatus):
    """On CI a skipped browser test must not pass as green: missing Chromium is a failure."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} test(s) skipped; failing the run", red=True)
        session.exitstatus = 1
