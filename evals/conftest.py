"""Fixtures for the eval gate (shared with tests/) and the report written when the run ends."""

from __future__ import annotations

from evals.report import Recorder, write_report
from tests.conftest import indexed, pipeline, real_embeddings  # noqa: F401  (fixtures)

RECORDER = Recorder()


def pytest_sessionfinish(session, exitstatus):
    if RECORDER.ours:
        write_report(RECORDER)
