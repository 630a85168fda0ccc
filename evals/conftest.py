"""Fixtures for the eval gate (shared with tests/) and the report written when the run ends.

``EVALS_ARTICLES_ONLY=1`` indexes the articles alone, without ``corpus/facts.yaml`` and
``corpus/glossary.yaml``: everything the answers use is then learned from the text at index time. The
report of such a run is written beside the usual one (``report-articles-only.md``).
"""

from __future__ import annotations

import os
import shutil

import pytest

from evals.report import Recorder, write_report
from tests.conftest import CORPUS, indexed, make_settings, pipeline, real_embeddings  # noqa: F401  (fixtures)

RECORDER = Recorder()
ARTICLES_ONLY = os.environ.get("EVALS_ARTICLES_ONLY", "").lower() not in ("", "0", "false", "no")

if ARTICLES_ONLY:

    @pytest.fixture(scope="session")
    def indexed(tmp_path_factory, real_embeddings):
        """The project's articles alone, indexed once with the real model."""
        from assistant.indexer import run_index
        from assistant.store import Store

        tmp = tmp_path_factory.mktemp("indexed")
        shutil.copytree(CORPUS / "articles", tmp / "corpus" / "articles")
        settings = make_settings(tmp, corpus=tmp / "corpus")
        store = Store(settings.store)
        run_index(settings, real_embeddings, store)
        return settings, store


def pytest_sessionfinish(session, exitstatus):
    if RECORDER.ours:
        write_report(RECORDER, name="report-articles-only" if ARTICLES_ONLY else "report")
