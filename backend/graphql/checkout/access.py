"""Finding the checkout a request may use.

A checkout is reached by its token (the global ID `Checkout:<token>`, or the deprecated `token`
and `checkoutId` arguments). Anyone holding the token of an anonymous checkout may use it, as
in Saleor; a checkout that belongs to a user is reachable only by that user. A missing checkout
and another user's checkout give the same `NOT_FOUND` on `id`.

Used with a signed-in user's credentials, an anonymous checkout becomes theirs on the first
change (`merge_anonymous_checkout_into_user`: their earlier cart in the channel is merged into
it). Reads never change anything.
"""

from __future__ import annotations

from uuid import UUID

from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo
from graphql_relay import from_global_id

from backend.accounts.models import User
from backend.checkout.errors import CheckoutError as DomainCheckoutError
from backend.checkout.fetch import get_checkout
from backend.checkout.merge import merge_anonymous_checkout_into_user
from backend.checkout.models import Checkout
from backend.graphql.checkout.enums import CheckoutErrorCode
from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import MutationErrors

NOT_FOUND_MESSAGE = _("This cart no longer exists.")


def parse_checkout_id(global_id: str, *, field: str = "id") -> UUID:
    """The token behind a `Checkout` global ID; GRAPHQL_ERROR when it is not one."""
    try:
        type_name, raw = from_global_id(global_id)
        if type_name != "Checkout":
            raise ValueError(type_name)
        return UUID(raw)
    except Exception:  # graphql-relay raises several kinds on garbage input
        raise MutationErrors.of(
            CheckoutErrorCode.GRAPHQL_ERROR,
            field=field,
            message=_("This is not the ID of a cart."),
        ) from None


def checkout_token_from_args(
    *, id: str | None = None, token: UUID | None = None, checkout_id: str | None = None
) -> UUID:
    if id is not None:
        return parse_checkout_id(id)
    if checkout_id is not None:
        return parse_checkout_id(checkout_id, field="checkoutId")
    if token is not None:
        return token
    raise MutationErrors.of(
        CheckoutErrorCode.REQUIRED, field="id", message=_("Say which cart to change.")
    )


def _not_found() -> MutationErrors:
    return MutationErrors.of(CheckoutErrorCode.NOT_FOUND, field="id", message=NOT_FOUND_MESSAGE)


def visible_checkout(token: UUID, user: User | None) -> Checkout | None:
    """The checkout when this user (or anonymous visitor) may see it."""
    try:
        checkout = get_checkout(token)
    except Checkout.DoesNotExist:
        return None
    if checkout.user_id is not None and (user is None or checkout.user_id != user.pk):
        return None
    return checkout


def access_checkout(info: GraphQLResolveInfo, token: UUID, *, for_write: bool) -> Checkout:
    """The checkout the request may use; for a write by a signed-in user, an anonymous one
    becomes theirs first. Raises MutationErrors NOT_FOUND."""
    user = current_user(info)
    checkout = visible_checkout(token, user)
    if checkout is None:
        raise _not_found()
    if for_write and user is not None and checkout.user_id is None:
        try:
            checkout = merge_anonymous_checkout_into_user(checkout, user, actor=user)
        except DomainCheckoutError:
            raise _not_found() from None
    return checkout
