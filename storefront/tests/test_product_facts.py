from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeValue,
)
from backend.regions.models import Region, RegionLevel
from storefront.product_facts import Fact, facts_from_assignments


def assigned(attribute: Attribute, name: str, **fields: object) -> AssignedProductAttributeValue:
    return AssignedProductAttributeValue(
        value=AttributeValue(attribute=attribute, name=name, slug=name, **fields)
    )


def test_facts_from_assignments_sorts_values_into_origin_badges_and_facts():
    # given
    county = Region(name="成县", full_name="甘肃省 陇南市 成县", level=RegionLevel.COUNTY)
    origin = Attribute(pk=1, slug="origin", name="产地", input_type="reference")
    certs = Attribute(pk=2, slug="certifications", name="三品一标", input_type="multiselect")
    heritage = Attribute(pk=3, slug="intangible-heritage", name="非遗", input_type="boolean")
    cold = Attribute(pk=4, slug="cold-chain", name="冷链", input_type="boolean")
    flavour = Attribute(pk=5, slug="flavour", name="口味", input_type="multiselect")
    weight = Attribute(pk=6, slug="net", name="净含量", input_type="numeric", unit="克")
    assignments = [
        assigned(origin, "成县", reference_region=county),
        assigned(certs, "有机"),
        assigned(heritage, "是", boolean=True),
        assigned(cold, "否", boolean=False),
        assigned(flavour, "原味"),
        assigned(flavour, "椒盐"),
        assigned(weight, "500", numeric=Decimal("500.000")),
    ]

    # when
    with translation.override("en"):
        facts = facts_from_assignments(assignments)

    # then
    assert facts.origin == "甘肃省 陇南市 成县"
    assert facts.badges == ["Organic", "Intangible cultural heritage"]
    assert facts.facts == [
        Fact("Origin", "甘肃省 陇南市 成县"),
        Fact("净含量", "500 克"),
        Fact("口味", "原味, 椒盐"),
    ]


def test_facts_from_assignments_hidden_attribute_is_left_out():
    # given
    secret = Attribute(
        pk=1,
        slug="cost-note",
        name="成本备注",
        input_type=AttributeInputType.PLAIN_TEXT,
        visible_in_storefront=False,
    )

    # when
    facts = facts_from_assignments([assigned(secret, "x", plain_text="进货价很低")])

    # then
    assert facts.facts == []
    assert facts.badges == []


def test_facts_from_assignments_in_chinese_joins_values_with_the_chinese_comma():
    # given
    flavour = Attribute(pk=5, slug="flavour", name="口味", input_type="multiselect")

    # when
    with translation.override("zh-hans"):
        facts = facts_from_assignments([assigned(flavour, "原味"), assigned(flavour, "椒盐")])

    # then
    assert facts.facts == [Fact("口味", "原味、椒盐")]
