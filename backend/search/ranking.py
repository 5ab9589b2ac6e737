"""Ranking policy: text relevance combined with priority promotion (优先推介).

One named, overridable class (Oscar's strategy shape), chosen by `settings.SEARCH_RANKING_POLICY`
and built by `get_ranking_policy()`. Both search backends ask it for the same numbers, and the
explanation shown to people is computed from the same numbers, so "why is this here?" always
matches the order.

The rule
--------
*Relevance* is in [0, 1]. Each query term scores by the best field it matches:

    name 1.0 · category or producer 0.7 · region or attribute 0.5 · description 0.3

and relevance is the mean over the query's terms (every term must match somewhere). A query
that matches nothing exactly falls back to pinyin trigram similarity (typos), scored
`0.25 × similarity`, below every exact match. With no text, relevance is 1.0 for all.

The *boost* depends only on which verification tags of the producer are live now: the sum of
the operators' weights for those tags (RankingWeights), capped at `max_boost`.

    score = relevance + boost,  boost <= max_boost < CLEARLY_MORE_RELEVANT (0.15)

So if product A is clearly more relevant than B (relevance(A) >= relevance(B) + 0.15), then
score(A) >= relevance(A) > relevance(B) + boost(B) = score(B): a boost only reorders products
whose relevance differs by less than 0.15 (for a one-term query: only within the same field
tier, since tiers are at least 0.2 apart). Ties on score go to the more relevant product.

Exact arithmetic: both backends order by integer "points" (1.0 = 10,000 points per term);
for a query of n terms the ordering key is `sum of term points + n × boost points`, which
orders exactly as relevance + boost. The explanation divides the same integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import product
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from backend.search.models import RankingWeights

POINTS = 10_000  # 1.0 of relevance or boost
CLEARLY_MORE_RELEVANT = Decimal("0.15")
# tsvector weight letter of each document field group, and its points
FIELD_POINTS = {"A": 10_000, "B": 7_000, "C": 5_000, "D": 3_000}
FIELD_LABELS = {
    "A": _("the name"),
    "B": _("the category or producer"),
    "C": _("the region or attributes"),
    "D": _("the description"),
}
TYPO_POINTS = 2_500  # × trigram similarity, for the typo fallback
TAG_KINDS = ("poor_household", "disabled", "cooperative", "poverty_base")


@dataclass(frozen=True)
class Ranked:
    """A hit's integers as the backend ordered by them; floats are only for display."""

    term_count: int  # n (0 for a query without text)
    relevance_points: int  # sum of the terms' points (POINTS when there is no text)
    boost_points: int
    sort_key_points: int  # what the backend ordered by: relevance + n × boost

    @property
    def divisor(self) -> int:
        return max(self.term_count, 1) * POINTS

    @property
    def relevance(self) -> float:
        return round(self.relevance_points / self.divisor, 4)

    @property
    def boost(self) -> float:
        return round(self.boost_points / POINTS, 4)

    @property
    def score(self) -> float:
        return round(self.sort_key_points / self.divisor, 4)


class RankingPolicy:
    """Base policy: relevance only, no boost. Subclass and point the setting at it."""

    name = "relevance"

    def boost_points(self, live_tags: Iterable[str]) -> int:
        return 0

    def boost_table(self) -> list[int]:
        """Boost points for every combination of live tags, indexed by the bit mask
        `sum(1 << i for each live TAG_KINDS[i])`: how backends evaluate the policy in SQL or an
        Elasticsearch query without re-implementing it."""
        table = []
        for mask in range(1 << len(TAG_KINDS)):
            live = [kind for i, kind in enumerate(TAG_KINDS) if mask & (1 << i)]
            table.append(self.boost_points(live))
        return table

    def combine(self, relevance: float, boost: float) -> float:
        return round(relevance + boost, 4)

    def boost_reasons(self, live_tags: Sequence[str]) -> list[StrOrPromise]:
        return []


class PriorityRankingPolicy(RankingPolicy):
    """Verified poor households and disabled sellers first among comparably relevant results."""

    name = "priority"

    def __init__(self, weights: dict[str, int], max_boost: int) -> None:
        if Decimal(max_boost) / POINTS >= CLEARLY_MORE_RELEVANT:
            raise ValueError("max_boost must stay below CLEARLY_MORE_RELEVANT")
        self.weights = weights
        self.max_boost = max_boost

    @classmethod
    def from_model(cls, row: RankingWeights) -> PriorityRankingPolicy:
        weights = {kind: int(getattr(row, kind) * POINTS) for kind in TAG_KINDS}
        return cls(weights, int(row.max_boost * POINTS))

    def boost_points(self, live_tags: Iterable[str]) -> int:
        return min(self.max_boost, sum(self.weights.get(kind, 0) for kind in set(live_tags)))

    def boost_reasons(self, live_tags: Sequence[str]) -> list[StrOrPromise]:
        from backend.verification.tags import tags_from_codes

        reasons: list[StrOrPromise] = []
        total = 0
        for tag in tags_from_codes(live_tags):
            weight = self.weights.get(tag.code, 0)
            if weight:
                total += weight
                reasons.append(
                    _("%(tag)s (verified): priority +%(boost)s")
                    % {"tag": tag.label, "boost": f"{weight / POINTS:.2f}"}
                )
        if total > self.max_boost:
            reasons.append(
                _("Priority is capped at +%(cap)s") % {"cap": f"{self.max_boost / POINTS:.2f}"}
            )
        return reasons


def load_weights() -> RankingWeights:
    from backend.search.models import RankingWeights

    # Reads never write: without the row (it is created by a migration) the defaults hold.
    return RankingWeights.objects.filter(pk=1).first() or RankingWeights(pk=1)


def get_ranking_policy() -> RankingPolicy:
    """The configured policy with the operators' current weights (one query)."""
    policy_class = import_string(settings.SEARCH_RANKING_POLICY)
    if hasattr(policy_class, "from_model"):
        return policy_class.from_model(load_weights())  # type: ignore[no-any-return]
    return policy_class()  # type: ignore[no-any-return]


def tag_mask(live_tags: Iterable[str]) -> int:
    live = set(live_tags)
    return sum(1 << i for i, kind in enumerate(TAG_KINDS) if kind in live)


def all_masks() -> list[tuple[str, ...]]:
    """Every combination of tag kinds in mask order (for tests and the ES function list)."""
    return [
        tuple(kind for kind, on in zip(TAG_KINDS, bits[::-1], strict=True) if on)
        for bits in product((0, 1), repeat=len(TAG_KINDS))
    ]
