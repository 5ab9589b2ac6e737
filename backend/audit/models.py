"""The append-only audit log: who did what, when, why, and on whose behalf.

One table for every domain (Zulip's RealmAuditLog). Rows are written by services inside the
transaction that makes the change, through `backend.audit.events.record_audit_event` (or a
domain's own `events.py` built on it) — never by views, never by signals.

Rows are never changed or removed: `save()` of an existing row, `delete()`, and the queryset's
`update()` / `delete()` raise `AuditLogIsAppendOnly`, and a PostgreSQL trigger (migration 0002)
rejects UPDATE and DELETE from any client, raw SQL included.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """An attempt to change or delete an audit row."""


class AuditEventType(models.IntegerChoices):
    """Event types, grouped by domain in ranges of 1000 so a domain's events filter by range.

    1000s sellers and helpers, 2000s verification, 3000s catalogue, 4000s orders,
    5000s payments and payouts, 6000s shop profile. Values are stored; never renumber.
    Reserved: 7000s search ranking, 7500s zone and campaigns, 8000s reviews, 9000s batches,
    9500s stories, 10000s delivery, 11000s enterprises, 11500s requests and quotes,
    12000s floor prices, contracts and procurement orders, 13000s backups and personal data,
    14000–14499 programme records.
    """

    # 1000–1999 sellers, helpers, operators
    SELLER_MEMBER_ADDED = 1001, _("seller member added")
    SELLER_MEMBER_REMOVED = 1002, _("seller member removed")
    HELPER_GRANTED = 1101, _("helper granted")
    HELPER_SCOPE_CHANGED = 1102, _("helper scope changed")
    HELPER_REVOKED = 1103, _("helper revoked")
    CONFIRMATION_REQUESTED = 1201, _("seller confirmation requested")
    CONFIRMATION_GIVEN = 1202, _("seller confirmation given")
    CONFIRMATION_DECLINED = 1203, _("seller confirmation declined")
    OPERATOR_SCOPE_GRANTED = 1301, _("operator region granted")
    OPERATOR_SCOPE_REMOVED = 1302, _("operator region removed")
    # 2000–2999 verification
    VERIFICATION_STARTED = 2001, _("verification application started")
    VERIFICATION_EVIDENCE_ADDED = 2002, _("verification evidence added")
    VERIFICATION_SUBMITTED = 2003, _("verification application submitted")
    VERIFICATION_RECOMMENDED = 2004, _("verification recommended by the county")
    VERIFICATION_APPROVED = 2005, _("verification approved")
    VERIFICATION_REJECTED = 2006, _("verification rejected")
    VERIFICATION_MORE_INFO_REQUESTED = 2007, _("more information requested")
    VERIFICATION_RESUBMITTED = 2008, _("verification application resubmitted")
    VERIFICATION_WITHDRAWN = 2009, _("verification application withdrawn")
    VERIFICATION_REVOKED = 2010, _("verification revoked")
    VERIFICATION_EXPIRY_REMINDER_SENT = 2011, _("verification expiry reminder sent")
    VERIFICATION_EVIDENCE_VIEWED = 2012, _("verification evidence viewed")
    # 3000–3999 catalogue (the seller portal writes these)
    PRODUCT_CREATED = 3001, _("product created")
    PRODUCT_UPDATED = 3002, _("product updated")
    PRODUCT_PUBLISHED = 3003, _("product published")
    PRODUCT_UNPUBLISHED = 3004, _("product unpublished")
    PRODUCT_STOCK_CHANGED = 3005, _("stock changed")
    PRODUCT_MEDIA_CHANGED = 3006, _("product photos changed")
    PRODUCT_PRICE_CHANGED = 3007, _("price changed")
    # 4000–4999 orders
    ORDER_FULFILLED = 4001, _("order shipped")
    ORDER_REFUND_REQUESTED = 4002, _("refund requested")
    ORDER_REFUNDED = 4003, _("order refunded")
    # 5000–5999 payments and payouts
    PAYOUT_ACCOUNT_CHANGED = 5001, _("payout account changed")
    # 6000–6999 shop profile
    SHOP_PROFILE_UPDATED = 6001, _("shop profile updated")
    # 12000–12999 floor prices, contracts and procurement orders
    CONTRACT_CREATED = 12001, _("contract created")
    CONTRACT_PROPOSED = 12002, _("contract proposed")
    CONTRACT_SIGNED = 12003, _("contract signed")
    CONTRACT_ACTIVATED = 12004, _("contract activated")
    CONTRACT_COMPLETED = 12005, _("contract completed")
    CONTRACT_TERMINATED = 12006, _("contract terminated")
    DELIVERY_SCHEDULED = 12101, _("contract delivery scheduled")
    DELIVERY_ACCEPTED = 12102, _("contract delivery checked")
    DELIVERY_CANCELLED = 12103, _("contract delivery cancelled")
    FLOOR_PRICE_SET = 12201, _("floor price set")
    MARKET_PRICE_RECORDED = 12202, _("market price recorded")
    # 13000–13999 personal data
    IDENTITY_NUMBER_VIEWED = 13001, _("full identity number viewed")
    # 13500–13999 a person's own data and account: download, deletion, password reset
    PERSONAL_DATA_EXPORTED = 13501, _("personal data downloaded")
    ACCOUNT_DELETION_REQUESTED = 13502, _("account deletion requested")
    ACCOUNT_DELETED = 13503, _("account deleted and personal data erased")
    PASSWORD_RESET_REQUESTED = 13510, _("password reset link sent")
    PASSWORD_RESET_COMPLETED = 13511, _("password changed with a reset link")
    # 10000–10999 delivery
    PICKUP_POINT_SAVED = 10001, _("pickup point saved")
    PICKUP_POINT_STAFF_CHANGED = 10002, _("pickup point staff changed")
    DELIVERY_UPDATE_RECORDED = 10003, _("delivery status update recorded")
    SHIPPING_RULE_SAVED = 10004, _("shipping rule saved")
    # 7000–7499 search and priority ranking
    SEARCH_RANKING_WEIGHTS_CHANGED = 7001, _("priority ranking weights changed")
    # 7500–7999 zone and campaigns
    CAMPAIGN_PRICE_CONSENT_RECORDED = 7501, _("producer's campaign price consent recorded")
    CAMPAIGN_PRICE_SET = 7502, _("campaign price set")
    CAMPAIGN_PRICE_REMOVED = 7503, _("campaign price removed")
    # 9000–9499 batch traceability
    BATCH_RECORDED = 9001, _("batch recorded")
    BATCH_CERTIFICATE_ADDED = 9002, _("batch certificate added")
    BATCH_WITHDRAWN = 9003, _("batch page taken offline")
    BATCHES_ASSIGNED = 9004, _("batches assigned to an order")
    # 9500–9999 producer stories
    STORY_CONSENT_GIVEN = 9501, _("story consent given")
    STORY_CONSENT_WITHDRAWN = 9502, _("story consent withdrawn")
    STORY_PUBLISHED = 9503, _("story published")
    STORY_UNPUBLISHED = 9504, _("story unpublished")
    # 11000–11499 enterprises: accounts, members, sites, operator decisions, pledges, links
    ENTERPRISE_REGISTERED = 11001, _("enterprise registered")
    ENTERPRISE_PROFILE_UPDATED = 11002, _("enterprise details updated")
    ENTERPRISE_INVOICE_UPDATED = 11003, _("enterprise invoice details updated")
    ENTERPRISE_VERIFIED = 11010, _("enterprise verified")
    ENTERPRISE_REJECTED = 11011, _("enterprise not verified")
    ENTERPRISE_SUSPENDED = 11012, _("enterprise suspended")
    ENTERPRISE_MEMBER_ADDED = 11020, _("enterprise member added")
    ENTERPRISE_MEMBER_REMOVED = 11021, _("enterprise member removed")
    DELIVERY_SITE_ADDED = 11030, _("delivery site added")
    DELIVERY_SITE_CHANGED = 11031, _("delivery site changed")
    PLEDGE_DECLARED = 11201, _("pledge declared")
    PLEDGE_CHANGED = 11202, _("pledge changed")
    BENEFIT_LINK_RECORDED = 11301, _("benefit link recorded")
    BENEFIT_LINK_VERIFIED = 11302, _("benefit link verified")
    BENEFIT_LINK_REJECTED = 11303, _("benefit link rejected")
    # 11500–11999 purchase requests and quotes
    PURCHASE_REQUEST_POSTED = 11501, _("purchase request posted")
    PURCHASE_REQUEST_CLOSED = 11502, _("purchase request closed")
    PURCHASE_REQUEST_CANCELLED = 11503, _("purchase request cancelled")
    QUOTE_SUBMITTED = 11510, _("quote submitted")
    QUOTE_WITHDRAWN = 11511, _("quote withdrawn")
    QUOTE_ACCEPTED = 11512, _("quote accepted")
    QUOTE_DECLINED = 11513, _("quote declined")
    # 8000–8999 reviews
    REVIEW_HIDDEN = 8001, _("review hidden")
    REVIEW_RESTORED = 8002, _("review restored")
    REVIEW_ANSWERED = 8003, _("review answered")
    REVIEW_REPORTED = 8004, _("review reported")
    REVIEW_REPORTS_DISMISSED = 8005, _("review reports dismissed")
    # 14000–14499 programme records: households, training, incubation, support, targets
    PROGRAMME_RECORD_CREATED = 14001, _("programme record created")
    PROGRAMME_RECORD_CHANGED = 14002, _("programme record changed")
    PROGRAMME_RECORD_DELETED = 14003, _("programme record deleted")
    COURSE_ENROLMENT_ADDED = 14101, _("course enrolment added")
    COURSE_ATTENDANCE_RECORDED = 14102, _("course attendance recorded")
    COURSE_COMPLETED = 14103, _("course completion recorded")
    COURSE_CERTIFICATE_ADDED = 14104, _("course certificate added")
    COURSE_CERTIFICATE_VIEWED = 14105, _("course certificate viewed")
    SUBSIDY_CLAIM_SUBMITTED = 14111, _("training subsidy claim submitted")
    SUBSIDY_CLAIM_APPROVED = 14112, _("training subsidy claim approved")
    SUBSIDY_CLAIM_REJECTED = 14113, _("training subsidy claim rejected")
    SUBSIDY_RECEIPT_VIEWED = 14114, _("training subsidy receipt viewed")
    MENTOR_ASSIGNED = 14201, _("mentor assigned")
    MENTOR_ASSIGNMENT_ENDED = 14202, _("mentor assignment ended")
    MENTOR_NOTE_ADDED = 14203, _("mentor note added")
    LISTING_QUALITY_REVIEWED = 14204, _("listing quality reviewed")
    SUPPORT_RECORDED = 14301, _("support recorded")
    TARGET_SET = 14401, _("programme target set")
    # 14500–14999 designations and awards
    DESIGNATION_CONFIRMED = 14501, _("designation confirmed")
    DESIGNATION_REVOKED = 14502, _("designation revoked")
    DESIGNATION_THRESHOLD_SET = 14510, _("designation threshold set")
    DESIGNATION_LIST_EXPORTED = 14520, _("designation eligibility list downloaded")
    # 15000–15499 programme statistics leaving the platform
    STATISTICS_EXPORTED = 15001, _("statistics table downloaded")
    STATISTICS_SUMMARY_EXPORTED = 15002, _("annual statistics summary downloaded")

    @classmethod
    def in_range(cls, start: int) -> list[AuditEventType]:
        """Every type of one domain range, e.g. `in_range(2000)` for verification."""
        return [member for member in cls if start <= member.value < start + 1000]


def audit_event_type_choices() -> list[tuple[int, Any]]:
    """A callable, so migrations store a reference: adding an event type needs no migration."""
    return AuditEventType.choices


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("audit events cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AuditLogIsAppendOnly("audit events cannot be updated")


class AuditEvent(models.Model):
    seller = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text=_("Empty for platform events."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text=_("The person who acted; empty for the system and scheduled jobs."),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events_on_behalf",
        help_text=_("The seller's owner, when a helper acted for them."),
    )
    subject_type = models.CharField(_("subject type"), max_length=64)
    subject_id = models.CharField(_("subject id"), max_length=64)
    event_type = models.PositiveIntegerField(_("event type"), choices=audit_event_type_choices)
    event_time = models.DateTimeField(_("time"), default=timezone.now)
    extra_data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-event_time", "-pk"]
        indexes = [
            models.Index(
                fields=["seller", "event_type", "event_time"], name="audit_seller_type_time"
            ),
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject"),
            models.Index(fields=["actor", "seller", "event_time"], name="audit_actor_seller_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()} · {self.subject_type}:{self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")

    @property
    def old(self) -> Any:
        return (self.extra_data or {}).get("old")

    @property
    def new(self) -> Any:
        return (self.extra_data or {}).get("new")
