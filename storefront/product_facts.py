"""What a product page says about origin, certifications and keeping, from its attributes.

Rules, by attribute input type (so an attribute added later still shows up sensibly):
- a region reference is the origin, shown with the region's full name (甘肃省 定西市 渭源县);
- a yes/no attribute that is "yes" becomes a text badge (非遗, 冷链);
- values of the certification attribute (三品一标) become text badges, one per value;
- everything else (grade, shelf life, other choices, numbers, text) is a labelled fact.

Attributes with well-known slugs get translated labels; others show their stored name. Badges
are text, so they never carry meaning by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from backend.catalog.models import AssignedProductAttributeValue, AttributeInputType
from backend.checkout.variant_facts import SUPPLYING_HOUSEHOLD_SLUG

ORIGIN_SLUG = "origin"
GRADE_SLUG = "grade"
CERTIFICATIONS_SLUG = "certifications"
HERITAGE_SLUG = "intangible-heritage"
COLD_CHAIN_SLUG = "cold-chain"
SHELF_LIFE_SLUG = "shelf-life"

BADGE_ATTRIBUTE_SLUGS = frozenset({CERTIFICATIONS_SLUG})
# Attributes that name people or households: never on a public page, whatever their
# `visible_in_storefront` says.
PRIVATE_ATTRIBUTE_SLUGS = frozenset({SUPPLYING_HOUSEHOLD_SLUG})

ATTRIBUTE_LABELS: dict[str, Promise] = {
    ORIGIN_SLUG: _("Origin"),
    GRADE_SLUG: _("Grade"),
    CERTIFICATIONS_SLUG: _("Certifications"),
    HERITAGE_SLUG: _("Intangible cultural heritage"),
    COLD_CHAIN_SLUG: _("Shipped cold"),
    SHELF_LIFE_SLUG: _("Shelf life"),
}

# Stored value names (Chinese in the catalogue) that have a translated wording.
VALUE_LABELS: dict[str, Promise] = {
    "地理标志": _("Geographical indication"),
    "地理标志农产品": _("Geographical indication"),
    "绿色食品": _("Green food"),
    "有机": _("Organic"),
    "有机产品": _("Organic"),
    "无公害": _("Pollution-free"),
    "无公害农产品": _("Pollution-free"),
    "特级": _("Premium grade"),
    "一级": _("Grade one"),
    "二级": _("Grade two"),
}

DAY_UNITS = frozenset({"day", "days", "d", "天"})


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class ProductFacts:
    origin: str | None = None
    badges: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


def _number(value: Decimal) -> str:
    normal = value.normalize()
    return f"{normal:f}" if normal == normal.to_integral() else str(normal)


def _numeric_text(value: Decimal, unit: str) -> str:
    if unit.lower() in DAY_UNITS and value == value.to_integral():
        days = int(value)
        return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}
    number = _number(value)
    return f"{number} {unit}".strip()


def _value_text(name: str) -> str:
    label = VALUE_LABELS.get(name)
    return str(label) if label is not None else name


def facts_from_assignments(
    assignments: Iterable[AssignedProductAttributeValue],
) -> ProductFacts:
    """Assignments must come with value__attribute and value__reference_region selected."""
    origin: str | None = None
    badges: list[str] = []
    facts: list[Fact] = []
    grouped: dict[int, list[str]] = {}
    labels: dict[int, str] = {}
    for assignment in assignments:
        value = assignment.value
        attribute = value.attribute
        if not attribute.visible_in_storefront or attribute.slug in PRIVATE_ATTRIBUTE_SLUGS:
            continue
        label = str(ATTRIBUTE_LABELS.get(attribute.slug, attribute.name))
        input_type = attribute.input_type
        if input_type == AttributeInputType.REFERENCE and value.reference_region is not None:
            region_name = value.reference_region.full_name or value.reference_region.name
            origin = origin or region_name
            facts.append(Fact(label, region_name))
        elif input_type == AttributeInputType.BOOLEAN:
            if value.boolean:
                badges.append(label)
        elif attribute.slug in BADGE_ATTRIBUTE_SLUGS:
            badges.append(_value_text(value.name))
        elif input_type == AttributeInputType.NUMERIC and value.numeric is not None:
            facts.append(Fact(label, _numeric_text(value.numeric, attribute.unit)))
        elif input_type == AttributeInputType.PLAIN_TEXT:
            facts.append(Fact(label, value.plain_text or value.name))
        else:
            labels[attribute.pk] = label
            grouped.setdefault(attribute.pk, []).append(_value_text(value.name))
    for attribute_pk, names in grouped.items():
        separator = pgettext("list separator", ", ")
        facts.append(Fact(labels[attribute_pk], separator.join(names)))
    return ProductFacts(origin=origin, badges=badges, facts=facts)
