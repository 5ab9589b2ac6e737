"""Programme rules as small named policies. A service takes `policy=` (keyword) so a region
or a test can pass another; the defaults are what the programme documents say."""

from __future__ import annotations

from decimal import Decimal

from backend.programme.models import Course
from backend.regions.models import RegionLevel


class SubsidyCapPolicy:
    """A self-paid course subsidy is capped at the fee actually paid."""

    def cap(self, course: Course, fee_paid: Decimal) -> Decimal:
        return fee_paid


class HouseholdPlacePolicy:
    """A household is filed under its village or township."""

    levels: frozenset[int] = frozenset({RegionLevel.TOWNSHIP, RegionLevel.VILLAGE})

    def allows(self, level: int) -> bool:
        return level in self.levels


DEFAULT_SUBSIDY_CAP = SubsidyCapPolicy()
DEFAULT_HOUSEHOLD_PLACE = HouseholdPlacePolicy()
