"""`tokenRefresh`: a new access token for a refresh token."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.graphql.account.errors import AccountError, AccountErrorCode
from backend.graphql.account.tokens import (
    ACCESS,
    REFRESH,
    TokenExpired,
    TokenInvalid,
    create_token,
    user_from_token,
)
from backend.graphql.account.types import User
from backend.graphql.core.mutations import BaseMutation, MutationErrors


class RefreshToken(BaseMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        refresh_token = graphene.String(description="Refresh token.")
        csrf_token = graphene.String(description="Not used: see `tokenCreate.csrfToken`.")

    class Meta:
        description = "Refresh JWT token."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        refresh_token = data.get("refresh_token")
        if not refresh_token:
            raise MutationErrors.of(
                AccountErrorCode.JWT_MISSING_TOKEN,
                field="refreshToken",
                message=_("Send the refresh token."),
            )
        try:
            user = user_from_token(refresh_token, REFRESH)
        except TokenExpired:
            raise MutationErrors.of(
                AccountErrorCode.JWT_SIGNATURE_EXPIRED,
                field="refreshToken",
                message=_("This token has expired. Sign in again."),
            ) from None
        except TokenInvalid:
            raise MutationErrors.of(
                AccountErrorCode.JWT_INVALID_TOKEN,
                field="refreshToken",
                message=_("This token is not valid. Sign in again."),
            ) from None
        return cls(token=create_token(user, ACCESS), user=user)
