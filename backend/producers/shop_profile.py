"""Services: open a shop, and change what buyers read about it (name, story, other shops).

- `open_shop(draft, owner=…, actor=…)`: the Producer with its owner, region and identity
  number (a disabled individual's certificate, a poor household's registration number), and
  its audit row, in one transaction.
- `update_shop_profile(shop, actor=…, name=…, story=…)`: only what is passed changes.
- `add_shop_link` / `remove_shop_link`: the seller's shops on other platforms.

Changes need `SellerAction.EDIT_SHOP` (owners, helpers with scope "all"); anyone else gets
NOT_FOUND, as for a shop that does not exist. Every change writes a `SHOP_PROFILE_UPDATED`
audit row through `record_seller_action`, so a helper's change reads "by helper X for seller Y".
Identity numbers are written to audit rows masked, never in full.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.producers.errors import ShopError, ShopErrorCode, not_found
from backend.producers.identity import mask_identity
from backend.producers.models import Producer, ProducerKind, ProducerShopLink
from backend.producers.shop_identity import checked_identity
from backend.regions.models import Region, RegionLevel
from backend.sellers.events import record_seller_action
from backend.sellers.locks import lock_seller
from backend.sellers.permissions import SellerAction, seller_policy

NAME_MAX_LENGTH = Producer._meta.get_field("name").max_length or 100
STORY_MAX_LENGTH = 5000
PLACE_MAX_LENGTH = 60
PLATFORM_MAX_LENGTH = ProducerShopLink._meta.get_field("platform").max_length or 50
MAX_LINKS = 10
_UNSET: Any = object()


@dataclass(frozen=True)
class ShopDraft:
    """What a seller answered when opening a shop."""

    name: str
    kind: str
    county_id: int
    township: str = ""
    village: str = ""
    story: str = ""
    disability_certificate_number: str = ""
    poor_household_number: str = ""


def clean_shop_name(value: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise ShopError(ShopErrorCode.REQUIRED, _("Enter the name of your shop."), field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise ShopError(
            ShopErrorCode.TOO_LONG,
            _("Use %(limit)d characters or fewer for the shop name; this one has %(count)d."),
            field="name",
            params={"limit": NAME_MAX_LENGTH, "count": len(name)},
        )
    return name


def clean_story(value: str) -> str:
    story = "\n".join(line.rstrip() for line in (value or "").strip().splitlines())
    if len(story) > STORY_MAX_LENGTH:
        raise ShopError(
            ShopErrorCode.TOO_LONG,
            _("Keep the story under %(limit)d characters; this one has %(count)d."),
            field="story",
            params={"limit": STORY_MAX_LENGTH, "count": len(story)},
        )
    return story


def clean_place_name(value: str, *, field: str) -> str:
    place = " ".join((value or "").split())
    if len(place) > PLACE_MAX_LENGTH:
        raise ShopError(
            ShopErrorCode.TOO_LONG,
            _("Use %(limit)d characters or fewer."),
            field=field,
            params={"limit": PLACE_MAX_LENGTH},
        )
    return place


def _county(county_id: int) -> Region:
    county = (
        Region.objects.filter(pk=county_id, level=RegionLevel.COUNTY).select_related("parent")
    ).first()
    if county is None:
        raise ShopError(
            ShopErrorCode.INVALID_REGION,
            _("Choose the county or district where you are."),
            field="county",
        )
    return county


def _most_specific_region(county: Region, township: str, village: str) -> Region:
    """A known township or village under the county, when the names typed match one."""
    if not township:
        return county
    found = Region.objects.filter(parent=county, level=RegionLevel.TOWNSHIP, name=township).first()
    if found is None:
        return county
    if village:
        return (
            Region.objects.filter(parent=found, level=RegionLevel.VILLAGE, name=village).first()
            or found
        )
    return found


def _unique_slug(name: str) -> str:
    base = slugify(" ".join(lazy_pinyin(name)))[:60].strip("-") or "shop"
    if not Producer.objects.filter(slug=base).exists():
        return base
    return f"{base}-{secrets.token_hex(3)}"


def _ensure_may_edit(actor: User, shop: Producer) -> None:
    if not seller_policy.user_has_permission_for_instance(actor, SellerAction.EDIT_SHOP, shop):
        raise not_found()


def open_shop(draft: ShopDraft, *, owner: User, actor: User) -> Producer:
    """Create the shop of `owner` (who signed up; the actor is normally the same person)."""
    name = clean_shop_name(draft.name)
    if draft.kind not in ProducerKind.values:
        raise ShopError(
            ShopErrorCode.INVALID_KIND, _("Choose what kind of shop it is."), field="kind"
        )
    kind = ProducerKind(draft.kind)
    story = clean_story(draft.story)
    township = clean_place_name(draft.township, field="township")
    village = clean_place_name(draft.village, field="village")
    identity = checked_identity(
        kind,
        certificate=draft.disability_certificate_number,
        household=draft.poor_household_number,
    )
    county = _county(draft.county_id)
    region = _most_specific_region(county, township, village)
    place = " ".join(part for part in (township, village) if part)
    for attempt in range(3):
        try:
            with transaction.atomic(durable=True):
                shop = Producer.objects.create(
                    kind=kind,
                    name=name,
                    slug=_unique_slug(name),
                    story=story,
                    region=region,
                    address_detail=place,
                    contact_name=owner.name,
                    owner=owner,
                    **identity,
                )
                new = {"name": name, "kind": kind, "region": region.pk, "place": place}
                new.update({k: mask_identity(v) for k, v in identity.items() if isinstance(v, str)})
                record_seller_action(
                    shop,
                    AuditEventType.SHOP_PROFILE_UPDATED,
                    actor=actor,
                    subject=shop,
                    new=new,
                    extra={"opened": True},
                )
                return shop
        except IntegrityError:  # the slug was taken by a concurrent sign-up
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def update_shop_profile(
    shop: Producer, *, actor: User, name: str = _UNSET, story: str = _UNSET
) -> Producer:
    """Change the shop's name and/or story; only the arguments given are changed."""
    wanted: dict[str, str] = {}
    if name is not _UNSET:
        wanted["name"] = clean_shop_name(name)
    if story is not _UNSET:
        wanted["story"] = clean_story(story)
    with transaction.atomic(durable=True):
        _ensure_may_edit(actor, shop)
        locked = lock_seller(shop.pk)
        old = {field: getattr(locked, field) for field in wanted}
        changed = {field: value for field, value in wanted.items() if old[field] != value}
        if not changed:
            return locked
        for field, value in changed.items():
            setattr(locked, field, value)
        locked.save(update_fields=[*changed, "updated_at"])
        record_seller_action(
            locked,
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=locked,
            old={field: old[field] for field in changed},
            new=changed,
        )
    return locked


