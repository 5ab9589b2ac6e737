"""Order e-mails, sent through Django's mail API (console backend unless configured).

Plain text built here with translated English msgids; the storefront may add HTML templates.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from backend.orders.models import Order


def send_order_confirmation(order: Order) -> bool:
    """Send the "order received" e-mail; returns False when the order has no e-mail address."""
    if not order.email:
        return False
    with translation.override("zh-hans"):
        lines = [
            _("Thank you for your order %(number)s.") % {"number": order.pk},
            "",
        ]
        for line in order.lines.all():
            lines.append(
                f"{line.product_name} {line.variant_name} × {line.quantity}  "
                f"{line.total_price_amount} {line.currency}"
            )
        lines += [
            "",
            _("Shipping: %(amount)s %(currency)s")
            % {"amount": order.shipping_amount, "currency": order.currency},
            _("Total: %(amount)s %(currency)s")
            % {"amount": order.total_amount, "currency": order.currency},
        ]
        subject = _("Order %(number)s received") % {"number": order.pk}
    send_mail(subject, "\n".join(lines), None, [order.email])
    return True
