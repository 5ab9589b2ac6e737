from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_statistics_page_county_operator_sees_hand_computed_figures(sales, operators):
    # given
    client = signed_in(operators["county"])
    # when
    response = client.get("/en/programme/621123/2025/")
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "Figures for" in html
    assert "310.00" in html  # the county's sales value
    assert "77.50" in html  # sales income per household
    assert 'role="img"' in html
    assert "<title id=" in html
    assert "<desc id=" in html
    township = sales.regions["township"]
    assert f'href="/en/programme/r{township.pk}/2025/"' in html  # drill down


def test_statistics_page_signed_out_goes_to_sign_in(sales):
    # given / when
    response = Client().get("/en/programme/621123/2025/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/en/programme/login/")


@pytest.mark.parametrize("who", ["customer", "staff_without_region"])
def test_statistics_page_not_an_operator_answers_not_found(sales, operators, who):
    # given / when
    response = signed_in(operators[who]).get("/en/programme/621123/2025/")
    # then
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/en/programme/621123/",
        "/en/programme/621123/2025/",
        "/en/programme/6211/2025/",
        "/en/programme/62/2025/",
        "/en/programme/{township}/2025/",
        "/en/programme/{village}/2025/",
        "/en/programme/621123/2025/statistics.xlsx",
        "/en/programme/621123/2025/tables/months.csv",
        "/en/programme/621123/2025/tables/months.xlsx",
        "/en/programme/621123/2025/summary/",
        "/en/programme/621123/2025/summary.pdf",
        "/en/programme/999999/2025/",  # no such region: the same answer
    ],
)
def test_every_url_other_county_operator_answers_not_found(sales, operators, path):
    # given
    client = signed_in(operators["other_county"])
    path = path.format(
        township=f"r{sales.regions['township'].pk}", village=f"r{sales.regions['village'].pk}"
    )
    # when
    response = client.get(path)
    # then
    assert response.status_code == 404


def test_statistics_page_city_operator_reads_its_counties_and_townships(sales, operators):
    # given
    client = signed_in(operators["city"])
    # when
    city = client.get("/en/programme/6211/2025/")
    township = client.get(f"/en/programme/r{sales.regions['township'].pk}/2025/")
    other_city = client.get("/en/programme/621221/2025/")
    # then
    assert city.status_code == 200
    assert "360.00" in city.content.decode()
    assert 'href="/en/programme/621123/2025/"' in city.content.decode()
    assert township.status_code == 200
    assert "230.00" in township.content.decode()
    assert other_city.status_code == 404


def test_home_platform_operator_lists_provinces(sales, operators):
    # given / when
    response = signed_in(operators["platform"]).get("/en/programme/")
    # then
    assert response.status_code == 200
    assert 'href="/en/programme/62/' in response.content.decode()


def test_home_county_operator_lists_only_its_county(sales, operators):
    # given / when
    response = signed_in(operators["county"]).get("/en/programme/")
    # then
    html = response.content.decode()
    assert 'href="/en/programme/621123/' in html
    assert 'href="/en/programme/62/' not in html


def test_summary_page_withholds_small_cells(sales, operators):
    # given
    client = signed_in(operators["county"])
    # when
    response = client.get("/en/programme/621123/2025/summary/")
    # then: county A's three sellers are fewer than five
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;5" in html
    assert "310.00" not in html


def test_summary_pdf_is_a_pdf_and_audited(sales, operators):
    # given
    from backend.audit.models import AuditEvent, AuditEventType

    client = signed_in(operators["county"])
    # when
    response = client.get("/en/programme/621123/2025/summary.pdf")
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.STATISTICS_SUMMARY_EXPORTED, actor=operators["county"]
    ).exists()


def test_table_export_county_operator_downloads_csv(sales, operators):
    # given
    client = signed_in(operators["county"])
    # when
    response = client.get("/en/programme/621123/2025/tables/months.csv")
    missing = client.get("/en/programme/621123/2025/tables/nothing.csv")
    # then
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "<5" in response.content.decode("utf-8-sig")
    assert missing.status_code == 404
