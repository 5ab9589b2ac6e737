from __future__ import annotations

from decimal import Decimal

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.catalog.tests.factories import ProductFactory, list_product
from backend.producers.tests.factories import ProducerFactory
from backend.sellers.models import HelperScope
from backend.sellers.tests.factories import HelperGrantFactory

pytestmark = pytest.mark.django_db


def test_portal_home_anonymous_is_sent_to_sign_in(client):
    response = client.get("/seller/")
    assert response.status_code == 302
    assert response["Location"].startswith("/seller/login/")


def test_portal_home_lists_own_shop_products_and_hides_other_sellers(client, channel):
    # given
    owner = UserFactory()
    shop = ProducerFactory(owner=owner, name="山里红合作社")
    mine = ProductFactory.create(producer=shop, name="高山党参")
    list_product(mine, channel, stock=3)
    stranger = ProducerFactory(owner=UserFactory(), name="别人的店")
    list_product(ProductFactory.create(producer=stranger, name="别人的核桃"), channel)
    client.force_login(owner)
    # when
    html = client.get("/seller/").content.decode()
    # then
    assert "山里红合作社" in html
    assert "高山党参" in html
    assert "库存不多" in html  # 3 units is low stock, said in words
    assert "别人的店" not in html
    assert "别人的核桃" not in html


def test_portal_home_without_shop_says_what_to_do(client):
    client.force_login(UserFactory())
    html = client.get("/en/seller/").content.decode()
    assert "No shop is linked to your account yet" in html
    assert 'href="/en/seller/signup/shop/name/"' in html
    assert "ask the seller to add you as a helper" in html


def test_portal_home_links_only_to_pages_the_user_may_open(client):
    # given
    owner = UserFactory()
    shop = ProducerFactory.create(owner=owner)
    helper = HelperGrantFactory.create(seller=shop, scope=HelperScope.PRODUCTS).helper
    base = f"/en/seller/shop/{shop.pk}/"
    # when
    client.force_login(owner)
    as_owner = client.get("/en/seller/").content.decode()
    client.force_login(helper)
    as_helper = client.get("/en/seller/").content.decode()
    # then
    for page in ("orders/", "products/", "earnings/", "verification/", "profile/", "helpers/",
                 "activity/"):  # fmt: skip
        assert f'href="{base}{page}"' in as_owner, page
    assert f'href="{base}products/"' in as_helper
    for page in ("orders/", "earnings/", "verification/", "profile/", "helpers/", "activity/"):
        assert f'href="{base}{page}"' not in as_helper, page
    assert "1 person helps you" in as_owner
    assert "Not verified yet" in as_owner


def test_portal_home_shows_live_tags_in_words(client):
    from backend.sellers.tests.scenarios import build_people
    from backend.verification.tests.scenarios import approved_application

    people = build_people()
    approved_application(people)
    client.force_login(people.user("owner"))
    html = client.get("/en/seller/").content.decode()
    assert '<strong class="tag">Disabled seller</strong>' in html


@pytest.mark.parametrize("count", [1, 8])
def test_portal_home_query_count_does_not_grow_with_products(
    client, channel, django_assert_num_queries, count
):
    # given
    owner = UserFactory()
    shop = ProducerFactory(owner=owner)
    for _ in range(count):
        list_product(
            ProductFactory.create(producer=shop), channel, prices=[Decimal("1.00"), Decimal("2.00")]
        )
    client.force_login(owner)
    # when / then: session, user, shops, products, variants — whatever the number of rows
    with django_assert_num_queries(5):
        client.get("/seller/")
