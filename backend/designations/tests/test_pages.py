"""The designation pages of the programme portal, through the Django client."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.designations.models import Designation, DesignationKind, DesignationStatus
from backend.designations.tests.conftest import region
from backend.designations.tests.ledger_rows import moment, shop_sale
from backend.producers.models import Producer, ProducerKind
from backend.producers.tests.factories import DisabledSellerFactory, ProducerFactory
from backend.programme.tests.factories import HouseholdFactory, HouseholdMemberFactory
from backend.sellers.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
COUNTY = DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD
LIST = "/en/programme/621123/2025/designations/"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def eligible_seller(code: str = "621123", name: str = "张家示范户") -> Producer:
    seller = DisabledSellerFactory.create(name=name, region=region(code))
    shop_sale(seller, "60000.00", when=moment(2025, 3), household_ref="HH-1")
    shop_sale(seller, "40000.00", when=moment(2025, 9))
    return seller


def candidate_url(seller: Producer, code: str = "621123") -> str:
    return f"/en/programme/{code}/2025/designations/{COUNTY}/producer/{seller.pk}/"


def test_designation_list_shows_eligible_candidates_with_evidence(county_operator: User) -> None:
    # given
    seller = eligible_seller()
    # when
    response = signed_in(county_operator).get(LIST)
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "张家示范户" in html
    assert "100000.00" in html
    assert "Eligible, not yet confirmed" in html
    assert f'href="{candidate_url(seller)}"' in html
    assert 'href="/en/programme/621123/2025/designations/export.csv"' in html


def test_candidate_page_shows_months_households_and_thresholds(county_operator: User) -> None:
    # given
    seller = eligible_seller()
    # when
    response = signed_in(county_operator).get(candidate_url(seller))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "2025-03" in html
    assert "60000.00" in html
    assert "2025-09" in html
    assert "40000.00" in html
    assert "HH-1" in html
    assert "100000.00" in html  # the threshold
    assert "Confirm the designation" in html


def test_confirm_form_errors_keep_answers_and_summarise(county_operator: User) -> None:
    # given
    seller = eligible_seller()
    client = signed_in(county_operator)
    # when
    response = client.post(
        candidate_url(seller) + "confirm/",
        {"level": "county", "awarded_on": "2026-02-30", "award_amount": "1万"},
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert 'class="error-summary"' in html
    assert "Date awarded must be a real date, like 2026-03-01" in html
    assert "Award must be an amount in yuan, like 10000 or 10000.50" in html
    assert 'value="1万"' in html
    assert 'value="2026-02-30"' in html
    assert re.search(r'value="county"[^>]*checked', html)
    assert 'href="#id_award_amount"' in html
    assert not Designation.objects.exists()


def test_confirm_form_valid_confirms_and_redirects(county_operator: User) -> None:
    # given
    seller = eligible_seller()
    client = signed_in(county_operator)
    # when
    response = client.post(
        candidate_url(seller) + "confirm/",
        {"level": "county", "awarded_on": "2026-03-01", "award_amount": "10000"},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == candidate_url(seller)
    designation = Designation.objects.get()
    assert designation.award_amount == Decimal("10000.00")
    page = client.get(candidate_url(seller)).content.decode()
    assert "Designation confirmed" in page
    assert "Revoke the designation" in page
    # and a second confirmation is not offered
    again = client.get(candidate_url(seller) + "confirm/")
    assert again.status_code == 302


def test_revoke_page_requires_reason_then_revokes(county_operator: User) -> None:
    # given a confirmed designation
    seller = eligible_seller()
    client = signed_in(county_operator)
    client.post(
        candidate_url(seller) + "confirm/",
        {"level": "county", "awarded_on": "2026-03-01", "award_amount": "10000"},
    )
    designation = Designation.objects.get()
    url = f"/en/programme/621123/2025/designations/confirmed/{designation.pk}/revoke/"
    # when
    empty = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "虚假交易"})
    # then
    assert "Say why the designation is revoked" in empty.content.decode()
    assert done.status_code == 302
    designation.refresh_from_db()
    assert designation.status == DesignationStatus.REVOKED
    assert AuditEvent.objects.filter(event_type=AuditEventType.DESIGNATION_REVOKED).count() == 1


def test_pages_other_county_answer_not_found_alike(
    county_operator: User, other_county_operator: User
) -> None:
    # given a seller in 渭源县 and an operator of 成县
    seller = eligible_seller()
    client = signed_in(other_county_operator)
    # when / then: another county's region, the seller under their own region, a missing one
    assert client.get(LIST).status_code == 404
    assert client.get(candidate_url(seller)).status_code == 404
    assert client.get(candidate_url(seller, "621221")).status_code == 404
    assert (
        client.post(
            candidate_url(seller, "621221") + "confirm/",
            {"level": "county", "awarded_on": "2026-03-01", "award_amount": "10000"},
        ).status_code
        == 404
    )
    missing = f"/en/programme/621221/2025/designations/{COUNTY}/producer/987654/"
    assert client.get(missing).status_code == 404
    assert not Designation.objects.exists()


@pytest.mark.parametrize("who", ["customer", "staff"])
def test_pages_not_an_operator_not_found(who: str) -> None:
    # given
    user = UserFactory.create() if who == "customer" else StaffFactory.create()
    seller = eligible_seller()
    # when / then
    assert signed_in(user).get(LIST).status_code == 404
    assert signed_in(user).get(candidate_url(seller)).status_code == 404


def test_export_csv_suppresses_small_people_counts(county_operator: User) -> None:
    # given a seller supplied by one household, and a base with 10 households
    eligible_seller()
    base = ProducerFactory.create(name="十户合作社", kind=ProducerKind.COOPERATIVE)
    for index in range(10):
        HouseholdMemberFactory.create(household=HouseholdFactory.create(code=f"B-{index}"))
        shop_sale(base, "50000.00", when=moment(2025), household_ref=f"B-{index}")
    # when
    response = signed_in(county_operator).get(LIST + "export.csv")
    # then
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="designations-621123-2025.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *body = rows
    households = header.index("Households supplying")
    by_name = {(row[0], row[1]): row for row in body}
    assert (
        by_name[("county demonstration household (县级示范户)", "张家示范户")][households] == "<5"
    )
    assert by_name[("city demonstration base (市级示范基地)", "十户合作社")][households] == "10"
    assert by_name[("city demonstration base (市级示范基地)", "十户合作社")][3] == "500000.00"
    event = AuditEvent.objects.get(event_type=AuditEventType.DESIGNATION_LIST_EXPORTED)
    assert event.actor_id == county_operator.pk
    assert event.extra_data == {"year": 2025, "rows": len(body), "format": "csv"}


@pytest.mark.parametrize("n", [1, 3])
def test_designation_list_page_same_queries_for_one_and_many(county_operator: User, n: int) -> None:
    # given n eligible sellers, each confirmed
    client = signed_in(county_operator)
    for index in range(n):
        seller = eligible_seller(name=f"示范户{index}")
        client.post(
            candidate_url(seller) + "confirm/",
            {"level": "county", "awarded_on": "2026-03-01", "award_amount": "10000"},
        )
    # when
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    # then: session, user, portal gate, region, operator, thresholds, designations, producer ids,
    # savepoint, work_mem, producers, release, enterprises
    assert response.content.decode().count("Confirmed") >= n
    assert len(queries) == 13, "\n".join(q["sql"] for q in queries.captured_queries)
