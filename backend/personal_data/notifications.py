"""The e-mail confirming an account deletion asked for through the API (Chinese first)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from backend.accounts.models import User


def send_deletion_link(user: User, link: str) -> bool:
    if not user.email:
        return False
    with translation.override("zh-hans"):
        subject = _("Confirm that you want to delete your Sunshine Market account")
        body = "\n\n".join(
            [
                _(
                    "Someone asked to delete your Sunshine Market account. If it was you, open "
                    "this link to confirm. Your name, mobile number, email address and "
                    "addresses will be deleted; this cannot be undone:"
                ),
                link,
                _("If it was not you, ignore this e-mail and change your password."),
            ]
        )
    send_mail(subject, body, None, [user.email])
    return True
