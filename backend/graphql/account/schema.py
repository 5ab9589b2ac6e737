"""Account queries and mutations with Saleor 3's names: `me`, `tokenCreate`, `tokenRefresh`,
`accountRegister`, `requestPasswordReset`, `setPassword`, `accountRequestDeletion`,
`accountDelete`."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.graphql.account.mutations.account_delete import AccountDelete
from backend.graphql.account.mutations.account_register import AccountRegister
from backend.graphql.account.mutations.account_request_deletion import AccountRequestDeletion
from backend.graphql.account.mutations.request_password_reset import RequestPasswordReset
from backend.graphql.account.mutations.set_password import SetPassword
from backend.graphql.account.mutations.token_create import CreateToken
from backend.graphql.account.mutations.token_refresh import RefreshToken
from backend.graphql.account.types import User
from backend.graphql.core.auth import current_user


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="Return the currently authenticated user.")

    @staticmethod
    def resolve_me(root: None, info: GraphQLResolveInfo) -> Any:
        return current_user(info)


class AccountMutations(graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    account_register = AccountRegister.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    account_request_deletion = AccountRequestDeletion.Field()
    account_delete = AccountDelete.Field()
