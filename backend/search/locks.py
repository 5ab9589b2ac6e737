"""The only row locks of the search app. Lock order: the single RankingWeights row (nothing else
is locked together with it)."""

from __future__ import annotations

from backend.search.models import RankingWeights


def lock_ranking_weights() -> RankingWeights:
    """The weights row, created with its defaults the first time, locked for update."""
    RankingWeights.objects.get_or_create(pk=1)
    return RankingWeights.objects.select_for_update(no_key=True).get(pk=1)
