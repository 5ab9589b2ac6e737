"""The zone's row locks: the only `select_for_update()` calls of the app.

Order: the campaign (the aggregate root), then its consents and prices in ascending primary key.
A campaign price change locks the campaign row only, so a consent change and a price change of
the same campaign never interleave.
"""

from __future__ import annotations

from backend.zone.models import Campaign


def lock_campaign(campaign_id: int) -> Campaign:
    """Raises Campaign.DoesNotExist."""
    return Campaign.objects.select_for_update(of=("self",), no_key=True).get(pk=campaign_id)
