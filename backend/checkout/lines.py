"""Create a checkout and change its lines; stock is reserved (or checked) for changed lines.

Each service owns its transaction: validate input → lock the checkout → re-read its lines →
check the variants are for sale → write lines → reserve stock (locks stock rows) → touch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.errors import (
    CheckoutError,
    CheckoutErrorCode,
    CheckoutFieldError,
    checkout_not_found,
)
from backend.checkout.fetch import variants_for_sale
from backend.checkout.models import Checkout, CheckoutLine
from backend.warehouse import locks
from backend.warehouse.availability import StockRequest
from backend.warehouse.reservations import (
    check_stock_quantities,
    reservations_enabled,
    reserve_stocks,
)


@dataclass(frozen=True)
class LineInput:
    variant_id: int
    quantity: int


def max_line_quantity() -> int:
    return int(getattr(settings, "MAX_CHECKOUT_LINE_QUANTITY", 50))


def _quantity_limit(variant: ProductVariant) -> int:
    limit = max_line_quantity()
    if variant.quantity_limit_per_customer:
        limit = min(limit, variant.quantity_limit_per_customer)
    return limit


def clean_email(email: str, *, field: str = "email") -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise CheckoutError.of(
            CheckoutErrorCode.INVALID, field=field, message=_("Enter a valid email address.")
        ) from None
    return email


def _sum_inputs(lines: Iterable[LineInput], *, allow_zero: bool) -> dict[int, int]:
    totals: dict[int, int] = {}
    bad = []
    for line in lines:
        if line.quantity < 0 or (line.quantity == 0 and not allow_zero):
            bad.append(line.variant_id)
        totals[line.variant_id] = totals.get(line.variant_id, 0) + line.quantity
    if bad:
        raise CheckoutError.of(
            CheckoutErrorCode.INVALID_QUANTITY,
            field="lines",
            message=_("Quantities must be whole numbers above zero."),
            variant_ids=bad,
        )
    return totals


def lock_checkout(checkout: Checkout) -> Checkout:
    """Lock the checkout row for a change; a deleted (completed) checkout is `not_found`."""
    try:
        return locks.lock_checkout_for_update(checkout.pk)
    except Checkout.DoesNotExist:
        raise checkout_not_found() from None


def touch(checkout: Checkout, *fields: str) -> None:
    checkout.last_change = timezone.now()
    checkout.save(update_fields=[*fields, "last_change", "updated_at"])


def set_line_quantities(checkout: Checkout, quantities: Mapping[int, int]) -> None:
    """Make the checkout's line for each variant hold the given quantity (0 removes it).

    Assumes the checkout row is locked. Raises `CheckoutError` for variants not for sale or
    quantities over the limits, `InsufficientStock` when stock cannot cover the new quantities.
    """
    wanted = {v: q for v, q in quantities.items() if q > 0}
    for_sale = variants_for_sale(checkout.channel, wanted)
    errors = []
    missing = sorted(set(wanted) - set(for_sale))
    if missing:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.VARIANT_NOT_AVAILABLE,
                "lines",
                _("This item is not for sale."),
                variant_ids=tuple(missing),
            )
        )
    over = sorted(
        v for v, q in wanted.items() if v in for_sale and q > _quantity_limit(for_sale[v])
    )
    if over:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
                "lines",
                _("You cannot buy that many of this item at once."),
                variant_ids=tuple(over),
            )
        )
    if errors:
        raise CheckoutError(errors)

    existing = {
        line.variant_id: line
        for line in CheckoutLine.objects.filter(checkout_id=checkout.pk, variant_id__in=quantities)
    }
    removed = [line.pk for v, line in existing.items() if v not in wanted]
    changed = []
    for variant_id, quantity in wanted.items():
        if variant_id in existing and existing[variant_id].quantity != quantity:
            existing[variant_id].quantity = quantity
            changed.append(existing[variant_id])
    created = CheckoutLine.objects.bulk_create(
        [
            CheckoutLine(checkout=checkout, variant_id=v, quantity=q)
            for v, q in wanted.items()
            if v not in existing
        ]
    )
    if removed:
        CheckoutLine.objects.filter(pk__in=removed).delete()
    if changed:
        CheckoutLine.objects.bulk_update(changed, ["quantity"])

    requests = [
        StockRequest(line_id=line.pk, variant_id=line.variant_id, quantity=line.quantity)
        for line in [*changed, *created]
        if for_sale[line.variant_id].track_inventory
    ]
    if requests:
        if reservations_enabled():
            reserve_stocks(requests, checkout_token=checkout.pk)
        else:
            check_stock_quantities(requests, checkout_token=checkout.pk)


def create_checkout(
    *,
    channel: Channel,
    actor: User | None,
    user: User | None = None,
    email: str = "",
    lines: Sequence[LineInput] = (),
) -> Checkout:
    """A new checkout in the channel, for a signed-in `user` or anonymous, with optional lines."""
    if not channel.is_active:
        raise CheckoutError.of(
            CheckoutErrorCode.CHANNEL_INACTIVE,
            field="channel",
            message=_("This shop is closed for now."),
        )
    email = clean_email(email) if email.strip() else ((user.email or "") if user else "")
    quantities = _sum_inputs(lines, allow_zero=False)
    with transaction.atomic(durable=True):
        checkout = Checkout.objects.create(channel=channel, user=user, email=email)
        if quantities:
            set_line_quantities(checkout, quantities)
    return checkout


def add_checkout_lines(
    checkout: Checkout, lines: Sequence[LineInput], *, actor: User | None
) -> Checkout:
    """Add quantities to the checkout (to an existing line of the same variant)."""
    requested = _sum_inputs(lines, allow_zero=False)
    with transaction.atomic(durable=True):
        locked = lock_checkout(checkout)
        current = dict(
            CheckoutLine.objects.filter(
                checkout_id=locked.pk, variant_id__in=requested
            ).values_list("variant_id", "quantity")
        )
        set_line_quantities(locked, {v: current.get(v, 0) + q for v, q in requested.items()})
        touch(locked)
    return locked


def update_checkout_lines(
    checkout: Checkout, lines: Sequence[LineInput], *, actor: User | None
) -> Checkout:
    """Set the quantity of each variant's line; quantity 0 removes the line."""
    requested = _sum_inputs(lines, allow_zero=True)
    with transaction.atomic(durable=True):
        locked = lock_checkout(checkout)
        set_line_quantities(locked, requested)
        touch(locked)
    return locked


def delete_checkout_lines(
    checkout: Checkout, line_ids: Sequence[int], *, actor: User | None
) -> Checkout:
    """Remove lines by id; an id that is not a line of this checkout is `not_found`."""
    with transaction.atomic(durable=True):
        locked = lock_checkout(checkout)
        found = set(
            CheckoutLine.objects.filter(checkout_id=locked.pk, pk__in=line_ids).values_list(
                "pk", flat=True
            )
        )
        unknown = sorted(set(line_ids) - found)
        if unknown:
            raise CheckoutError.of(
                CheckoutErrorCode.NOT_FOUND,
                field="line_ids",
                message=_("This line is not in the cart."),
                line_ids=unknown,
            )
        CheckoutLine.objects.filter(pk__in=found).delete()
        touch(locked)
    return locked
