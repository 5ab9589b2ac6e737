"""BaseMutation's gate: a mutation that declares `login_required` or `permissions` answers a
top-level PermissionDenied to whoever lacks them, and never runs."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.test import RequestFactory

from backend.graphql.account.errors import AccountError
from backend.graphql.core.context import GraphQLContext
from backend.graphql.core.mutations import BaseMutation

RAN: list[str] = []


class GuardedPing(BaseMutation):
    ok = graphene.Boolean()

    class Meta:
        error_type_class = AccountError
        permissions = ("accounts.view_user",)

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        RAN.append("ran")
        return cls(ok=True)


class Mutation(graphene.ObjectType):
    guarded_ping = GuardedPing.Field()


class Query(graphene.ObjectType):
    noop = graphene.Boolean()


SCHEMA = graphene.Schema(query=Query, mutation=Mutation)


def run(user: Any) -> Any:
    request = RequestFactory().post("/graphql/")
    request.user = user
    return SCHEMA.execute(
        "mutation { guardedPing { ok errors { code } } }",
        context_value=GraphQLContext(request=request),
    )


@pytest.fixture(autouse=True)
def _clear_runs() -> None:
    RAN.clear()


def test_base_mutation_anonymous_permission_denied(db):
    # when
    result = run(AnonymousUser())

    # then
    assert [type(e.original_error).__name__ for e in result.errors] == ["PermissionDenied"]
    assert RAN == []


def test_base_mutation_user_without_permission_denied(customer):
    # when
    result = run(customer)

    # then
    assert [type(e.original_error).__name__ for e in result.errors] == ["PermissionDenied"]
    assert RAN == []


def test_base_mutation_user_with_permission_runs_with_empty_errors(customer):
    # given
    customer.user_permissions.add(Permission.objects.get(codename="view_user"))
    customer = type(customer).objects.get(pk=customer.pk)  # fresh permission cache

    # when
    result = run(customer)

    # then
    assert result.errors is None
    assert result.data == {"guardedPing": {"ok": True, "errors": []}}
    assert RAN == ["ran"]
