"""Tags come only from approved, unexpired verifications, computed when read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from backend.catalog.models import Product
from backend.catalog.tests.factories import ProductFactory
from backend.producers.models import Producer
from backend.producers.tests.factories import PoorHouseholdFactory, ProducerFactory
from backend.sellers.tests.scenarios import People
from backend.verification.applications import start_renewal, submit_application
from backend.verification.models import VerificationKind
from backend.verification.review import approve_application, revoke_verification
from backend.verification.tags import (
    TAGS,
    annotate_live_tags,
    live_tags_for_producer,
    live_tags_for_producers,
    tags_from_codes,
    with_live_tag,
)
from backend.verification.tests.scenarios import approved_application, submitted_application

pytestmark = pytest.mark.django_db
DISABLED = TAGS[VerificationKind.DISABLED]


def test_tag_appears_on_approval_and_not_before(people: People):
    # given
    application = submitted_application(people)
    # when
    before = live_tags_for_producer(people.shop)
    approve_application(application.pk, actor=people.user("county_operator"))
    after = live_tags_for_producer(people.shop)
    # then
    assert before == ()
    assert after == (DISABLED,)
    with translation.override("en"):
        assert str(after[0]) == "Disabled seller"


def test_tag_disappears_at_expiry_without_any_job(people: People):
    # given
    start = timezone.now()
    application = approved_application(people, now=start, valid_days=30)
    assert application.valid_until is not None
    # when
    just_before = live_tags_for_producer(
        people.shop, now=application.valid_until - timedelta(seconds=1)
    )
    at_expiry = live_tags_for_producer(people.shop, now=application.valid_until)
    # then
    assert just_before == (DISABLED,)
    assert at_expiry == ()
    assert with_live_tag(Producer.objects.all(), now=application.valid_until).count() == 0


def test_tag_disappears_on_revocation_everywhere_at_once(people: People):
    # given
    application = approved_application(people)
    product = ProductFactory.create(producer=people.shop)
    # when
    revoke_verification(application.pk, actor=people.user("county_operator"), reason="假证")
    # then
    assert live_tags_for_producer(people.shop) == ()
    assert not with_live_tag(Product.objects.filter(pk=product.pk)).exists()
    assert annotate_live_tags(Product.objects.filter(pk=product.pk)).get().live_tag_codes == []


def test_renewal_keeps_the_tag_across_the_old_expiry(people: People):
    # given: 65 days left, a renewal approved today
    current = approved_application(people, now=timezone.now() - timedelta(days=300))
    renewal = start_renewal(current.pk, actor=people.user("owner"))
    submit_application(renewal.pk, actor=people.user("owner"))
    approve_application(renewal.pk, actor=people.user("county_operator"))
    assert current.valid_until is not None
    # when
    after_old_end = live_tags_for_producer(people.shop, now=current.valid_until + timedelta(days=1))
    # then
    assert after_old_end == (DISABLED,)


def test_tags_never_come_from_the_kind_of_shop():
    # given: shops that say they are a poor household and a cooperative, never verified
    claimed = [PoorHouseholdFactory.create(), ProducerFactory.create()]
    # when
    tags = live_tags_for_producers([p.pk for p in claimed])
    # then
    assert tags == {claimed[0].pk: (), claimed[1].pk: ()}


@pytest.mark.parametrize("count", [1, 12])
def test_live_tags_for_producers_costs_one_query(people: People, django_assert_num_queries, count):
    # given: one verified shop among `count` shops
    approved_application(people)
    shops = [people.shop.pk] + [ProducerFactory.create().pk for _ in range(count - 1)]
    # when
    with django_assert_num_queries(1):
        tags = live_tags_for_producers(shops)
    # then
    assert tags[people.shop.pk] == (DISABLED,)
    assert sum(1 for value in tags.values() if value) == 1


@pytest.mark.parametrize("count", [1, 10])
def test_annotate_live_tags_adds_no_query_per_row(people: People, django_assert_num_queries, count):
    # given
    approved_application(people)
    for _ in range(count):
        ProductFactory.create(producer=people.shop)
    ProductFactory.create(producer=people.other_shop)
    # when
    with django_assert_num_queries(1):
        rows = list(annotate_live_tags(Product.objects.order_by("pk")))
    # then
    tagged = [tags_from_codes(r.live_tag_codes) for r in rows if r.producer_id == people.shop.pk]
    assert tagged == [(DISABLED,)] * count
    assert [r.live_tag_codes for r in rows if r.producer_id == people.other_shop.pk] == [[]]


def test_with_live_tag_filters_products_and_producers_by_kind(people: People):
    # given
    approved_application(people)
    mine = ProductFactory.create(producer=people.shop)
    ProductFactory.create(producer=people.other_shop)
    # when
    disabled_products = list(with_live_tag(Product.objects.all(), VerificationKind.DISABLED))
    poor_products = list(with_live_tag(Product.objects.all(), "poor_household"))
    either = list(with_live_tag(Producer.objects.all(), ["poor_household", "disabled"]))
    # then
    assert disabled_products == [mine]
    assert poor_products == []
    assert either == [people.shop]
