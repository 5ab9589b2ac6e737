"""Province and county choices for selects that work without JavaScript (as the storefront's
checkout does): first a province, then its counties grouped by city (one `<optgroup>` each)."""

from __future__ import annotations

from backend.regions.models import Region, RegionLevel

CountyChoices = list[tuple[str, list[tuple[int, str]]] | tuple[int, str]]


def province_choices() -> list[tuple[str, str]]:
    """Provinces (and municipalities, autonomous regions) that have counties."""
    with_counties = Region.objects.filter(level=RegionLevel.COUNTY).values("province_code")
    rows = (
        Region.objects.filter(level=RegionLevel.PROVINCE, province_code__in=with_counties)
        .only("id", "name", "province_code")
        .order_by("code")
    )
    return [(row.province_code, row.name) for row in rows]


def province_name(code: str) -> str:
    return dict(province_choices()).get(code, "")


def county_choices(province_code: str) -> CountyChoices:
    """The province's counties grouped by city; districts of a municipality are listed
    directly."""
    counties = (
        Region.objects.filter(level=RegionLevel.COUNTY, province_code=province_code)
        .select_related("parent")
        .only("id", "code", "name", "parent__id", "parent__name", "parent__level")
        .order_by("parent__code", "code")
    )
    choices: CountyChoices = []
    groups: dict[int, list[tuple[int, str]]] = {}
    for county in counties:
        parent = county.parent
        if parent is None or parent.level != RegionLevel.CITY:
            choices.append((county.pk, county.name))
            continue
        if parent.pk not in groups:
            groups[parent.pk] = []
            choices.append((parent.name, groups[parent.pk]))
        groups[parent.pk].append((county.pk, county.name))
    return choices


def county_of_province(county_id: int | None, province_code: str) -> Region | None:
    if county_id is None:
        return None
    return Region.objects.filter(
        pk=county_id, level=RegionLevel.COUNTY, province_code=province_code
    ).first()
