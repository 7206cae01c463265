"""The API against its own OpenAPI description (schemathesis): generated requests, valid and not, to every
operation; no answer is a server error (5xx), and every status code is one the description declares.

Bounded for the suite (a few examples per operation); ``schemathesis run http://127.0.0.1:8000/openapi.json``
against a served store does the long run (README, Reliability)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from test_web_support import filled_store_path

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (test extra)")
from schemathesis.checks import not_a_server_error, status_code_conformance  # noqa: E402

from quellenlage.serve import create_app  # noqa: E402
from quellenlage.store import open_store  # noqa: E402

TOKEN = "schema-token"


def _app():
    # read only: the filled test store, writing with a token whose uploads the schema cannot make valid
    return create_app(store=open_store(filled_store_path()), token=TOKEN)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.include(method="GET").parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_get_answers_a_server_error_or_an_undeclared_status(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance])


@schema.include(method="POST").parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_posts_without_the_token_are_refused_without_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance])
