"""The index follows the services' changes after commit: product, price, tags."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from backend.catalog.models import Product
from backend.catalog.product_editing import ProductDraft, create_product, set_product_published
from backend.catalog.tests.factories import ChannelFactory
from backend.catalog.variant_editing import set_variant_price
from backend.search.interface import SearchQuery, search_products
from backend.search.models import SearchDocument
from backend.sellers.tests.scenarios import People, build_people
from backend.verification.models import VerificationKind
from backend.verification.review import revoke_verification
from backend.verification.tests.scenarios import approved_application


@pytest.fixture(autouse=True)
def evidence_root(settings: Any, tmp_path: Path) -> Path:
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "private-evidence"
    return settings.VERIFICATION_EVIDENCE_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def people(db: None) -> People:
    return build_people()


def published_product(people: People, capture: Any) -> Product:
    channel = ChannelFactory()
    owner = people.user("owner")
    with capture(execute=True):
        product = create_product(
            people.shop,
            ProductDraft(
                name="渭源党参",
                category_id=None,
                description="高山党参。",
                variant_name="500克",
                price=Decimal("49.90"),
                weight_grams=500,
                stock=5,
            ),
            channel=channel,
            actor=owner,
        )
    with capture(execute=True):
        set_product_published(product, channel=channel, published=True, actor=owner)
    return product


def zone_ids(**kwargs: Any) -> list[int]:
    return [h.product_id for h in search_products(SearchQuery(zone_only=True), **kwargs).hits]


def test_publishing_a_product_indexes_it_after_commit(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    # given / when
    product = published_product(people, django_capture_on_commit_callbacks)
    # then
    found = search_products(SearchQuery(text="dangshen"))
    assert [h.product_id for h in found.hits] == [product.pk]


def test_price_change_reaches_the_index(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    product = published_product(people, django_capture_on_commit_callbacks)
    channel = product.channel_listings.get().channel
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        set_variant_price(
            product.variants.get(), "12.00", channel=channel, actor=people.user("owner")
        )
    # then
    assert len(callbacks) == 1
    assert SearchDocument.objects.get(product=product).price == Decimal("12.00")


def test_tag_approval_enters_the_zone_and_lapse_leaves_it_without_reindex(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    # given a published product of a shop without a tag
    product = published_product(people, django_capture_on_commit_callbacks)
    assert zone_ids() == []
    # when the disabled-seller verification is approved for 30 days
    with django_capture_on_commit_callbacks(execute=True):
        approved_application(people, valid_days=30)
    # then the product is in the zone now, and leaves it the moment the approval lapses
    assert zone_ids() == [product.pk]
    indexed_at = SearchDocument.objects.get(product=product).indexed_at
    assert zone_ids(now=timezone.now() + timedelta(days=30, seconds=1)) == []
    assert SearchDocument.objects.get(product=product).indexed_at == indexed_at


def test_revocation_takes_the_product_out_of_the_zone(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    product = published_product(people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        application = approved_application(people)
    assert zone_ids() == [product.pk]
    # when
    with django_capture_on_commit_callbacks(execute=True):
        revoke_verification(application.pk, actor=people.user("county_operator"), reason="证件造假")
    # then
    assert zone_ids() == []
    tags = search_products(SearchQuery(tags=(VerificationKind.DISABLED.value,)))
    assert tags.total == 0


def change_price_then_fail(product: Product, people: People) -> None:
    with transaction.atomic():
        set_variant_price(
            product.variants.get(),
            "1.00",
            channel=product.channel_listings.get().channel,
            actor=people.user("owner"),
        )
        raise RuntimeError("rolled back")


def test_rolled_back_change_queues_nothing(
    people: People, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    product = published_product(people, django_capture_on_commit_callbacks)
    # when a price change's transaction fails after its audit row
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        pytest.raises(RuntimeError),
    ):
        change_price_then_fail(product, people)
    # then
    assert callbacks == []
    assert SearchDocument.objects.get(product=product).price == Decimal("49.90")
