"""The benefit-link register (利益联结) of an enterprise: which households it benefits, and how.

- **buys from** — DERIVED AT READ TIME from purchase data, never entered: the enterprise's
  procurement order lines (accepted value) and its staff members' counted personal purchases
  (the pledge rules of `backend.enterprises.pledges`), grouped by producer and by the supplying
  household recorded on each order line (`beneficiary_household_ref`; empty: the producer's own
  household). Two grouped statements, whatever the number of lines.
- **employs / buys inputs / pays bills** — `BenefitLink` rows entered by an operator (admin) and
  verified by another decision; only verified rows appear in the enterprise's register. Each
  entry and decision is one audited transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_benefit_link
from backend.enterprises.models import (
    BenefitKind,
    BenefitLink,
    BenefitLinkStatus,
    Enterprise,
)
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.enterprises.pledges import MONEY, ZERO, staff_purchases, was_staff_q, year_bounds
from backend.orders.models import OrderLine
from backend.procurement.models import ProcurementOrderLine
from backend.producers.models import Producer


@dataclass
class BuysFrom:
    producer_id: int
    producer_name: str
    household_ref: str
    procurement_amount: Decimal = ZERO
    staff_amount: Decimal = ZERO
    line_count: int = 0

    @property
    def total_amount(self) -> Decimal:
        return self.procurement_amount + self.staff_amount


@dataclass
class Register:
    enterprise: Enterprise
    year: int
    buys_from: list[BuysFrom] = field(default_factory=list)
    entered: list[BenefitLink] = field(default_factory=list)

    @property
    def households(self) -> int:
        return len({(row.producer_id, row.household_ref) for row in self.buys_from})

    @property
    def disabled_employees(self) -> int:
        return sum(
            link.disabled_employee_count
            for link in self.entered
            if link.kind == BenefitKind.EMPLOYS
        )


def _staff_lines(enterprise_id: int, year: int) -> QuerySet[OrderLine]:
    """Order lines of the staff's counted personal purchases in the year."""
    sub_orders = staff_purchases(year).filter(was_staff_q(enterprise_id))
    return OrderLine.objects.filter(sub_order__in=sub_orders.values("pk"))


def buys_from_links(enterprise: Enterprise, year: int) -> list[BuysFrom]:
    """Households the enterprise bought from in the year, with the value per source."""
    start, end = year_bounds(year)
    rows: dict[tuple[int, str], BuysFrom] = {}
    procurement = (
        ProcurementOrderLine.objects.filter(
            enterprise_id=enterprise.pk,
            created_at__gte=start,
            created_at__lt=end,
            accepted_amount__gt=0,
        )
        .values("producer_id", "producer__name", "beneficiary_household_ref")
        .annotate(total=Sum("accepted_amount"), lines=Count("pk"))
        .order_by()
    )
    for row in procurement:
        key = (row["producer_id"], row["beneficiary_household_ref"])
        link = rows.setdefault(key, BuysFrom(row["producer_id"], row["producer__name"], key[1]))
        link.procurement_amount += row["total"] or ZERO
        link.line_count += row["lines"]
    staff = (
        _staff_lines(enterprise.pk, year)
        .values("producer_id", "producer__name", "beneficiary_household_ref")
        .annotate(total=Sum("total_price_amount", output_field=MONEY), lines=Count("pk"))
        .order_by()
    )
    for row in staff:
        key = (row["producer_id"], row["beneficiary_household_ref"])
        link = rows.setdefault(key, BuysFrom(row["producer_id"], row["producer__name"], key[1]))
        link.staff_amount += row["total"] or ZERO
        link.line_count += row["lines"]
    return sorted(rows.values(), key=lambda r: (-r.total_amount, r.producer_name, r.household_ref))


def benefit_register(enterprise: Enterprise, year: int) -> Register:
    entered = list(
        BenefitLink.objects.filter(
            enterprise_id=enterprise.pk, year=year, status=BenefitLinkStatus.VERIFIED
        )
        .select_related("producer")
        .order_by("kind", "pk")
    )
    return Register(enterprise, year, buys_from_links(enterprise, year), entered)


