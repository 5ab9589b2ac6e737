"""Demo producers: the shop, who runs it, its identity numbers, links, logo and warehouse."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile

from backend.demo.definitions import ProducerDef
from backend.demo.identity_numbers import disability_certificate_number, poor_household_number
from backend.demo.pictures import Palette, draw_logo, logo_alt
from backend.producers.models import Producer, ProducerKind, ProducerShopLink
from backend.regions.models import Region
from backend.warehouse.models import Warehouse

# Other platforms' shops point at a reserved example domain: never at a real shop.
PLATFORM_HOSTS = {
    "淘宝": "taobao",
    "天猫": "tmall",
    "京东": "jd",
    "拼多多": "pinduoduo",
    "微店": "weidian",
    "抖音小店": "douyin",
}


@dataclass(frozen=True)
class LoadedProducer:
    producer: Producer
    warehouse: Warehouse
    county: Region


def shop_link_url(platform: str, path: str) -> str:
    host = PLATFORM_HOSTS.get(platform, "shop")
    return f"https://{host}.example.com/shop/{path}"


def identity_fields(definition: ProducerDef, serial: int) -> dict[str, object]:
    """Identity numbers generated to validate (see backend.demo.identity_numbers)."""
    fields: dict[str, object] = {
        "disability_certificate_number": "",
        "disability_category": None,
        "disability_grade": None,
        "poor_household_number": "",
    }
    if definition.disability is not None:
        d = definition.disability
        fields["disability_certificate_number"] = disability_certificate_number(
            definition.county_code,
            d.born,
            serial,
            male=d.male,
            category=d.category,
            grade=d.grade,
        )
        fields["disability_category"] = d.category
        fields["disability_grade"] = d.grade
    if definition.household_registered_year is not None:
        fields["poor_household_number"] = poor_household_number(
            definition.county_code, definition.household_registered_year, serial
        )
    return fields


def load_producer(
    definition: ProducerDef, *, serial: int, village: Region, county: Region, palette: Palette
) -> LoadedProducer:
    producer = Producer.objects.filter(slug=definition.slug).first() or Producer(
        slug=definition.slug
    )
    values: dict[str, object] = {
        "kind": ProducerKind(definition.kind),
        "name": definition.name,
        "story": definition.story,
        "region": village,
        "opened_on": definition.opened_on,
        "contact_name": definition.contact_name,
        "is_active": True,
        "is_featured": definition.featured,
        "member_household_count": definition.member_households,
        "disabled_employee_count": definition.disabled_employees,
        **identity_fields(definition, serial),
    }
    for name, value in values.items():
        setattr(producer, name, value)
    if not producer.logo:
        producer.logo.save(
            f"{definition.slug}.png", ContentFile(draw_logo(definition.name, palette)), save=False
        )
        producer.logo_alt = logo_alt(definition.name, palette)
    producer.full_clean()  # the identity numbers must validate like any operator's input
    producer.save()
    for position, (platform, path) in enumerate(definition.links):
        ProducerShopLink.objects.update_or_create(
            producer=producer,
            url=shop_link_url(platform, path),
            defaults={"platform": platform, "sort_order": position},
        )
    warehouse, _ = Warehouse.objects.update_or_create(
        slug=f"{definition.slug}-warehouse",
        defaults={
            "name": f"{definition.name}仓库",
            "producer": producer,
            "region": village,
            "address_detail": f"{county.name}{definition.township}{definition.village}",
            "is_cold_chain": definition.cold_storage,
        },
    )
    return LoadedProducer(producer=producer, warehouse=warehouse, county=county)
