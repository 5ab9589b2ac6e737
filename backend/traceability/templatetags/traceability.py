"""Template tags for pages other apps own: the batch QR codes on the seller's packing slip,
the batch link on the product page and the story links on the shop page (one query each)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from backend.orders.models import SubOrder
from backend.stories.lookups import published_stories_of_producer_slug
from backend.traceability.lookups import public_batches
from backend.traceability.qr import batch_url, qr_svg

register = template.Library()


@register.inclusion_tag("traceability/packing_slip_batches.html", takes_context=True)
def packing_slip_batches(context: dict[str, Any], sub_order: SubOrder) -> dict[str, Any]:
    """A QR code per batch packed in this sub-order (one query), and a link to say which."""
    request = context["request"]
    batches = (
        public_batches()
        .filter(allocations__order_line__sub_order_id=sub_order.pk)
        .select_related("variant__product", "origin")
        .distinct()
        .order_by("pk")
    )
    shown = []
    for batch in batches:
        url = batch_url(batch.code, request=request)
        title = gettext("QR code of batch %(code)s") % {"code": batch.code}
        shown.append({"batch": batch, "url": url, "svg": qr_svg(url, title=title, scale=2)})
    return {"batches": shown, "sub_order": sub_order}


@register.inclusion_tag("traceability/shop_stories.html")
def shop_stories(producer_slug: str) -> dict[str, Any]:
    return {"stories": published_stories_of_producer_slug(producer_slug)}
