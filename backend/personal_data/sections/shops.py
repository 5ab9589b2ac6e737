"""Shops the person owns or co-owns: the shop's details, identity numbers, verification
applications with their evidence, stories.

Download: identity numbers are MASKED (first 3 and last 2 characters, as everywhere else). The
file leaves the platform's protection — it is saved on shared family phones and helpers'
computers, sent on by chat — while the person already holds the certificate itself; the masked
number is enough to recognise it. Evidence files are listed (kind, type, size, date), not
copied into the file, for the same reason; the seller portal shows them to the shop's owners.

Deletion, for a shop the person owns:
- with other owners (co-owners through `SellerMembership`), the shop goes on: the earliest
  co-owner becomes its owner and keeps everything;
- as its only owner, the shop is CLOSED and anonymised: not active (its products leave the
  storefront and the search index), name "已关闭的店铺 <id>", no slug of its own, no story,
  logo, contact, street address or other-platform links; identity numbers and their lookup
  hashes erased; verification evidence files deleted from storage after commit (rows kept
  without file, name or checksum), open applications withdrawn; stories taken offline with
  their text and photos removed; helpers' grants revoked. What the statistics read stays:
  kind, region, disability category and grade (no longer linked to anyone: the number, name
  and address are gone), member households, sub-orders, lines and ledger entries — so every
  report keeps its totals.
A shop is closed only when nothing is in flight: no unfinished sub-order, no unpaid balance
(the next payout run pays it), no contract or delivery under way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from backend.accounts.models import User
from backend.orders.models import SubOrder
from backend.payments.models import ProducerLedgerEntry
from backend.personal_data.registry import (
    Erasure,
    ErasureBlocker,
    ErasureBlockerCode,
    PersonalDataSection,
)
from backend.personal_data.sections.orders import UNDELIVERED
from backend.procurement.models import Contract, ContractStatus, ProcurementOrder
from backend.procurement.models import ProcurementOrderStatus as DeliveryStatus
from backend.producers.identity import mask_identity
from backend.producers.models import Producer, ProducerShopLink
from backend.sellers.models import HelperGrant, SellerMembership
from backend.stories.models import Story, StoryConsent, StoryPhoto
from backend.verification.models import (
    OPEN_STATUSES,
    ApplicationStatus,
    VerificationApplication,
    VerificationEvidence,
)

CLOSED_SHOP_NAME = "已关闭的店铺 {pk}"
OPEN_CONTRACT_STATUSES = (ContractStatus.PROPOSED, ContractStatus.SIGNED, ContractStatus.ACTIVE)


def shops_of(user: User) -> QuerySet[Producer]:
    """Shops the person owns, alone or with others."""
    co_owned = SellerMembership.objects.filter(user=user).values("seller_id")
    return Producer.objects.filter(Q(owner=user) | Q(pk__in=co_owned))


def shops_to_close(user: User) -> QuerySet[Producer]:
    """Shops the person owns with no other active owner: deleting the account closes them
    (and anonymises them, already inactive ones too)."""
    others = SellerMembership.objects.filter(user__is_active=True).exclude(user=user)
    return Producer.objects.filter(owner=user).exclude(pk__in=others.values("seller_id"))


@dataclass(frozen=True)
class ShopsAfterDeletion:
    closing: list[str]  # names of shops that close
    handed_over: list[str]  # names of shops that go on with their other owners


def shops_after_deletion(user: User) -> ShopsAfterDeletion:
    """What deleting the account would do to the person's shops (for the confirmation page)."""
    closing = list(shops_to_close(user).order_by("pk").values_list("name", flat=True))
    handed_over = list(
        Producer.objects.filter(owner=user)
        .exclude(pk__in=shops_to_close(user).values("pk"))
        .order_by("pk")
        .values_list("name", flat=True)
    )
    return ShopsAfterDeletion(closing, handed_over)


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


