"""E-mails to sellers about their verification (Django's mail API; console backend by default).

Plain text with English msgids translated to zh-Hans. Sellers without an e-mail address get
nothing here (SMS is for a later issue); the portal shows the same information.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from backend.sellers.notifications import owner_addresses
from backend.verification.models import ApplicationStatus, VerificationApplication


def send_expiry_reminder(application: VerificationApplication) -> bool:
    recipients = owner_addresses(application.seller)
    if not recipients or application.valid_until is None:
        return False
    with translation.override("zh-hans"):
        until = formats.date_format(timezone.localtime(application.valid_until), "DATE_FORMAT")
        subject = _("Your verification ends on %(date)s") % {"date": until}
        body = "\n".join(
            [
                _("The verification “%(kind)s” of your shop %(shop)s ends on %(date)s.")
                % {
                    "kind": application.get_kind_display(),
                    "shop": application.seller.name,
                    "date": until,
                },
                _("After that date its tag is no longer shown on your products."),
                "",
                _("Renew it in the seller portal: it takes a few minutes."),
            ]
        )
    send_mail(subject, body, None, recipients)
    return True


def send_decision(application: VerificationApplication) -> bool:
    recipients = owner_addresses(application.seller)
    if not recipients:
        return False
    with translation.override("zh-hans"):
        messages = {
            ApplicationStatus.APPROVED: _("Your verification “%(kind)s” was approved."),
            ApplicationStatus.REJECTED: _("Your verification “%(kind)s” was not approved."),
            ApplicationStatus.MORE_INFO_REQUESTED: _(
                "The reviewers need more information for your verification “%(kind)s”."
            ),
            ApplicationStatus.REVOKED: _("Your verification “%(kind)s” was withdrawn."),
        }
        template = messages.get(ApplicationStatus(application.status))
        if template is None:
            return False
        first = template % {"kind": application.get_kind_display()}
        lines = [first, ""]
        if application.decision_reason:
            lines += [_("What the reviewers wrote:"), application.decision_reason, ""]
        lines.append(_("See the details in the seller portal."))
        subject = first
    send_mail(subject, "\n".join(lines), None, recipients)
    return True
