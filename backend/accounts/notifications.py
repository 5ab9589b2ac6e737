"""Account e-mails (Django's mail API), Chinese first: the password reset link."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from backend.accounts.models import User


def send_password_reset_email(user: User, link: str) -> bool:
    if not user.email:
        return False
    days = max(1, int(getattr(settings, "PASSWORD_RESET_TIMEOUT", 259200)) // 86400)
    with translation.override("zh-hans"):
        subject = _("Choose a new password for Sunshine Market")
        body = "\n\n".join(
            [
                _(
                    "Someone asked to reset the password of your Sunshine Market account. If it "
                    "was you, open this link within %(days)d days to choose a new password:"
                )
                % {"days": days},
                link,
                _(
                    "If it was not you, you can ignore this e-mail: your password stays the "
                    "same, and nobody can change it without this link."
                ),
            ]
        )
    send_mail(subject, body, None, [user.email])
    return True
