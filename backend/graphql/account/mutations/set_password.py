"""`setPassword` (Saleor 3): a new password with the token of a reset link; signs in (a JWT
pair), as Saleor does. The token works once and stops working when the password changes."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.accounts.lookups import get_user_by_login
from backend.accounts.models import User as UserModel
from backend.accounts.password_reset import (
    INVALID_TOKEN,
    PasswordResetError,
    set_password_with_token,
)
from backend.graphql.account.errors import AccountError, AccountErrorCode
from backend.graphql.account.tokens import ACCESS, REFRESH, create_token
from backend.graphql.account.types import User
from backend.graphql.core.mutations import BaseMutation, FieldError, MutationErrors

KNOWN_CODES = {code.value for code in AccountErrorCode}


class SetPassword(BaseMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(description="JWT refresh token, required to re-generate.")
    csrf_token = graphene.String(description="Not used: refresh tokens are not kept in cookies.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        token = graphene.String(
            description="A one-time token required to set the password.", required=True
        )
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")

    class Meta:
        description = "Sets the user's password from the token sent by email."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        try:
            user: UserModel | None = get_user_by_login(data["email"])
        except UserModel.DoesNotExist:
            user = None
        try:
            user = set_password_with_token(user, data["token"], data["password"])
        except PasswordResetError as error:
            raise MutationErrors(
                [_field_error(p.code, p.message) for p in error.problems]
            ) from None
        return cls(
            token=create_token(user, ACCESS),
            refresh_token=create_token(user, REFRESH),
            csrf_token=None,
            user=user,
        )


def _field_error(code: str, message: str) -> FieldError:
    if code == INVALID_TOKEN:
        return FieldError(
            AccountErrorCode.INVALID.value,
            "token",
            _("This link does not work: it is more than 3 days old, or it was used already."),
        )
    value = code if code in KNOWN_CODES else AccountErrorCode.INVALID_PASSWORD.value
    return FieldError(value, "password", message)