@dataclass(frozen=True)
class LinkDraft:
    kind: str
    year: int
    description: str
    producer: Producer | None = None
    household_ref: str = ""
    disabled_employee_count: int = 0
    amount: Decimal = ZERO


def _check_operator(actor: User, enterprise: Enterprise) -> None:
    if not enterprise_policy.user_has_permission_for_instance(
        actor, EnterpriseAction.VERIFY_BENEFIT_LINKS, enterprise
    ):
        raise EnterpriseError(EnterpriseErrorCode.NOT_FOUND, _("No such enterprise"))


def record_benefit_link(enterprise: Enterprise, draft: LinkDraft, *, actor: User) -> BenefitLink:
    """An operator enters a link (waiting for verification)."""
    _check_operator(actor, enterprise)
    if draft.kind not in (BenefitKind.EMPLOYS, BenefitKind.BUYS_INPUTS, BenefitKind.PAYS_BILLS):
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID,
            _("Purchases are linked automatically; enter employment, inputs or bills"),
            field="kind",
        )
    if draft.kind == BenefitKind.EMPLOYS and draft.disabled_employee_count <= 0:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID,
            _("Enter how many disabled people the enterprise employs"),
            field="disabled_employee_count",
        )
    if draft.kind != BenefitKind.EMPLOYS and draft.amount <= 0:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID, _("Enter the amount in yuan"), field="amount"
        )
    if not draft.description.strip():
        raise EnterpriseError(
            EnterpriseErrorCode.REQUIRED,
            _("Describe the link and the evidence seen"),
            field="description",
        )
    with transaction.atomic(durable=True):
        link = BenefitLink.objects.create(
            enterprise=enterprise,
            kind=draft.kind,
            year=draft.year,
            producer=draft.producer,
            household_ref=draft.household_ref.strip(),
            disabled_employee_count=draft.disabled_employee_count
            if draft.kind == BenefitKind.EMPLOYS
            else 0,
            amount=draft.amount if draft.kind != BenefitKind.EMPLOYS else ZERO,
            description=draft.description.strip(),
            recorded_by=actor,
        )
        record_enterprise_event(
            AuditEventType.BENEFIT_LINK_RECORDED,
            actor=actor,
            subject=link,
            new={
                "enterprise": enterprise.pk,
                "kind": link.kind,
                "year": link.year,
                "count": link.disabled_employee_count,
                "amount": str(link.amount),
            },
        )
    return link


def decide_benefit_link(
    link: BenefitLink, *, verified: bool, actor: User, reason: str = ""
) -> BenefitLink:
    """An operator verifies (or refuses, with a reason) an entered link. The person who entered
    it may not verify it too (four eyes)."""
    _check_operator(actor, link.enterprise)
    if verified and link.recorded_by_id == actor.pk:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID,
            _("Another operator must verify a link you entered"),
            field="status",
        )
    if not verified and not reason.strip():
        raise EnterpriseError(
            EnterpriseErrorCode.REQUIRED, _("Say why the link is not verified"), field="reason"
        )
    with transaction.atomic(durable=True):
        current = lock_benefit_link(link.pk)
        if current.status != BenefitLinkStatus.PENDING:
            raise EnterpriseError(
                EnterpriseErrorCode.INVALID_TRANSITION,
                _("This link is already decided"),
                field="status",
            )
        current.status = BenefitLinkStatus.VERIFIED if verified else BenefitLinkStatus.REJECTED
        current.verified_by = actor
        current.verified_at = timezone.now()
        current.status_reason = reason.strip()
        current.save(update_fields=["status", "verified_by", "verified_at", "status_reason"])
        record_enterprise_event(
            AuditEventType.BENEFIT_LINK_VERIFIED
            if verified
            else AuditEventType.BENEFIT_LINK_REJECTED,
            actor=actor,
            subject=current,
            old=BenefitLinkStatus.PENDING,
            new=current.status,
            reason=reason.strip() or None,
        )
    return current
