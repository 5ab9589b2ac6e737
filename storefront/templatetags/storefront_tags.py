"""Template tags and filters of the storefront layout: prices, languages, category navigation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language
from prices import Money

from backend.catalog.pricing import ProductPricing
from backend.core.money import quantize
from storefront.cart_session import item_count
from storefront.languages import LanguageLink, language_links, language_tag
from storefront.page_cache import cached_shared
from storefront.queries import root_categories
from storefront.shapes import CategoryLink

register = template.Library()

CURRENCY_SYMBOLS = {"CNY": "¥"}


def format_money(amount: Decimal, currency: str = "CNY") -> str:
    """`Decimal("49.9")` → "¥49.90"; thousands separated ("¥1,299.00"). Never via float."""
    if not isinstance(amount, Decimal):
        raise TypeError("prices must be Decimal")
    text = f"{quantize(amount):,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{currency} {text}"


@register.filter
def money(value: Money | Decimal | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Money):
        return format_money(value.amount, value.currency)
    return format_money(value)


@register.filter
def price_range(pricing: ProductPricing | None) -> str:
    """ "¥49.90" when every variant costs the same, else "¥29.90 – ¥59.90"."""
    if pricing is None or pricing.price_range is None:
        return ""
    start, stop = pricing.price_range.start, pricing.price_range.stop
    if start == stop:
        return money(start)
    return f"{money(start)} – {money(stop)}"


@register.simple_tag
def html_lang() -> str:
    return language_tag(get_language())


@register.simple_tag
def data_lang() -> str:
    """` lang="zh-Hans"` on catalogue text (written in Chinese) when the page is in English."""
    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', language_tag(settings.LANGUAGE_CODE))


@register.simple_tag
def catalogue_text(text: str) -> str:
    """Catalogue text (Chinese) to put inside a translated sentence: wrapped in a span with
    `lang="zh-Hans"` on English pages, plain (escaped) on Chinese ones."""
    if (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language_tag(settings.LANGUAGE_CODE), text)


@register.simple_tag(takes_context=True)
def language_switch(context: template.Context) -> list[LanguageLink]:
    request = context.get("request")
    if request is None:
        return []
    return language_links(request)


@register.simple_tag(takes_context=True)
def cart_item_count(context: template.Context) -> int:
    """Items in this browser's cart, as the session last saw them (no query of its own)."""
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return item_count(request)


@register.inclusion_tag("storefront/includes/category_nav.html", takes_context=True)
def category_nav(context: template.Context) -> dict[str, Any]:
    categories: list[CategoryLink] = cached_shared("root-categories", root_categories)
    return {
        "categories": categories,
        "current_category": context.get("current_category_slug"),
        "current_is_page": context.get("current_category_is_page", False),
    }
