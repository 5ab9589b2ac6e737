"""`accountRegister`: a customer account, ready to sign in (no e-mail confirmation step).

The account is made by `backend.accounts.registration.register_account`, the same service the
seller portal's sign-up uses; its problems become the payload's errors, field by field.
"""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.accounts.registration import RegistrationError, register_account
from backend.graphql.account.errors import AccountError
from backend.graphql.account.types import User
from backend.graphql.checkout.address import recipient_name
from backend.graphql.core.mutations import BaseMutation, FieldError, MutationErrors


class AccountRegisterInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name, or the full name.")
    last_name = graphene.String(description="Family name.")
    email = graphene.String(required=True, description="The email address of the user.")
    password = graphene.String(required=True, description="Password.")
    redirect_url = graphene.String(description="Not used: accounts need no confirmation.")
    channel = graphene.String(description="Slug of a channel (not used).")


# The service's field names -> this mutation's input names.
INPUT_FIELDS = {"name": "firstName"}


class AccountRegister(BaseMutation):
    requires_confirmation = graphene.Boolean(
        description="Informs whether users need to confirm their email address."
    )
    user = graphene.Field(User)

    class Arguments:
        input = AccountRegisterInput(required=True, description="Fields required to create a user.")

    class Meta:
        description = "Register a new user."
        error_type_class = AccountError

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        input = data["input"]
        name = recipient_name((input.first_name or "").strip(), (input.last_name or "").strip())
        try:
            user = register_account(
                email=(input.email or "").strip(), password=input.password or "", name=name
            )
        except RegistrationError as error:
            raise MutationErrors(
                [
                    FieldError(p.code.value, INPUT_FIELDS.get(p.field, p.field), p.message)
                    for p in error.problems
                ]
            ) from None
        return cls(requires_confirmation=False, user=user)
