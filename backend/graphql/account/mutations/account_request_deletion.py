"""`accountRequestDeletion` (Saleor 3): e-mail the signed-in person a link confirming the
deletion of their account; `accountDelete(token)` completes it. Refused at once (errors with the
service's codes) while something is in flight, since the link could not work then."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.graphql.account.deletion_errors import blocked
from backend.graphql.account.errors import AccountError, AccountErrorCode
from backend.graphql.account.links import link_pattern
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.personal_data.deletion_requests import request_account_deletion
from backend.personal_data.errors import AccountDeletionBlocked, NoEmailAddress


class AccountRequestDeletion(BaseMutation):
    class Arguments:
        redirect_url = graphene.String(
            required=True,
            description="URL of a view where users should be redirected to delete their account.",
        )
        channel = graphene.String(description="Slug of a channel (not used).")

    class Meta:
        description = "Sends an email with the account removal link for the logged-in user."
        error_type_class = AccountError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = current_user(info)
        assert user is not None  # login_required
        pattern = link_pattern(data["redirect_url"], "token")
        try:
            request_account_deletion(user, link_pattern=pattern)
        except AccountDeletionBlocked as error:
            raise blocked(error.blockers) from None
        except NoEmailAddress:
            raise MutationErrors.of(
                AccountErrorCode.INVALID,
                field=None,
                message=_(
                    "Your account has no email address to send the link to. Delete it on the "
                    "website's 'Your personal data' page, with your password."
                ),
            ) from None
        return cls()
