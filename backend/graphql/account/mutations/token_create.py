"""`tokenCreate`: sign in with e-mail (or mobile number) and password; returns a JWT pair."""

from __future__ import annotations

from typing import Any

import graphene
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.graphql.account.errors import AccountError, AccountErrorCode
from backend.graphql.account.tokens import ACCESS, REFRESH, create_token
from backend.graphql.account.types import User
from backend.graphql.core.mutations import BaseMutation, MutationErrors


class CreateToken(BaseMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(description="JWT refresh token, required to re-generate.")
    csrf_token = graphene.String(description="Not used: refresh tokens are not kept in cookies.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        email = graphene.String(
            required=True, description="Email of a user (a mobile number also works)."
        )
        password = graphene.String(required=True, description="Password of a user.")

    class Meta:
        description = "Create JWT token."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = authenticate(info.context.request, username=data["email"], password=data["password"])
        if user is None:
            raise MutationErrors.of(
                AccountErrorCode.INVALID_CREDENTIALS,
                field="email",
                message=_("Enter a correct email address (or mobile number) and password."),
            )
        return cls(
            token=create_token(user, ACCESS),  # type: ignore[arg-type]
            refresh_token=create_token(user, REFRESH),  # type: ignore[arg-type]
            csrf_token=None,
            user=user,
        )