def _clean_link(platform: str, url: str) -> tuple[str, str]:
    platform = " ".join((platform or "").split())
    url = (url or "").strip()
    if not platform:
        raise ShopError(
            ShopErrorCode.REQUIRED,
            _("Enter the name of the platform, like 淘宝 or 京东."),
            field="platform",
        )
    if len(platform) > PLATFORM_MAX_LENGTH:
        raise ShopError(
            ShopErrorCode.TOO_LONG,
            _("Use %(limit)d characters or fewer."),
            field="platform",
            params={"limit": PLATFORM_MAX_LENGTH},
        )
    if not url:
        raise ShopError(
            ShopErrorCode.REQUIRED, _("Enter the address of your shop there."), field="url"
        )
    if "://" not in url:
        url = f"https://{url}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ShopError(
            ShopErrorCode.INVALID_URL,
            _("Enter the shop's address as it shows in the browser, like https://shop.example.com"),
            field="url",
        ) from None
    return platform, url


def add_shop_link(shop: Producer, *, platform: str, url: str, actor: User) -> ProducerShopLink:
    platform, url = _clean_link(platform, url)
    with transaction.atomic(durable=True):
        _ensure_may_edit(actor, shop)
        locked = lock_seller(shop.pk)
        links = ProducerShopLink.objects.filter(producer_id=locked.pk)
        if links.filter(url=url).exists():
            raise ShopError(
                ShopErrorCode.DUPLICATE_LINK,
                _("This address is already in your list."),
                field="url",
            )
        if links.count() >= MAX_LINKS:
            raise ShopError(
                ShopErrorCode.TOO_MANY_LINKS,
                _("You can list up to %(limit)d shops. Remove one first."),
                field="url",
                params={"limit": MAX_LINKS},
            )
        last = links.aggregate(last=Max("sort_order"))["last"]
        link = ProducerShopLink.objects.create(
            producer=locked,
            platform=platform,
            url=url,
            sort_order=0 if last is None else last + 1,
        )
        record_seller_action(
            locked,
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=locked,
            new={"link_added": {"platform": platform, "url": url}},
        )
    return link


def remove_shop_link(shop: Producer, link_id: int, *, actor: User) -> None:
    with transaction.atomic(durable=True):
        _ensure_may_edit(actor, shop)
        locked = lock_seller(shop.pk)
        link = ProducerShopLink.objects.filter(producer_id=locked.pk, pk=link_id).first()
        if link is None:
            raise not_found("link")
        link.delete()
        record_seller_action(
            locked,
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=locked,
            old={"link_removed": {"platform": link.platform, "url": link.url}},
        )
