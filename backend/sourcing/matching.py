"""Which producers a request is shown to, and inviting them (in-portal notice + e-mail).

A producer matches when it is active, its region lies in the request's preferred region (any
level; no preference: anywhere) and, when the request names a category, it has a product in
that category or below it. Invitations are written in one statement; e-mails go to the shop
owners that have an address, each at most once per request.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from backend.catalog.models import Category, Product
from backend.producers.models import Producer
from backend.regions.models import Region, RegionLevel
from backend.sourcing.models import PurchaseRequest, QuoteInvitation
from backend.sourcing.quantities import plain

MAX_INVITATIONS = getattr(settings, "SOURCING_MAX_INVITATIONS", 500)


def region_q(region: Region | None, prefix: str = "region__") -> Q:
    """Rows whose region lies inside `region` (its own level code, or itself)."""
    if region is None:
        return Q()
    field = {
        RegionLevel.PROVINCE: "province_code",
        RegionLevel.CITY: "city_code",
        RegionLevel.COUNTY: "county_code",
    }.get(RegionLevel(region.level))
    if field and region.code:
        return Q(**{f"{prefix}{field}": region.code})
    return Q(**{f"{prefix}pk": region.pk}) | Q(**{f"{prefix}parent_id": region.pk})


def matching_producers(request: PurchaseRequest) -> QuerySet[Producer]:
    producers = Producer.objects.filter(region_q(request.region), is_active=True)
    if request.category_id is not None:
        category = Category.objects.get(pk=request.category_id)
        tree = category.get_descendants(include_self=True).values("pk")
        products = Product.objects.filter(producer_id=OuterRef("pk"), category_id__in=tree)
        producers = producers.filter(Exists(products))
    return producers.order_by("pk")


def invite_producers(request_id: int) -> int:
    """Invite the matching producers (idempotent) and e-mail the new ones; returns how many."""
    request = PurchaseRequest.objects.select_related("enterprise").get(pk=request_id)
    producer_ids = list(matching_producers(request).values_list("pk", flat=True)[:MAX_INVITATIONS])
    with transaction.atomic():
        already = set(
            QuoteInvitation.objects.filter(request_id=request_id).values_list(
                "producer_id", flat=True
            )
        )
        new_ids = [pk for pk in producer_ids if pk not in already]
        QuoteInvitation.objects.bulk_create(
            [QuoteInvitation(request_id=request_id, producer_id=pk) for pk in new_ids],
            ignore_conflicts=True,
        )
    _email_new(request, new_ids)
    return len(new_ids)


def _email_new(request: PurchaseRequest, producer_ids: list[int]) -> None:
    recipients = list(
        Producer.objects.filter(pk__in=producer_ids, owner__email__isnull=False)
        .exclude(owner__email="")
        .values_list("pk", "owner__email")
    )
    if not recipients:
        return
    with override(settings.LANGUAGE_CODE):
        subject = _("Purchase request: %(product)s") % {"product": request.product_name}
        body = _(
            "%(enterprise)s wants to buy %(quantity)s %(unit)s of %(product)s %(grade)s. "
            "Quotes until %(deadline)s. Open the seller portal's quotes page to answer."
        ) % {
            "enterprise": request.enterprise.name,
            "quantity": plain(request.quantity),
            "unit": request.get_unit_display(),
            "product": request.product_name,
            "grade": request.grade,
            "deadline": request.deadline.isoformat(),
        }
    send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [str(email)]) for _pk, email in recipients],
        fail_silently=False,
    )
    QuoteInvitation.objects.filter(
        request_id=request.pk, producer_id__in=[pk for pk, _e in recipients]
    ).update(emailed_at=timezone.now())
