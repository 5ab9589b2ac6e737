from __future__ import annotations

import graphene

from backend.regions.models import RegionLevel

RegionLevelEnum = graphene.Enum(
    "RegionLevelEnum",
    [(level.name, level.value) for level in RegionLevel],
    description="Level of an administrative division: province, city, county, township, village.",
)
