"""No identity number (disability certificate, resident ID, poor-household number) on any page."""

from __future__ import annotations

import pytest

from storefront.tests.scenarios import make_products, new_disabled_seller, new_poor_household

pytestmark = pytest.mark.django_db


@pytest.fixture
def sellers_with_identity(channel, tree):  # type: ignore[no-untyped-def]
    disabled = new_disabled_seller(slug="disabled-seller", is_featured=True)
    household = new_poor_household(slug="poor-household", is_featured=True)
    products = make_products(channel, 1, category=tree.dangshen, producer=disabled)
    products += make_products(channel, 1, category=tree.dangshen, producer=household)
    return disabled, household, products


def secrets_of(disabled, household) -> list[str]:  # type: ignore[no-untyped-def]
    certificate = disabled.disability_certificate_number
    return [
        certificate,
        certificate[:18],  # the resident ID number inside the certificate number
        certificate[6:14],  # the date of birth inside it
        household.poor_household_number,
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_pages_never_show_identity_numbers(client, sellers_with_identity, prefix):
    # given
    disabled, household, products = sellers_with_identity
    secrets = secrets_of(disabled, household)
    assert all(secrets)
    urls = [
        "/",
        "/category/herbs/",
        "/category/dangshen/",
        *(f"/product/{product.slug}/" for product in products),
        "/shop/disabled-seller/",
        "/shop/poor-household/",
        f"/search/?q={disabled.name}",
        "/search/?q=党参",
        "/no-such-page/",
    ]

    for url in urls:
        # when
        html = client.get(prefix + url).content.decode()

        # then
        for secret in secrets:
            assert secret not in html, f"{secret} leaked on {prefix}{url}"


def test_pages_never_name_the_disability_category_or_grade(client, sellers_with_identity):
    # given
    _, _, products = sellers_with_identity

    # when
    html = client.get(f"/en/product/{products[0].slug}/").content.decode()
    shop = client.get("/en/shop/disabled-seller/").content.decode()

    # then
    for page in (html, shop):
        assert "physical" not in page
        assert "grade 2" not in page


def test_storefront_queries_never_select_identity_columns(client, sellers_with_identity):
    # given
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, _, products = sellers_with_identity
    urls = ["/", "/category/herbs/", f"/product/{products[0].slug}/", "/shop/disabled-seller/"]

    # when
    with CaptureQueriesContext(connection) as captured:
        for url in urls:
            client.get(url)

    # then
    sql = "\n".join(query["sql"] for query in captured.captured_queries)
    assert "producer" in sql
    for column in (
        "disability_certificate_number",
        "poor_household_number",
        "disability_category",
        "disability_grade",
    ):
        assert column not in sql
