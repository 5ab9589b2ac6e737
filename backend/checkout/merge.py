"""Signing in keeps the anonymous cart.

The anonymous checkout survives (its token is the one the browser holds) and becomes the
user's; the lines of the user's earlier checkout in the same channel are added to it, capped at
the per-line limit, and that earlier checkout is deleted. Missing e-mail and address are filled
from the user and the earlier checkout. Stock for the merged lines is reserved as far as it
goes: a short line stays in the cart and the checkout reports it as a problem.
"""

from __future__ import annotations

from django.db import transaction

from backend.accounts.models import User
from backend.checkout.errors import checkout_not_found
from backend.checkout.lines import max_line_quantity, touch
from backend.checkout.models import Checkout, CheckoutLine
from backend.warehouse import locks
from backend.warehouse.availability import StockRequest
from backend.warehouse.reservations import reservations_enabled, reserve_stocks

ADDRESS_FIELDS = (
    "recipient_name",
    "mobile",
    "shipping_province",
    "shipping_city",
    "shipping_county",
    "address_detail",
)


def _earlier_checkout(user: User, anonymous: Checkout) -> Checkout | None:
    return (
        Checkout.objects.filter(user=user, channel_id=anonymous.channel_id)
        .exclude(pk=anonymous.pk)
        .order_by("-last_change")
        .first()
    )


def _move_lines(source: Checkout, target: Checkout) -> list[CheckoutLine]:
    """Add the source's lines to the target's; returns the target lines that changed."""
    target_lines = {line.variant_id: line for line in CheckoutLine.objects.filter(checkout=target)}
    changed, created = [], []
    for line in CheckoutLine.objects.filter(checkout=source).select_related("variant"):
        limit = min(
            max_line_quantity(), line.variant.quantity_limit_per_customer or max_line_quantity()
        )
        if line.variant_id in target_lines:
            kept = target_lines[line.variant_id]
            merged = min(kept.quantity + line.quantity, limit)
            if merged != kept.quantity:
                kept.quantity = merged
                kept.variant = line.variant
                changed.append(kept)
        else:
            created.append(
                CheckoutLine(
                    checkout=target, variant=line.variant, quantity=min(line.quantity, limit)
                )
            )
    CheckoutLine.objects.bulk_update(changed, ["quantity"])
    return changed + CheckoutLine.objects.bulk_create(created)


def merge_anonymous_checkout_into_user(
    anonymous: Checkout, user: User, *, actor: User | None
) -> Checkout:
    """Give the anonymous checkout to the user who just signed in; returns it.

    A checkout that already belongs to another user is `not_found` for this one.
    """
    if anonymous.user_id is not None and anonymous.user_id != user.pk:
        raise checkout_not_found()
    earlier = _earlier_checkout(user, anonymous)
    tokens = [anonymous.pk] + ([earlier.pk] if earlier else [])
    with transaction.atomic(durable=True):
        locked = {c.pk: c for c in locks.lock_checkouts_for_delete(tokens)}
        target = locked.get(anonymous.pk)
        if target is None or target.user_id not in (None, user.pk):
            raise checkout_not_found()
        source = locked.get(earlier.pk) if earlier else None
        target.user = user
        target.email = target.email or user.email or (source.email if source else "")
        fields = ["user", "email"]
        moved: list[CheckoutLine] = []
        if source is not None:
            if not target.has_shipping_address and source.has_shipping_address:
                for name in ADDRESS_FIELDS:
                    setattr(target, name, getattr(source, name))
                fields += ADDRESS_FIELDS
            if target.delivery_method_id is None and source.delivery_method_id is not None:
                target.delivery_method_id = source.delivery_method_id
                fields.append("delivery_method")
            moved = _move_lines(source, target)
            source.delete()
        touch(target, *fields)
        tracked = [line for line in moved if line.variant.track_inventory]
        if tracked and reservations_enabled():
            reserve_stocks(
                [StockRequest(line.pk, line.variant_id, line.quantity) for line in tracked],
                checkout_token=target.pk,
                partial=True,
            )
    return target
