"""The `Upload` scalar of the GraphQL multipart request spec (Saleor's `Upload`).

A client sends `multipart/form-data` with `operations` (the JSON request, the file variables set
to null), `map` (which form part goes to which variable) and the files; the view puts each
uploaded file into its variable (see `backend/graphql/views.py`), and this scalar passes it on.
"""

from __future__ import annotations

from typing import Any

import graphene


class Upload(graphene.Scalar):
    """Variables of this type must be set to null in mutations. They will be replaced with a
    filename from a following multipart part containing a binary file. See:
    https://github.com/jaydenseric/graphql-multipart-request-spec."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return getattr(value, "name", value)

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return None

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value
