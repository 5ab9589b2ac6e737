"""What an order shows to someone who holds its token but is not its customer.

`orderByToken` answers anyone with the token (a guest's confirmation page, a shared link), as
Saleor does; personal data is then masked the way Saleor obfuscates it: the customer's e-mail,
the recipient's name, mobile number and street. Province, city and county stay readable (they
say where the parcel goes, not who lives there). The customer signed in sees everything, and so
does the request that just placed the order (`checkoutComplete`).
"""

from __future__ import annotations

from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.orders.models import Order

MASK = "*"


REVEALED = "_revealed_to_requester"


def reveal_to_requester(order: Order) -> None:
    """The order was just placed by this request (`checkoutComplete`), which knew all of it."""
    setattr(order, REVEALED, True)


def is_customer(info: GraphQLResolveInfo, order: Order) -> bool:
    if getattr(order, REVEALED, False):
        return True
    viewer = current_user(info)
    return viewer is not None and order.user_id is not None and order.user_id == viewer.pk


def mask_email(email: str) -> str:
    local, at, domain = email.partition("@")
    if not at:
        return MASK * 3
    return f"{local[:1]}{MASK * 3}@{domain}"


def mask_name(name: str) -> str:
    return f"{name[:1]}{MASK * 2}" if name else ""


def mask_phone(phone: str) -> str:
    """+8613912345678 → +86139****5678."""
    if len(phone) <= 7:
        return MASK * len(phone)
    return f"{phone[:-8]}{MASK * 4}{phone[-4:]}"


def mask_street(street: str) -> str:
    return MASK * 3 if street else ""
