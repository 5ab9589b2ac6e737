"""Reviews on storefront pages: the product's and the shop's average, count and latest visible
reviews, and the "write a review" links of an order's delivered lines.

Each tag costs a fixed number of queries (see `storefront.review_queries`), whatever the
number of reviews: the summary row, and when there are reviews, one page of them and their
photos.
"""

from __future__ import annotations

from typing import Any

from django import template

from backend.accounts.models import User
from storefront import review_queries

register = template.Library()


def _product_rating(context: template.Context, slug: str) -> review_queries.RatingSummary:
    """The product's summary, read once per page render (the link under the price and the
    reviews section share it)."""
    key = f"review_tags.product_rating:{slug}"
    found = context.render_context.get(key)
    if found is None:
        found = review_queries.product_rating(slug)
        context.render_context[key] = found
    return found


@register.inclusion_tag("storefront/reviews/rating_link.html", takes_context=True)
def product_rating_link(context: template.Context, product: Any) -> dict[str, Any]:
    return {"rating": _product_rating(context, product.slug)}


@register.inclusion_tag("storefront/reviews/product_reviews.html", takes_context=True)
def product_reviews(context: template.Context, product: Any) -> dict[str, Any]:
    slug = product.slug
    rating = _product_rating(context, slug)
    return {
        "rating": rating,
        "reviews": review_queries.latest_product_reviews(slug) if rating.count else [],
        "product_slug": slug,
        "product_name": product.name,
    }


@register.inclusion_tag("storefront/reviews/shop_reviews.html")
def shop_reviews(shop_slug: str) -> dict[str, Any]:
    rating = review_queries.shop_rating(shop_slug)
    return {
        "rating": rating,
        "reviews": review_queries.latest_shop_reviews(shop_slug) if rating.count else [],
    }


@register.inclusion_tag("storefront/reviews/stars.html")
def stars(rating: Any) -> dict[str, Any]:
    """Stars as text for screen readers and as ★ glyphs (hidden from them) for the eye."""
    value = int(rating or 0)
    return {"value": value, "filled": "★" * value, "empty": "☆" * (5 - value)}


@register.inclusion_tag("storefront/reviews/order_review_links.html", takes_context=True)
def order_review_links(context: template.Context, order: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    lines = []
    if isinstance(user, User) and user.is_authenticated:
        lines = review_queries.order_review_lines(user, order.token)
    return {"lines": lines, "order_token": order.token}
