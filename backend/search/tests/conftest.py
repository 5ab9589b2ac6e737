"""A small catalogue for search tests: herbs, walnuts, millet and oil from real counties,
producers with and without live verification tags, a certifications attribute."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import cast

import pytest
from django.utils import timezone

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeValue,
    Category,
    Channel,
    Product,
)
from backend.catalog.tests.factories import (
    CategoryFactory,
    ChannelFactory,
    ProductFactory,
    list_product,
)
from backend.producers.models import Producer
from backend.producers.tests.factories import ProducerFactory
from backend.regions.models import Region
from backend.search.indexing import index_products
from backend.verification.models import (
    ApplicationStatus,
    VerificationApplication,
    VerificationKind,
)

WEIYUAN = "621123"
CHENGXIAN = "621221"
WUXIANG = "140429"


def grant_tag(
    producer: Producer,
    kind: str = VerificationKind.POOR_HOUSEHOLD,
    *,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> VerificationApplication:
    """An approved verification written directly (the workflow has its own tests)."""
    now = timezone.now()
    return VerificationApplication.objects.create(
        seller=producer,
        kind=kind,
        status=ApplicationStatus.APPROVED,
        valid_from=valid_from or now - timedelta(days=30),
        valid_until=valid_until or now + timedelta(days=335),
        decided_at=now,
    )


@dataclass
class Catalogue:
    channel: Channel
    herbs: Category
    dangshen_cat: Category
    nuts: Category
    grain: Category
    organic: AttributeValue
    green: AttributeValue
    poor: Producer
    plain: Producer
    walnut_farm: Producer
    dangshen_poor: Product  # 渭源党参 by a verified poor household, ¥49.90
    dangshen_plain: Product  # 高山党参 by an untagged cooperative, ¥59.90
    huangqi: Product  # 黄芪; 党参 only in the description
    walnut: Product  # 成县核桃, ¥25, organic
    millet: Product  # 武乡小米, ¥15, green


def make_product(
    producer: Producer,
    category: Category,
    name: str,
    channel: Channel,
    price: str,
    description: str = "产地直发。",
) -> Product:
    product = cast(
        Product,
        ProductFactory(producer=producer, category=category, name=name, description=description),
    )
    list_product(product, channel, [Decimal(price)])
    return product


def certify(product: Product, value: AttributeValue) -> None:
    AssignedProductAttributeValue.objects.create(product=product, value=value)


@pytest.fixture
def catalogue(db) -> Catalogue:  # type: ignore[no-untyped-def]
    channel = ChannelFactory()
    herbs = CategoryFactory(name="中药材", slug="herbs")
    dangshen_cat = CategoryFactory(name="根茎类", slug="roots", parent=herbs)
    nuts = CategoryFactory(name="坚果", slug="nuts")
    grain = CategoryFactory(name="粮油杂粮", slug="grain")
    certifications = Attribute.objects.create(slug="certifications", name="三品一标")
    organic = AttributeValue.objects.create(
        attribute=certifications, name="有机认证", slug="organic"
    )
    green = AttributeValue.objects.create(attribute=certifications, name="绿色食品", slug="green")
    poor = ProducerFactory(name="王家小院", region=Region.objects.get(code=WEIYUAN))
    plain = ProducerFactory(name="高原合作社", region=Region.objects.get(code=WEIYUAN))
    walnut_farm = ProducerFactory(name="核桃林场", region=Region.objects.get(code=CHENGXIAN))
    grain_farm = ProducerFactory(name="太行农家", region=Region.objects.get(code=WUXIANG))
    grant_tag(poor)
    dangshen_poor = make_product(poor, dangshen_cat, "渭源党参", channel, "49.90")
    dangshen_plain = make_product(plain, dangshen_cat, "高山党参", channel, "59.90")
    huangqi = make_product(
        plain, dangshen_cat, "黄芪切片", channel, "39.00", description="可与党参一起煲汤。"
    )
    walnut = make_product(walnut_farm, nuts, "成县核桃", channel, "25.00")
    millet = make_product(grain_farm, grain, "武乡小米", channel, "15.00")
    certify(walnut, organic)
    certify(millet, green)
    index_products([p.pk for p in (dangshen_poor, dangshen_plain, huangqi, walnut, millet)])
    return Catalogue(
        channel=channel,
        herbs=herbs,
        dangshen_cat=dangshen_cat,
        nuts=nuts,
        grain=grain,
        organic=organic,
        green=green,
        poor=poor,
        plain=plain,
        walnut_farm=walnut_farm,
        dangshen_poor=dangshen_poor,
        dangshen_plain=dangshen_plain,
        huangqi=huangqi,
        walnut=walnut,
        millet=millet,
    )
