"""The GraphQL client and catalogue fixtures, shared with backend/graphql's tests."""

from backend.graphql.conftest import (  # noqa: F401 (fixtures)
    certification,
    full_catalogue,
    gql,
    published_collection,
)
