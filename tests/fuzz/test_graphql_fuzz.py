"""GraphQL fuzzing with schemathesis: generated queries and mutations for every root field, as
an anonymous visitor and as a signed-in seller, must never get a server error (HTTP 500) and
never leak a stack trace or SQL. Bounded: a few examples per field (about 300 per schema)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from backend.graphql.account.tokens import ACCESS, create_token
from backend.sellers.tests.scenarios import build_people

EXAMPLES_PER_FIELD = 3
LEAKS = ("Traceback", "psycopg", "django.db", 'File "/', "SELECT ", "INSERT INTO")

# Strategies for the project's custom scalars: decimals as strings (also negative, huge and
# malformed), JSON strings and metadata, and no file for uploads (multipart is tested elsewhere).
nodes = schemathesis.graphql.nodes
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
        st.sampled_from(["-1", "1e309", "0.001", "abc", "", "99999999999999.99"]),
    ).map(nodes.String),
)
schemathesis.graphql.scalar(
    "JSONString", st.sampled_from(["{}", "[]", '{"a": 1}', "not json"]).map(nodes.String)
)
schemathesis.graphql.scalar(
    "Metadata", st.sampled_from(["{}", '{"key": "value"}']).map(nodes.String)
)
schemathesis.graphql.scalar("Upload", st.just(nodes.Null))

schema = schemathesis.graphql.from_wsgi("/graphql/", get_wsgi_application())
fuzz_settings = settings(
    max_examples=EXAMPLES_PER_FIELD,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _check(response: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert status < 500, text[:2000]
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} leaked: {text[:2000]}"


@pytest.fixture(autouse=True)
def keep_test_connection() -> Iterator[None]:
    """Like Django's test client: the raw WSGI app must not close the test's connection (and
    its transaction) when a request finishes."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def seller_token(db: None) -> str:
    people = build_people()
    return create_token(people.user("owner"), ACCESS)


@schema.parametrize()
@fuzz_settings
@pytest.mark.django_db
def test_graphql_fuzz_anonymous_no_server_error(case: schemathesis.Case) -> None:
    # when / then
    _check(case.call())


@schema.parametrize()
@fuzz_settings
@pytest.mark.django_db
def test_graphql_fuzz_signed_in_seller_no_server_error(
    case: schemathesis.Case, seller_token: str
) -> None:
    # when / then
    _check(case.call(headers={"Authorization": f"Bearer {seller_token}"}))
