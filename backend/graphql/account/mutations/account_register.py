"""`accountRegister`: a customer account, ready to sign in (no e-mail confirmation step)."""

from __future__ import annotations

from typing import Any

import graphene
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.accounts.models import User as UserModel
from backend.graphql.account.errors import AccountError, AccountErrorCode
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


def _clean(input: Any) -> tuple[str, str, str]:
    errors: list[FieldError] = []
    email = UserModel.objects.normalize_email((input.email or "").strip())
    name = recipient_name((input.first_name or "").strip(), (input.last_name or "").strip())
    if not email:
        errors.append(
            FieldError(AccountErrorCode.REQUIRED.value, "email", _("Enter an email address."))
        )
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                FieldError(
                    AccountErrorCode.INVALID.value, "email", _("Enter a valid email address.")
                )
            )
        else:
            if UserModel.objects.filter(email__iexact=email).exists():
                errors.append(
                    FieldError(
                        AccountErrorCode.UNIQUE.value,
                        "email",
                        _("A user with this email already exists."),
                    )
                )
    try:
        validate_password(input.password, user=UserModel(email=email, name=name))
    except ValidationError as error:
        known = {code.value for code in AccountErrorCode}
        for item in error.error_list:
            code = item.code if item.code in known else AccountErrorCode.INVALID_PASSWORD.value
            message = item.message % item.params if item.params else item.message
            errors.append(FieldError(code, "password", message))
    if errors:
        raise MutationErrors(errors)
    return email, input.password, name


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
        email, password, name = _clean(data["input"])
        try:
            with transaction.atomic():
                user = UserModel.objects.create_user(email, password, name=name)
        except IntegrityError:  # registered by a concurrent request since the check
            raise MutationErrors.of(
                AccountErrorCode.UNIQUE,
                field="email",
                message=_("A user with this email already exists."),
            ) from None
        return cls(requires_confirmation=False, user=user)
