"""E-mails of the sellers domain, through Django's mail API (console backend by default)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.sellers.models import ConfirmationRequest, SellerMembership


def owner_addresses(seller: Producer) -> list[str]:
    """E-mail addresses of the shop's owners (many sellers have only a mobile number)."""
    users = [seller.owner] if seller.owner is not None else []
    users += [
        m.user for m in SellerMembership.objects.filter(seller_id=seller.pk).select_related("user")
    ]
    return sorted({u.email for u in users if isinstance(u, User) and u.email and u.is_active})


def send_confirmation_request(request: ConfirmationRequest) -> bool:
    recipients = owner_addresses(request.seller)
    if not recipients:
        return False
    with translation.override("zh-hans"):
        subject = _("Please confirm: %(summary)s") % {"summary": request.summary}
        body = "\n".join(
            [
                _("%(helper)s asked to do this for your shop %(shop)s:")
                % {"helper": request.requested_by, "shop": request.seller.name},
                "",
                request.summary,
                "",
                _("Nothing happens until you confirm it in the seller portal."),
            ]
        )
    send_mail(subject, body, None, recipients)
    return True
