"""Registering an enterprise and keeping its details: the services the portal, the admin and
GraphQL call. Each runs in one durable transaction that writes its audit row.

A newly registered enterprise waits for an operator's verification (`verification.py`); the
person who registers it becomes its first administrator.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.enterprises.credit_code import validate_credit_code
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_enterprise
from backend.enterprises.models import (
    Enterprise,
    EnterpriseKind,
    EnterpriseMember,
    EnterpriseRole,
    EnterpriseStatus,
)
from backend.regions.models import Region, RegionLevel

INVOICE_FIELDS = (
    "invoice_title",
    "invoice_bank_name",
    "invoice_bank_account",
    "invoice_address",
    "invoice_phone",
)
PROFILE_FIELDS = ("name", "address_detail", "contact_name", "contact_mobile")


def clean_credit_code(value: str) -> str:
    """The compact code, or EnterpriseError with the credit code's own error code."""
    try:
        return validate_credit_code(value)
    except ValidationError as error:
        code = EnterpriseErrorCode(error.code or EnterpriseErrorCode.INVALID)
        message = error.message % error.params if error.params else error.message
        raise EnterpriseError(code, message, field="credit_code") from None


def clean_enterprise_name(value: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise EnterpriseError(
            EnterpriseErrorCode.REQUIRED,
            _("Enter the enterprise's name as it is on its business licence"),
            field="name",
        )
    if len(name) > 200:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID,
            _("The name must be 200 characters or fewer"),
            field="name",
        )
    return name


@dataclass(frozen=True)
class EnterpriseDraft:
    name: str
    kind: str
    credit_code: str
    region: Region
    address_detail: str = ""
    contact_name: str = ""
    contact_mobile: str = ""


def _check_draft(draft: EnterpriseDraft) -> EnterpriseDraft:
    if draft.kind not in EnterpriseKind.values:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID, _("Choose what kind of organisation it is"), field="kind"
        )
    if draft.region.level < RegionLevel.COUNTY:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID, _("Choose the county or district"), field="region"
        )
    return EnterpriseDraft(
        name=clean_enterprise_name(draft.name),
        kind=draft.kind,
        credit_code=clean_credit_code(draft.credit_code),
        region=draft.region,
        address_detail=draft.address_detail.strip(),
        contact_name=draft.contact_name.strip(),
        contact_mobile=draft.contact_mobile.strip(),
    )


def _credit_code_taken() -> EnterpriseError:
    return EnterpriseError(
        EnterpriseErrorCode.CREDIT_CODE_TAKEN,
        _(
            "An enterprise with this unified social credit code is already registered. Ask its "
            "administrator to add you as a member."
        ),
        field="credit_code",
    )


def register_enterprise(draft: EnterpriseDraft, *, actor: User) -> Enterprise:
    """Create the enterprise (waiting for verification) with `actor` as its administrator."""
    draft = _check_draft(draft)
    if Enterprise.objects.filter(credit_code=draft.credit_code).exists():
        raise _credit_code_taken()
    try:
        with transaction.atomic(durable=True):
            enterprise = Enterprise.objects.create(
                name=draft.name,
                slug=f"e-{draft.credit_code.lower()}",
                kind=draft.kind,
                credit_code=draft.credit_code,
                region=draft.region,
                address_detail=draft.address_detail,
                contact_name=draft.contact_name,
                contact_mobile=draft.contact_mobile,
                invoice_title=draft.name,
                status=EnterpriseStatus.PENDING,
            )
            EnterpriseMember.objects.create(
                enterprise=enterprise, user=actor, role=EnterpriseRole.ADMIN
            )
            record_enterprise_event(
                AuditEventType.ENTERPRISE_REGISTERED,
                actor=actor,
                subject=enterprise,
                new={
                    "name": enterprise.name,
                    "kind": enterprise.kind,
                    "credit_code": enterprise.credit_code,
                    "region": enterprise.region_id,
                },
            )
    except IntegrityError:  # registered by someone else at the same moment
        raise _credit_code_taken() from None
    return enterprise


def _update_fields(
    enterprise: Enterprise,
    changes: dict[str, str],
    fields: tuple[str, ...],
    *,
    actor: User,
    event_type: AuditEventType,
) -> Enterprise:
    with transaction.atomic(durable=True):
        locked = lock_enterprise(enterprise.pk)
        old = {field: getattr(locked, field) for field in fields if field in changes}
        new = {field: changes[field] for field in old}
        changed = [field for field in old if old[field] != new[field]]
        if changed:
            for field in changed:
                setattr(locked, field, new[field])
            locked.save(update_fields=[*changed, "updated_at"])
            record_enterprise_event(
                event_type,
                actor=actor,
                subject=locked,
                old={field: old[field] for field in changed},
                new={field: new[field] for field in changed},
            )
    return locked


def update_enterprise_profile(
    enterprise: Enterprise, changes: dict[str, str], *, actor: User
) -> Enterprise:
    """Change the name, address and contact (the credit code and kind stay as verified)."""
    cleaned = {k: (v or "").strip() for k, v in changes.items() if k in PROFILE_FIELDS}
    if "name" in cleaned:
        cleaned["name"] = clean_enterprise_name(cleaned["name"])
    return _update_fields(
        enterprise,
        cleaned,
        PROFILE_FIELDS,
        actor=actor,
        event_type=AuditEventType.ENTERPRISE_PROFILE_UPDATED,
    )


def update_invoice_details(
    enterprise: Enterprise, changes: dict[str, str], *, actor: User
) -> Enterprise:
    """The details producers put on the invoices (发票) they issue to the enterprise."""
    cleaned = {k: (v or "").strip() for k, v in changes.items() if k in INVOICE_FIELDS}
    if "invoice_title" in cleaned and not cleaned["invoice_title"]:
        raise EnterpriseError(
            EnterpriseErrorCode.REQUIRED,
            _("Enter the invoice title (usually the enterprise's registered name)"),
            field="invoice_title",
        )
    account = cleaned.get("invoice_bank_account", "").replace(" ", "")
    if account and not account.isdigit():
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID,
            _("Enter the bank account number in digits only"),
            field="invoice_bank_account",
        )
    if "invoice_bank_account" in cleaned:
        cleaned["invoice_bank_account"] = account
    return _update_fields(
        enterprise,
        cleaned,
        INVOICE_FIELDS,
        actor=actor,
        event_type=AuditEventType.ENTERPRISE_INVOICE_UPDATED,
    )
