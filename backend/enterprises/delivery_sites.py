"""Delivery sites of an enterprise (canteens, warehouses, kitchens), where producers deliver."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.accounts.registration import normalise_mobile
from backend.audit.models import AuditEventType
from backend.enterprises.errors import EnterpriseError, EnterpriseErrorCode
from backend.enterprises.events import record_enterprise_event
from backend.enterprises.locks import lock_enterprise
from backend.enterprises.models import DeliverySite, Enterprise
from backend.regions.models import Region, RegionLevel


@dataclass(frozen=True)
class SiteDraft:
    name: str
    region: Region
    address_detail: str
    contact_name: str
    contact_mobile: str


def _clean(draft: SiteDraft) -> SiteDraft:
    required = {
        "name": _("Enter the site's name, for example 中心厨房"),
        "address_detail": _("Enter the street address of the site"),
        "contact_name": _("Enter who receives deliveries at the site"),
    }
    for field, message in required.items():
        if not str(getattr(draft, field)).strip():
            raise EnterpriseError(EnterpriseErrorCode.REQUIRED, message, field=field)
    if draft.region.level < RegionLevel.COUNTY:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID, _("Choose the county or district"), field="region"
        )
    mobile = normalise_mobile(draft.contact_mobile)
    if mobile is None:
        raise EnterpriseError(
            EnterpriseErrorCode.INVALID,
            _("Enter a mainland China mobile number, like 139 1234 5678"),
            field="contact_mobile",
        )
    return SiteDraft(
        name=draft.name.strip(),
        region=draft.region,
        address_detail=draft.address_detail.strip(),
        contact_name=draft.contact_name.strip(),
        contact_mobile=mobile,
    )


def _snapshot(site: DeliverySite) -> dict[str, object]:
    return {
        "name": site.name,
        "region": site.region_id,
        "address_detail": site.address_detail,
        "contact_name": site.contact_name,
        "contact_mobile": site.contact_mobile,
        "is_active": site.is_active,
    }


def add_delivery_site(enterprise: Enterprise, draft: SiteDraft, *, actor: User) -> DeliverySite:
    draft = _clean(draft)
    with transaction.atomic(durable=True):
        lock_enterprise(enterprise.pk)
        site = DeliverySite.objects.create(enterprise=enterprise, **asdict(draft))
        record_enterprise_event(
            AuditEventType.DELIVERY_SITE_ADDED, actor=actor, subject=site, new=_snapshot(site)
        )
    return site


def update_delivery_site(
    site: DeliverySite, draft: SiteDraft, *, is_active: bool, actor: User
) -> DeliverySite:
    draft = _clean(draft)
    with transaction.atomic(durable=True):
        lock_enterprise(site.enterprise_id)
        current = DeliverySite.objects.get(pk=site.pk)
        old = _snapshot(current)
        for field, value in asdict(draft).items():
            setattr(current, field, value)
        current.is_active = is_active
        new = _snapshot(current)
        if new != old:
            current.save()
            record_enterprise_event(
                AuditEventType.DELIVERY_SITE_CHANGED,
                actor=actor,
                subject=current,
                old={k: v for k, v in old.items() if new[k] != v},
                new={k: v for k, v in new.items() if old[k] != v},
            )
    return current
