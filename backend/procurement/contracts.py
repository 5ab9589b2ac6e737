"""The life of a direct-sourcing contract:

    draft → proposed → signed (both signatures) → active → completed
    proposed, signed, active → terminated (with a reason)

The enterprise drafts and proposes (buyer), signs (approver), activates and completes (approver);
the producer's owner signs. Either side's signatory may terminate. A contract with a delivery
still waiting for its quality check can be neither completed nor terminated. The enterprise must
be verified by an operator before it proposes or signs. Each transition is one durable
transaction that locks the contract, re-checks the state and the actor's right, and writes its
audit row.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.enterprises.models import DeliverySite, Enterprise
from backend.procurement import locks
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.events import ProcurementEventType, contract_event
from backend.procurement.models import (
    Contract,
    ContractLine,
    ContractStatus,
    DeliveryFrequency,
    PriceRule,
    ProcurementOrder,
    ProcurementOrderStatus,
)
from backend.procurement.permissions import ContractAction, contract_policy, may_draft_for
from backend.producers.models import Producer

S = ContractStatus
E = ProcurementEventType


@dataclass(frozen=True)
class ContractLineInput:
    variant_id: int
    quantity: int
    grade: str = ""
    floor_per_kg: Decimal | None = None


@dataclass(frozen=True)
class ContractTerms:
    title: str
    period_start: datetime.date
    period_end: datetime.date
    quality_terms: str
    payment_terms: str
    price_rule: str = PriceRule.MAX_OF_MARKET_AND_FLOOR
    price_rule_percent: Decimal = Decimal("0")
    delivery_frequency: str = DeliveryFrequency.MONTHLY
    payment_days: int = 30
    delivery_site_id: int | None = None


def _error(
    code: ProcurementErrorCode, message: object, field: str | None = None
) -> ProcurementError:
    return ProcurementError(code, str(message), field=field)


def _not_found() -> ProcurementError:
    return _error(ProcurementErrorCode.NOT_FOUND, _("This contract does not exist."), "id")


def _check_terms(terms: ContractTerms, lines: Sequence[ContractLineInput]) -> None:
    if not terms.title.strip():
        raise _error(ProcurementErrorCode.REQUIRED, _("Enter a title."), "title")
    if terms.period_end < terms.period_start:
        raise _error(
            ProcurementErrorCode.INVALID,
            _("The last day must be on or after the first day."),
            "periodEnd",
        )
    if terms.price_rule not in PriceRule.values:
        raise _error(ProcurementErrorCode.INVALID, _("Choose a price rule."), "priceRule")
    if not Decimal("0") <= terms.price_rule_percent <= Decimal("100") or (
        terms.price_rule_percent.as_tuple().exponent < -2  # type: ignore[operator]
    ):
        raise _error(
            ProcurementErrorCode.INVALID,
            _("Enter a percentage from 0 to 100, with at most 2 decimal places."),
            "priceRulePercent",
        )
    if not terms.quality_terms.strip():
        raise _error(
            ProcurementErrorCode.REQUIRED, _("Say how quality is checked."), "qualityTerms"
        )
    if not terms.payment_terms.strip():
        raise _error(
            ProcurementErrorCode.REQUIRED,
            _("Say how and when the producer is paid."),
            "paymentTerms",
        )
    if not lines:
        raise _error(ProcurementErrorCode.REQUIRED, _("Add at least one product."), "lines")
    seen = set()
    for index, line in enumerate(lines):
        if line.quantity <= 0:
            raise _error(
                ProcurementErrorCode.INVALID,
                _("Enter a quantity of at least 1."),
                f"lines.{index}.quantity",
            )
        if line.floor_per_kg is not None and (
            line.floor_per_kg <= 0 or line.floor_per_kg.as_tuple().exponent < -2  # type: ignore[operator]
        ):
            raise _error(
                ProcurementErrorCode.INVALID,
                _("Enter a floor price above 0, to the cent."),
                f"lines.{index}.floorPerKg",
            )
        key = (line.variant_id, line.grade.strip())
        if key in seen:
            raise _error(
                ProcurementErrorCode.INVALID,
                _("Each product and grade may appear once."),
                f"lines.{index}",
            )
        seen.add(key)


def create_contract(
    enterprise: Enterprise,
    *,
    actor: User,
    producer: Producer,
    terms: ContractTerms,
    lines: Sequence[ContractLineInput],
) -> Contract:
    """A draft contract of `enterprise` with `producer` (whose products the lines must be)."""
    if not may_draft_for(actor, enterprise.pk):
        raise _error(
            ProcurementErrorCode.NOT_FOUND, _("This enterprise does not exist."), "enterprise"
        )
    _check_terms(terms, lines)
    variants = ProductVariant.objects.filter(
        pk__in=[line.variant_id for line in lines], product__producer_id=producer.pk
    ).in_bulk()
    for index, line in enumerate(lines):
        if line.variant_id not in variants:
            raise _error(
                ProcurementErrorCode.NOT_FOUND,
                _("This producer does not sell that product."),
                f"lines.{index}.variant",
            )
    if (
        terms.delivery_site_id is not None
        and not DeliverySite.objects.filter(
            pk=terms.delivery_site_id, enterprise_id=enterprise.pk, is_active=True
        ).exists()
    ):
        raise _error(
            ProcurementErrorCode.NOT_FOUND, _("This delivery site does not exist."), "deliverySite"
        )
    with transaction.atomic(durable=True):
        contract = Contract.objects.create(
            number=uuid.uuid4().hex[:32],
            enterprise=enterprise,
            producer=producer,
            title=terms.title.strip(),
            period_start=terms.period_start,
            period_end=terms.period_end,
            price_rule=terms.price_rule,
            price_rule_percent=terms.price_rule_percent,
            delivery_frequency=terms.delivery_frequency,
            delivery_site_id=terms.delivery_site_id,
            quality_terms=terms.quality_terms.strip(),
            payment_terms=terms.payment_terms.strip(),
            payment_days=terms.payment_days,
            created_by=actor,
        )
        contract.number = f"ZC{contract.created_at:%Y}{contract.pk:06d}"
        contract.save(update_fields=["number"])
        ContractLine.objects.bulk_create(
            [
                ContractLine(
                    contract=contract,
                    variant_id=line.variant_id,
                    grade=line.grade.strip(),
                    quantity=line.quantity,
                    floor_amount_per_kg=line.floor_per_kg,
                )
                for line in lines
            ]
        )
        contract_event(contract, E.CONTRACT_CREATED, actor=actor, new=S.DRAFT)
    return contract


def _locked_for(
    contract_id: int, actor: User, action: ContractAction, allowed_from: Sequence[str]
) -> Contract:
    """Lock the contract, then check the actor may `action` it and that it is in a state it can
    leave that way (missing and forbidden look alike)."""
    try:
        contract = locks.lock_contract(contract_id)
    except Contract.DoesNotExist:
        raise _not_found() from None
    if not contract_policy.user_has_permission_for_instance(actor, action, contract):
        if contract_policy.user_has_permission_for_instance(actor, ContractAction.VIEW, contract):
            raise _error(
                ProcurementErrorCode.NOT_ALLOWED,
                _("Your role does not allow this step of the contract."),
            )
        raise _not_found()
    if contract.status not in allowed_from:
        raise ProcurementError(
            ProcurementErrorCode.ILLEGAL_TRANSITION,
            str(
                _("A contract that is %(status)s cannot take this step.")
                % {"status": contract.get_status_display()}
            ),
            field="status",
            status=contract.status,
        )
    return contract


def _require_verified(contract: Contract) -> None:
    if not contract.enterprise.is_verified:
        raise _error(
            ProcurementErrorCode.ENTERPRISE_NOT_VERIFIED,
            _("An operator must verify the enterprise before it proposes or signs contracts."),
            "enterprise",
        )


def _move(
    contract: Contract,
    new: str,
    *,
    actor: User,
    event: ProcurementEventType,
    fields: Sequence[str] = (),
    reason: str | None = None,
    **extra: object,
) -> None:
    old = contract.status
    contract.status = new
    contract.save(update_fields=["status", "updated_at", *fields])
    contract_event(contract, event, actor=actor, old=old, new=new, reason=reason, **extra)


def propose_contract(contract: Contract, *, actor: User) -> Contract:
    with transaction.atomic(durable=True):
        locked = _locked_for(contract.pk, actor, ContractAction.PROPOSE, [S.DRAFT])
        _require_verified(locked)
        _move(locked, S.PROPOSED, actor=actor, event=E.CONTRACT_PROPOSED)
    return locked


def _sides_for(actor: User, contract: Contract) -> list[str]:
    sides = []
    if contract_policy.user_has_permission_for_instance(
        actor, ContractAction.SIGN_FOR_ENTERPRISE, contract
    ):
        sides.append("enterprise")
    if contract_policy.user_has_permission_for_instance(
        actor, ContractAction.SIGN_FOR_PRODUCER, contract
    ):
        sides.append("producer")
    return sides


def sign_contract(contract: Contract, *, actor: User) -> Contract:
    """Sign for the side the actor represents (an enterprise approver, or the producer's owner).
    When both have signed, the contract is signed. One person never signs for both sides."""
    with transaction.atomic(durable=True):
        try:
            locked = locks.lock_contract(contract.pk)
        except Contract.DoesNotExist:
            raise _not_found() from None
        sides = _sides_for(actor, locked)
        if not sides:
            action = ContractAction.SIGN_FOR_ENTERPRISE  # for the same not-found/not-allowed answer
            _locked_for(locked.pk, actor, action, [S.PROPOSED])
        if locked.status != S.PROPOSED:
            raise ProcurementError(
                ProcurementErrorCode.ILLEGAL_TRANSITION,
                str(_("Only a proposed contract can be signed.")),
                field="status",
                status=locked.status,
            )
        _require_verified(locked)
        signed_already = {
            "enterprise": locked.enterprise_signed_by_id,
            "producer": locked.producer_signed_by_id,
        }
        if actor.pk in signed_already.values():
            raise _error(
                ProcurementErrorCode.ALREADY_SIGNED,
                _("You have already signed this contract; the other side signs next."),
            )
        side = next((s for s in sides if signed_already[s] is None), None)
        if side is None:
            raise _error(
                ProcurementErrorCode.ALREADY_SIGNED,
                _("Your side has already signed this contract."),
            )
        now = timezone.now()
        setattr(locked, f"{side}_signed_by", actor)
        setattr(locked, f"{side}_signed_at", now)
        fields = [f"{side}_signed_by", f"{side}_signed_at"]
        both = locked.enterprise_signed_at is not None and locked.producer_signed_at is not None
        if both:
            _move(locked, S.SIGNED, actor=actor, event=E.CONTRACT_SIGNED, fields=fields, side=side)
        else:
            locked.save(update_fields=[*fields, "updated_at"])
            contract_event(locked, E.CONTRACT_SIGNED, actor=actor, side=side)
    return locked


def activate_contract(contract: Contract, *, actor: User) -> Contract:
    with transaction.atomic(durable=True):
        locked = _locked_for(contract.pk, actor, ContractAction.ACTIVATE, [S.SIGNED])
        _move(locked, S.ACTIVE, actor=actor, event=E.CONTRACT_ACTIVATED)
    return locked


def _refuse_open_deliveries(contract: Contract) -> None:
    if ProcurementOrder.objects.filter(
        contract_id=contract.pk, status=ProcurementOrderStatus.SCHEDULED
    ).exists():
        raise _error(
            ProcurementErrorCode.DELIVERIES_OPEN,
            _("A delivery is still waiting for its quality check; check or cancel it first."),
        )


def complete_contract(contract: Contract, *, actor: User) -> Contract:
    with transaction.atomic(durable=True):
        locked = _locked_for(contract.pk, actor, ContractAction.COMPLETE, [S.ACTIVE])
        _refuse_open_deliveries(locked)
        _move(locked, S.COMPLETED, actor=actor, event=E.CONTRACT_COMPLETED)
    return locked


def terminate_contract(contract: Contract, *, actor: User, reason: str) -> Contract:
    reason = " ".join(reason.split())
    if not reason:
        raise _error(ProcurementErrorCode.REQUIRED, _("Say why the contract ends."), "reason")
    with transaction.atomic(durable=True):
        locked = _locked_for(
            contract.pk, actor, ContractAction.TERMINATE, [S.PROPOSED, S.SIGNED, S.ACTIVE]
        )
        _refuse_open_deliveries(locked)
        locked.ended_reason = reason[:500]
        _move(
            locked,
            S.TERMINATED,
            actor=actor,
            event=E.CONTRACT_TERMINATED,
            fields=["ended_reason"],
            reason=reason,
        )
    return locked
