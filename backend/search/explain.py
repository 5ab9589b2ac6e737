""" "Why is this here?" (为什么排在这里？): an explanation built from the very integers the backend
ordered by, so the numbers shown always match the order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from backend.search.interface import Explanation
from backend.search.ranking import FIELD_LABELS, FIELD_POINTS, Ranked, RankingPolicy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LETTER_FOR_POINTS = {points: letter for letter, points in FIELD_POINTS.items()}


def explanation_for(
    ranked: Ranked,
    *,
    policy: RankingPolicy,
    live_tags: Sequence[str],
    terms: Sequence[str],
    term_points: Sequence[int],
    typo: bool,
) -> Explanation:
    reasons: list[StrOrPromise] = []
    if typo:
        reasons.append(
            _("No exact match; the spelling is close to what you typed (relevance %(r)s)")
            % {"r": f"{ranked.relevance:.2f}"}
        )
    elif not terms:
        reasons.append(_("No search words: every listed product is equally relevant"))
    else:
        for term, points in zip(terms, term_points, strict=False):
            where = FIELD_LABELS.get(LETTER_FOR_POINTS.get(points, "D"), FIELD_LABELS["D"])
            reasons.append(_("Matches “%(term)s” in %(where)s") % {"term": term, "where": where})
    reasons.extend(policy.boost_reasons(live_tags) if ranked.boost_points else [])
    reasons.append(
        _("Score %(score)s = relevance %(relevance)s + priority %(boost)s")
        % {
            "score": f"{ranked.score:.4f}",
            "relevance": f"{ranked.relevance:.4f}",
            "boost": f"{ranked.boost:.4f}",
        }
    )
    return Explanation(
        relevance=ranked.relevance, boost=ranked.boost, score=ranked.score, reasons=tuple(reasons)
    )
