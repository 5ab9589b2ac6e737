"""Priority promotion: a bounded boost that lifts tagged products among comparably relevant
ones, never above a clearly more relevant one; explanations equal the ordering score."""

from __future__ import annotations

from decimal import Decimal
from itertools import product as pairs

import pytest
from django.utils import translation

from backend.audit.models import AuditEvent, AuditEventType
from backend.search.indexing import index_products
from backend.search.interface import SearchQuery, search_products
from backend.search.ranking import (
    CLEARLY_MORE_RELEVANT,
    FIELD_POINTS,
    POINTS,
    PriorityRankingPolicy,
    Ranked,
    get_ranking_policy,
)
from backend.search.tests.conftest import Catalogue, make_product
from backend.search.weights import RankingWeightsError, update_ranking_weights


def order(text: str) -> list[int]:
    return [hit.product_id for hit in search_products(SearchQuery(text=text)).hits]


def test_boost_lifts_tagged_product_among_equally_relevant(catalogue: Catalogue) -> None:
    # given both 党参 products match in the name; the untagged one is newer
    update_ranking_weights({"poor_household": "0", "disabled": "0"}, actor=None)
    assert order("党参")[:2] == [catalogue.dangshen_plain.pk, catalogue.dangshen_poor.pk]
    # when the operators' boost for registered poor households is on
    update_ranking_weights({"poor_household": "0.08"}, actor=None)
    # then the poor household's product comes first
    result = search_products(SearchQuery(text="党参"))
    assert [h.product_id for h in result.hits][:2] == [
        catalogue.dangshen_poor.pk,
        catalogue.dangshen_plain.pk,
    ]
    first = result.hits[0].explanation
    assert (first.relevance, first.boost, first.score) == (1.0, 0.08, 1.08)


def test_boost_never_lifts_above_a_clearly_more_relevant_product(catalogue: Catalogue) -> None:
    # given a tagged product that mentions 党参 only in its description, at the largest boost
    update_ranking_weights(
        {"poor_household": "0.1499", "disabled": "0.1499", "max_boost": "0.1499"}, actor=None
    )
    tagged_description = make_product(
        catalogue.poor,
        catalogue.grain,
        "高原青稞",
        catalogue.channel,
        "30.00",
        description="常与党参搭配。",
    )
    index_products([tagged_description.pk])
    # when
    found = order("党参")
    # then it passes the untagged description match (equal relevance) but no name match
    assert found == [
        catalogue.dangshen_poor.pk,
        catalogue.dangshen_plain.pk,
        tagged_description.pk,
        catalogue.huangqi.pk,
    ]


def test_explanation_equals_the_score_the_results_are_ordered_by(catalogue: Catalogue) -> None:
    # given
    policy = get_ranking_policy()
    for text in ("党参", "渭源 党参", "dangshen", "ds", "hetoa", ""):
        # when
        with translation.override("en"):
            hits = search_products(SearchQuery(text=text)).hits
        # then
        scores = [hit.explanation.score for hit in hits]
        assert scores == sorted(scores, reverse=True), text
        for hit in hits:
            explanation = hit.explanation
            assert explanation.score == policy.combine(explanation.relevance, explanation.boost)
            assert 0 <= explanation.relevance <= 1
            assert str(explanation.reasons[-1]).startswith(f"Score {explanation.score:.4f}")


def test_explanation_names_the_field_and_the_tag(catalogue: Catalogue) -> None:
    # given / when
    with translation.override("en"):
        hit = search_products(SearchQuery(text="党参")).hits[0]
    # then
    reasons = [str(r) for r in hit.explanation.reasons]
    assert reasons[0] == "Matches “党参” in the name"
    assert reasons[1] == "Registered poor household (verified): priority +0.08"


def test_policy_bound_holds_for_every_relevance_pair() -> None:
    # given the largest allowed boost
    policy = PriorityRankingPolicy({"poor_household": 1499, "disabled": 1499}, max_boost=1499)
    boosts = [policy.boost_points(tags) for tags in ((), ("poor_household", "disabled"))]
    tiers = [*FIELD_POINTS.values(), 0, 1000, 2500]
    for n, high, low, boost in pairs(range(1, 5), tiers, tiers, boosts):
        # when product A is clearly more relevant than B (per term, so also on the mean)
        if Decimal(high - low) / POINTS < CLEARLY_MORE_RELEVANT:
            continue
        a = Ranked(n, high * n, 0, high * n)
        b = Ranked(n, low * n, boost, low * n + n * boost)
        # then the boost never puts B above A
        assert a.sort_key_points > b.sort_key_points


def test_policy_refuses_a_cap_at_or_above_the_relevance_gap() -> None:
    # given / when / then
    with pytest.raises(ValueError, match="max_boost"):
        PriorityRankingPolicy({"poor_household": 1500}, max_boost=1500)


def test_update_ranking_weights_writes_one_audit_row(db: None) -> None:
    # given
    from backend.accounts.tests.factories import UserFactory

    operator = UserFactory(is_staff=True)
    # when
    update_ranking_weights({"disabled": "0.05", "cooperative": "0.02"}, actor=operator)
    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.SEARCH_RANKING_WEIGHTS_CHANGED)
    assert event.actor == operator
    assert event.extra_data == {"old": {"disabled": "0.0800"}, "new": {"disabled": "0.0500"}}


def test_update_ranking_weights_refuses_a_boost_of_the_gap(db: None) -> None:
    # given / when
    with pytest.raises(RankingWeightsError) as error:
        update_ranking_weights({"max_boost": "0.15", "disabled": "-1"}, actor=None)
    # then
    assert set(error.value.errors) == {"max_boost", "disabled"}
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.SEARCH_RANKING_WEIGHTS_CHANGED
    ).exists()
