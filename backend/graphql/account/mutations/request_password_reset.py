"""`requestPasswordReset` (Saleor 3): e-mail a link to choose a new password.

The same empty `errors` whatever the address (no user enumeration); only a malformed or foreign
`redirectUrl` is an error. The link is `redirectUrl?email=…&token=…`, which the client's page
passes to `setPassword`. Rate-limited per IP and per account (backend.security.limits).
"""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.accounts.password_reset import request_password_reset
from backend.graphql.account.errors import AccountError
from backend.graphql.account.links import link_pattern
from backend.graphql.core.mutations import BaseMutation


class RequestPasswordReset(BaseMutation):
    class Arguments:
        email = graphene.String(
            required=True,
            description="Email of the user that will be used for password recovery.",
        )
        redirect_url = graphene.String(
            required=True,
            description="URL of a view where users should be redirected to reset the password.",
        )
        channel = graphene.String(description="Slug of a channel (not used).")

    class Meta:
        description = "Sends an email with the account password modification link."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        pattern = link_pattern(data["redirect_url"], "email", "token")
        request_password_reset(data["email"], link_pattern=pattern)
        return cls()
