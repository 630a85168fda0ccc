"""Fuzzing every route from the API's own OpenAPI schema (schemathesis) against a live server.

Valid and invalid inputs alike must never meet a server error; responses must match the documented
status codes, content types and schemas.
"""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from assistant.api import create_app
from assistant.chain import build_pipeline
from tests.conftest import CORPUS, make_settings
from tests.servers import ThreadedServer, copy_index

pytestmark = pytest.mark.server
EXAMPLES = 60


@pytest.fixture(scope="module")
def live(tmp_path_factory, indexed, real_embeddings):
    # A copy of the corpus and its index: the fuzzer may add and remove documents.
    # No rate limit here: the fuzzer sends hundreds of requests from one address.
    tmp = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(CORPUS, tmp / "corpus")
    copy_index(indexed[0].store.path, tmp)
    settings = make_settings(tmp, corpus=tmp / "corpus", api={"rate_limit_per_minute": 0, "max_upload_bytes": 65536})
    pipeline = build_pipeline(settings, embeddings=real_embeddings)
    with ThreadedServer(create_app(pipeline, settings, ui=False)) as server:
        yield server


@pytest.fixture(scope="module")
def api_schema(live):
    return schemathesis.openapi.from_url(f"{live.url}/openapi.json")


WITH_INPUT = [
    ("/ask", "POST"),
    ("/ask/stream", "POST"),
    ("/v1/chat/completions", "POST"),
    ("/sources/{article_id}", "GET"),
    ("/sources", "POST"),
    ("/sources/{article_id}", "DELETE"),
]
WITHOUT_INPUT = [("/v1/models", "GET"), ("/health", "GET"), ("/sources", "GET")]
OPERATIONS = WITH_INPUT + WITHOUT_INPUT
VALID, INVALID = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
# Routes without input have no invalid variant to generate.
RUNS = [(p, m, VALID) for p, m in OPERATIONS] + [(p, m, INVALID) for p, m in WITH_INPUT]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_the_schema_lists_exactly_the_fuzzed_operations(api_schema):
    listed = {(op.ok().path, op.ok().method.upper()) for op in api_schema.get_all_operations()}
    assert listed == set(OPERATIONS)


# schemathesis' own pytest integration (``schemathesis.pytest.from_fixture``) fails under pytest 9
# (it sets ``Function._nodeid``), so each operation runs as a plain Hypothesis test here.
@pytest.mark.parametrize(("path", "method", "mode"), RUNS, ids=[f"{m} {p} {mode.value}" for p, m, mode in RUNS])
def test_no_input_makes_the_server_fail(api_schema, path, method, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
    def run(case):
        case.call_and_validate(checks=CHECKS, timeout=30)

    run()
