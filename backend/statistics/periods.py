"""Years in the project's time zone (Asia/Shanghai): a sale belongs to the year and month its
order was placed there."""

from __future__ import annotations

import datetime

from django.utils import timezone


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_default_timezone()
    return datetime.datetime(year, 1, 1, tzinfo=zone), datetime.datetime(
        year + 1, 1, 1, tzinfo=zone
    )


def time_zone_name() -> str:
    return timezone.get_default_timezone_name()
