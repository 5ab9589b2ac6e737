"""Template filters of the zone pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def offers_for(offers: dict[str, list[Any]] | None, slug: str) -> list[Any]:
    """A campaign's offers of one product (by slug), or none."""
    return (offers or {}).get(slug, [])