class ShopsSection(PersonalDataSection):
    key = "shops"

    def export(self, user: User) -> list[dict[str, Any]]:
        evidence = VerificationEvidence.objects.order_by("uploaded_at", "pk")
        applications = VerificationApplication.objects.prefetch_related(
            Prefetch("evidence", queryset=evidence)
        ).order_by("-created_at", "-pk")
        shops = (
            shops_of(user)
            .select_related("region")
            .prefetch_related(
                Prefetch("shop_links", queryset=ProducerShopLink.objects.order_by("sort_order")),
                Prefetch("verification_applications", queryset=applications),
                Prefetch("stories", queryset=Story.objects.order_by("-created_at", "-pk")),
            )
            .order_by("pk")
        )
        return [self._shop(shop, user) for shop in shops]

    def _shop(self, shop: Producer, user: User) -> dict[str, Any]:
        return {
            "id": shop.pk,
            "role": "owner" if shop.owner_id == user.pk else "co_owner",
            "name": shop.name,
            "address_on_site": f"/shop/{shop.slug}/",
            "kind": shop.kind,
            "region": shop.region.full_name or shop.region.name,
            "street_address": shop.address_detail,
            "contact_name": shop.contact_name,
            "opened_on": shop.opened_on,
            "active": shop.is_active,
            "story": shop.story,
            "member_households": shop.member_household_count,
            "disabled_employees": shop.disabled_employee_count,
            "poor_household_number_masked": mask_identity(shop.poor_household_number),
            "disability_certificate_number_masked": mask_identity(
                shop.disability_certificate_number
            ),
            "disability_category": shop.disability_category,
            "disability_grade": shop.disability_grade,
            "other_platform_shops": [
                {"platform": link.platform, "address": link.url} for link in shop.shop_links.all()
            ],
            "verification_applications": [
                {
                    "kind": application.kind,
                    "status": application.status,
                    "your_note": application.statement,
                    "started": application.created_at,
                    "submitted": application.submitted_at,
                    "decided": application.decided_at,
                    "reason_given": application.decision_reason,
                    "valid_until": application.valid_until,
                    "evidence": [
                        {
                            "document": item.kind,
                            "file_type": item.content_type,
                            "size_bytes": item.size,
                            "uploaded": item.uploaded_at,
                        }
                        for item in application.evidence.all()
                    ],
                }
                for application in shop.verification_applications.all()
            ],
            "stories": [
                {"title": story.title, "summary": story.summary, "text": story.body}
                for story in shop.stories.all()  # type: ignore[attr-defined]
            ],
        }

    def blockers(self, user: User) -> list[ErasureBlocker]:
        closing = shops_to_close(user).values("pk")
        found: list[ErasureBlocker] = []
        sub_orders = SubOrder.objects.filter(producer__in=closing, status__in=UNDELIVERED).count()
        if sub_orders:
            found.append(
                ErasureBlocker(
                    ErasureBlockerCode.SHOP_ORDERS_IN_PROGRESS,
                    ngettext_lazy(
                        "Your shop has %(count)d order that is not finished. Ship it and wait "
                        "until the buyer has it (or cancel it) before you delete your account.",
                        "Your shop has %(count)d orders that are not finished. Ship them and "
                        "wait until the buyers have them (or cancel them) before you delete "
                        "your account.",
                        "count",
                    )
                    % {"count": sub_orders},
                    sub_orders,
                )
            )
        balance = ProducerLedgerEntry.objects.filter(
            producer__in=closing, payout__isnull=True
        ).aggregate(total=Sum("net_amount"))["total"] or Decimal("0")
        if balance:
            found.append(
                ErasureBlocker(
                    ErasureBlockerCode.PAYOUT_OPEN,
                    _(
                        "Your shop's earnings of %(amount)s yuan have not been paid out yet. "
                        "Wait for the next payout (or ask the platform to settle it), then "
                        "delete your account."
                    )
                    % {"amount": _money(balance)},
                )
            )
        contracts = Contract.objects.filter(producer__in=closing, status__in=OPEN_CONTRACT_STATUSES)
        deliveries = ProcurementOrder.objects.filter(
            producer__in=closing, status=DeliveryStatus.SCHEDULED
        )
        count = contracts.count() + deliveries.count()
        if count:
            found.append(
                ErasureBlocker(
                    ErasureBlockerCode.CONTRACT_OPEN,
                    _(
                        "Your shop has a supply contract or a delivery to an enterprise under "
                        "way. Finish it, or agree with the enterprise to end it, then delete "
                        "your account."
                    ),
                    count,
                )
            )
        return found

    def erase(self, user: User, erasure: Erasure) -> None:
        closing = list(shops_to_close(user).order_by("pk"))
        for shop in (
            Producer.objects.filter(owner=user)
            .exclude(pk__in=[s.pk for s in closing])
            .order_by("pk")
        ):
            self._hand_over(shop, user, erasure)
        for shop in closing:
            self._close(shop, user, erasure)
        erasure.count("shop_memberships", SellerMembership.objects.filter(user=user).delete()[0])

    def _hand_over(self, shop: Producer, user: User, erasure: Erasure) -> None:
        heir = (
            SellerMembership.objects.filter(seller=shop, user__is_active=True)
            .exclude(user=user)
            .order_by("added_at", "pk")
            .first()
        )
        shop.owner_id = heir.user_id if heir is not None else None
        shop.save(update_fields=["owner", "updated_at"])
        erasure.count("shops_handed_over", 1)

    def _close(self, shop: Producer, user: User, erasure: Erasure) -> None:
        erasure.remove_image_after_commit(shop.logo)
        shop.name = CLOSED_SHOP_NAME.format(pk=shop.pk)
        shop.slug = f"closed-{shop.pk}"
        shop.story = ""
        shop.logo = ""  # type: ignore[assignment]
        shop.logo_alt = ""
        shop.address_detail = ""
        shop.contact_name = ""
        shop.poor_household_number = ""
        shop.disability_certificate_number = ""
        shop.is_active = False
        shop.is_featured = False
        shop.owner = None
        shop.save(
            update_fields=[
                "name",
                "slug",
                "story",
                "logo",
                "logo_alt",
                "address_detail",
                "contact_name",
                "poor_household_number",
                "disability_certificate_number",
                "is_active",
                "is_featured",
                "owner",
                "updated_at",
            ]
        )
        ProducerShopLink.objects.filter(producer=shop).delete()
        HelperGrant.objects.filter(seller=shop, revoked_at__isnull=True).update(
            revoked_at=erasure.now, revoked_by=user
        )
        self._erase_evidence(shop, erasure)
        self._take_stories_offline(shop, user, erasure)
        erasure.closed_shops.append(shop)
        erasure.count("shops_closed", 1)

    def _erase_evidence(self, shop: Producer, erasure: Erasure) -> None:
        evidence = VerificationEvidence.objects.filter(seller=shop).exclude(file="")
        for item in evidence:
            erasure.remove_file_after_commit(item.file)
        erasure.count("evidence_files", evidence.update(file="", original_name="", sha256=""))
        VerificationApplication.objects.filter(seller=shop, status__in=OPEN_STATUSES).update(
            status=ApplicationStatus.WITHDRAWN, statement=""
        )
        VerificationApplication.objects.filter(seller=shop).update(statement="")

    def _take_stories_offline(self, shop: Producer, user: User, erasure: Erasure) -> None:
        stories = Story.objects.filter(producer=shop)
        StoryConsent.objects.filter(story__in=stories, withdrawn_at__isnull=True).update(
            withdrawn_at=erasure.now, withdrawn_by=user
        )
        photos = StoryPhoto.objects.filter(story__in=stories)
        for photo in photos:
            erasure.remove_image_after_commit(photo.image)
        photos.delete()
        erasure.count(
            "stories",
            stories.update(
                title=CLOSED_SHOP_NAME.format(pk=shop.pk), summary="", body="", published_at=None
            ),
        )
