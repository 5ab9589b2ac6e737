"""`accountDelete` (Saleor 3): delete the signed-in person's account with the token e-mailed by
`accountRequestDeletion`. Personal data is erased and orders are anonymised, not deleted (see
`backend.personal_data.erasure`); the account can never sign in again."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.graphql.account.deletion_errors import blocked
from backend.graphql.account.errors import AccountError, AccountErrorCode
from backend.graphql.account.types import User
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.personal_data.deletion_requests import deletion_token_is_valid
from backend.personal_data.erasure import delete_account
from backend.personal_data.errors import AccountDeletionBlocked


class AccountDelete(BaseMutation):
    user = graphene.Field(User, description="The deleted (anonymised) account.")

    class Arguments:
        token = graphene.String(
            required=True,
            description="A one-time token required to remove account. Sent by email using "
            "AccountRequestDeletion mutation.",
        )

    class Meta:
        description = "Remove user account."
        error_type_class = AccountError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = current_user(info)
        assert user is not None  # login_required
        if not deletion_token_is_valid(user, data["token"]):
            raise MutationErrors.of(
                AccountErrorCode.INVALID,
                field="token",
                message=_("This link does not work: ask for a new one."),
            )
        try:
            delete_account(user, actor=user)
        except AccountDeletionBlocked as error:
            raise blocked(error.blockers) from None
        user.refresh_from_db()
        return cls(user=user)
