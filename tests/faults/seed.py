"""Run inside a server-side Django (`python -m tests.faults.seed`, DATABASE_URL set to the fault
cluster): a channel, a courier, four products with little stock, and eight orders awaiting a
Stripe payment whose PaymentIntent ids are known. Prints what the buyers and the webhook
sender need as one JSON line."""

from __future__ import annotations

import json

import django

STOCK_EACH = 12
PRODUCTS = 4
STRIPE_ORDERS = 8


def main() -> None:
    django.setup()
    from backend.catalog.tests.factories import ChannelFactory
    from backend.checkout.models import ShippingMethod
    from backend.checkout.tests.scenarios import listed_variant, ready_checkout
    from backend.orders.complete_checkout import complete_checkout
    from backend.payments.models import Payment
    from backend.payments.stripe_gateway import STRIPE_ID, to_minor_units
    from backend.regions.models import Region

    channel = ChannelFactory()
    courier = ShippingMethod.objects.get(slug="standard")  # made by a checkout migration
    variants = [listed_variant(channel, stock=STOCK_EACH) for _ in range(PRODUCTS)]
    payments = []
    for index in range(STRIPE_ORDERS):
        checkout = ready_checkout(channel, [(variants[index % PRODUCTS], 1)], method=courier)
        order = complete_checkout(checkout, actor=None, gateway=STRIPE_ID)
        payment = Payment.objects.get(order=order, gateway=STRIPE_ID)
        # What start_stripe_payment stores once Stripe has created the PaymentIntent.
        intent = f"pi_fault_{payment.pk:06d}"
        Payment.objects.filter(pk=payment.pk).update(psp_reference=intent)
        payments.append({"intent": intent, "amount": int(to_minor_units(payment.amount))})
    county = Region.objects.get(code="110105")
    print(
        json.dumps(
            {
                "products": [
                    {"variant": v.pk, "slug": v.product.slug, "stock": STOCK_EACH} for v in variants
                ],
                "county": {"id": county.pk, "province": county.province_code},
                "method": courier.pk,
                "payments": payments,
            }
        )
    )


if __name__ == "__main__":
    main()
