"""schemathesis against the live API (Django's WSGI application, in-process): every
operation of the OpenAPI schema, with generated parameters, must answer as its
schema says (status codes, content types, bodies), never with a server error.

Generated years and codes rarely name a published year or a kab/kota of it, so half
of the draws are pointed at the published year and at its kab/kota (still through
the same checks). Bounded examples keep it to a few seconds.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests.opendata.conftest import publish

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _point_at_published(case, year: int) -> None:
    params = case.path_parameters or {}
    if isinstance(params.get("year"), int) and params["year"] % 2 == 0:
        params["year"] = year
    if isinstance(params.get("code"), str) and len(params["code"]) % 2 == 0:
        params["code"] = "33.73"


@pytest.fixture
def _connection_kept():
    """The WSGI handler closes "old" connections when a request starts and ends,
    which inside the test's transaction would close it; Django's test client
    disconnects the same receivers around its requests."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.mark.usefixtures("_connection_kept")
def test_the_api_keeps_its_schema(scored_year, unpublished_year, ministry):
    publish(scored_year, ministry, ["33.73", "72.71"])
    schema = schemathesis.openapi.from_wsgi(
        reverse("api:schema"), get_wsgi_application()
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/api/v1/years/",
        "/api/v1/years/{year}/results/",
        "/api/v1/regions/{code}/",
    }
    for operation in operations:

        @EXAMPLES
        @given(case=operation.as_strategy())
        def check(case) -> None:
            _point_at_published(case, scored_year.year)
            case.call_and_validate()

        check()
