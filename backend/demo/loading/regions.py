"""Official divisions, plus the demo's townships and villages as named regions."""

from __future__ import annotations

from backend.demo.definitions import DemoData
from backend.regions.loading import add_named_region, load_official_regions
from backend.regions.models import Region, RegionLevel


def load_demo_regions(data: DemoData) -> dict[tuple[str, str, str], Region]:
    """Ensure the official list is loaded and add the named townships and villages.

    Returns the villages keyed by (county code, township, village). Idempotent: both
    `load_official_regions` and `add_named_region` skip what exists.
    """
    load_official_regions()
    counties = Region.objects.in_bulk(list(data.named_regions), field_name="code")
    villages: dict[tuple[str, str, str], Region] = {}
    for county_code, townships in data.named_regions.items():
        county = counties.get(county_code)
        if county is None:
            raise LookupError(f"county {county_code} is not in the official list")
        for township_name, village_names in townships.items():
            township = add_named_region(county, township_name, RegionLevel.TOWNSHIP)
            for village_name in village_names:
                village = add_named_region(township, village_name, RegionLevel.VILLAGE)
                villages[(county_code, township_name, village_name)] = village
    return villages
