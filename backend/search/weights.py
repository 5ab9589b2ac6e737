"""Operators tune the priority-ranking weights: one service, checked and audited.

The bound that makes the boost safe (backend/search/ranking.py) is enforced here: the cap on
the total boost must stay below CLEARLY_MORE_RELEVANT, and no weight may be negative.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.search.events import ranking_weights_changed_event
from backend.search.locks import lock_ranking_weights
from backend.search.models import RankingWeights
from backend.search.ranking import CLEARLY_MORE_RELEVANT

WEIGHT_FIELDS = ("poor_household", "disabled", "cooperative", "poverty_base", "max_boost")
STEP = Decimal("0.0001")


class RankingWeightsError(ValueError):
    """Weights that would break the ranking rule; `errors` maps field to message."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__(errors)
        self.errors = errors


def clean_weights(values: dict[str, Any]) -> dict[str, Decimal]:
    cleaned: dict[str, Decimal] = {}
    errors: dict[str, Any] = {}
    for name in WEIGHT_FIELDS:
        if name not in values:
            continue
        try:
            value = Decimal(str(values[name])).quantize(STEP)
        except (InvalidOperation, ValueError):
            errors[name] = _("Enter a number such as 0.08.")
            continue
        if value < 0:
            errors[name] = _("A weight cannot be negative.")
        elif value >= CLEARLY_MORE_RELEVANT:
            errors[name] = _(
                "Must be below %(gap)s, so a boost never lifts a product over a clearly more "
                "relevant one."
            ) % {"gap": CLEARLY_MORE_RELEVANT}
        cleaned[name] = value
    if errors:
        raise RankingWeightsError(errors)
    return cleaned


def _values(row: RankingWeights) -> dict[str, str]:
    return {name: str(getattr(row, name)) for name in WEIGHT_FIELDS}


def update_ranking_weights(values: dict[str, Any], *, actor: User | None) -> RankingWeights:
    """Change some or all weights; one audit row with the old and new values. Search picks
    the new weights up on its next query (no reindex: boosts are computed at query time)."""
    cleaned = clean_weights(values)
    with transaction.atomic():
        row = lock_ranking_weights()
        old = _values(row)
        changed = [name for name, value in cleaned.items() if getattr(row, name) != value]
        if not changed:
            return row
        for name in changed:
            setattr(row, name, cleaned[name])
        row.save(update_fields=[*changed, "updated_at"])
        ranking_weights_changed_event(
            row,
            actor=actor,
            old={name: old[name] for name in changed},
            new={name: str(cleaned[name]) for name in changed},
        )
    return row
