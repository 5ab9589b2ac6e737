"""A region as a filter on the denormalised region codes, and its child breakdown.

Every statistic joins the row's region as `r` (a producer's region, a household's region…) and
adds `Area.where` to its WHERE clause: one indexed comparison on `province_code`, `city_code` or
`county_code` for the official levels, the place and its villages for a township. `Area.child`
is the SQL expression that names the child region a row rolls up into (province → city →
county → township → village), so one GROUP BY gives the child breakdown; rows placed directly
in the region itself (a shop registered at county level) have no child (NULL).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.utils.functional import cached_property

from backend.regions.models import Region, RegionLevel


@dataclass(frozen=True)
class Area:
    region: Region

    @property
    def where(self) -> tuple[str, list[str | int]]:
        region = self.region
        level = region.level
        if level == RegionLevel.PROVINCE:
            return "r.province_code = %s", [region.code or ""]
        if level == RegionLevel.CITY:
            return "r.city_code = %s", [region.code or ""]
        if level == RegionLevel.COUNTY:
            return "r.county_code = %s", [region.code or ""]
        if level == RegionLevel.TOWNSHIP:
            return "(r.id = %s OR r.parent_id = %s)", [region.pk, region.pk]
        return "r.id = %s", [region.pk]

    @property
    def child(self) -> str:
        level = self.region.level
        if level == RegionLevel.PROVINCE:
            return "NULLIF(r.city_code, '')"
        if level == RegionLevel.CITY:
            return "NULLIF(r.county_code, '')"
        if level == RegionLevel.COUNTY:
            return "CASE r.level WHEN 4 THEN r.id::text WHEN 5 THEN r.parent_id::text ELSE NULL END"
        if level == RegionLevel.TOWNSHIP:
            return "CASE WHEN r.level = 5 THEN r.id::text ELSE NULL END"
        return "NULL::text"

    @cached_property
    def producer_ids(self) -> list[int]:
        """The shops registered in the area (one query). Passing them to a statement as an
        array gives the planner a true row estimate, which a join on the region codes does not
        (it cannot know that shops crowd into a few counties)."""
        where, params = self.where
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT p.id FROM producers_producer p "
                f"JOIN regions_region r ON r.id = p.region_id WHERE {where}",
                params,
            )
            return [row[0] for row in cursor.fetchall()]

    @cached_property
    def children(self) -> dict[str, Region]:
        """Child key (as `child` yields it) → child region, in code/name order."""
        region = self.region
        level = region.level
        if level == RegionLevel.PROVINCE:
            rows = Region.objects.filter(level=RegionLevel.CITY, province_code=region.code)
            return {child.code or "": child for child in rows.order_by("code", "pk")}
        if level == RegionLevel.CITY:
            rows = Region.objects.filter(level=RegionLevel.COUNTY, city_code=region.code)
            return {child.code or "": child for child in rows.order_by("code", "pk")}
        if level in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP):
            rows = Region.objects.filter(parent_id=region.pk)
            return {str(child.pk): child for child in rows.order_by("code", "name", "pk")}
        return {}
