"""Region scopes: "in this region" means the region itself or anything under it."""

from __future__ import annotations

from django.db.models import Q


def in_region(code: str, *, path: str) -> Q:
    """Rows whose region (reached through `path`, e.g. "producer__region") is the region with
    this official code or lies under it. Uses the denormalised ancestor codes: no extra query.
    """
    return (
        Q(**{f"{path}__code": code})
        | Q(**{f"{path}__province_code": code})
        | Q(**{f"{path}__city_code": code})
        | Q(**{f"{path}__county_code": code})
        | Q(**{f"{path}__parent__code": code})
        | Q(**{f"{path}__parent__parent__code": code})
    )
