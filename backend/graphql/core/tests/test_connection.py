from __future__ import annotations

import pytest
from graphql import GraphQLError

from backend.graphql.core.connection import decode_cursor, encode_cursor, page_args
from backend.graphql.core.errors import QueryLimitError


def test_cursor_round_trip_keeps_chinese_text_and_numbers():
    # given
    values = ["渭源党参", "49.90", 12]

    # when
    decoded = decode_cursor(encode_cursor(values))

    # then
    assert decoded == values


@pytest.mark.parametrize("cursor", ["%%%", "bm90IGpzb24=", "eyJhIjogMX0="])
def test_cursor_garbage_is_a_client_error(cursor):
    # when / then
    with pytest.raises(GraphQLError, match=r"Received cursor is invalid\."):
        decode_cursor(cursor)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({}, "You must provide a `first` or `last` value"),
        ({"first": 101}, "exceeds the `first` limit of 100"),
        ({"last": 1000}, "exceeds the `last` limit of 100"),
        ({"first": -1}, "cannot be negative"),
        ({"first": 1, "last": 1}, "Passing both `first` and `last`"),
    ],
)
def test_page_args_refuses_bad_page_sizes(args, message):
    # when / then
    with pytest.raises(QueryLimitError, match=message):
        page_args(args, "products")


def test_page_args_last_with_before_pages_backwards():
    # when
    page = page_args({"last": 10, "before": "abc"}, "products")

    # then
    assert page.backwards
    assert page.cursor == "abc"
    assert page.size == 10
