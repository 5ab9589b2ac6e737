from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.producers.admin import NeverRenderedInput
from backend.producers.identity import mask_identity
from backend.producers.models import Producer, ProducerKind
from backend.producers.tests.factories import (
    DisabledSellerFactory,
    PoorHouseholdFactory,
    ProducerFactory,
    make_certificate,
)
from backend.regions.models import Region

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:producers_producer_changelist")


def _change_url(producer: Producer) -> str:
    return reverse("admin:producers_producer_change", args=[producer.pk])


def _form_data(response: Any) -> dict[str, Any]:
    """What the browser would post back from an admin change page, unchanged."""
    data: dict[str, Any] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            if isinstance(field.widget, NeverRenderedInput):
                continue  # the browser has nothing to send back: the page holds no value
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)
    return data


def _field_error_codes(response: Any, field: str) -> list[str | None]:
    errors = response.context["adminform"].form.errors.as_data()
    return [error.code for error in errors.get(field, [])]


def test_producer_changelist_shows_identity_numbers_masked_only(admin_client):
    # given
    seller = DisabledSellerFactory.create()
    household = PoorHouseholdFactory.create()
    # when
    html = admin_client.get(CHANGELIST).content.decode()
    # then
    assert seller.disability_certificate_number not in html
    assert household.poor_household_number not in html
    assert mask_identity(seller.disability_certificate_number) in html
    assert mask_identity(household.poor_household_number) in html


def test_producer_change_page_never_renders_the_full_numbers(admin_client):
    # given
    producer = DisabledSellerFactory.create(poor_household_number="621123000000777")
    # when
    html = admin_client.get(_change_url(producer)).content.decode()
    # then
    assert producer.disability_certificate_number not in html
    assert producer.disability_certificate_number[:18] not in html
    assert "621123000000777" not in html
    assert mask_identity(producer.disability_certificate_number) in html
    assert mask_identity("621123000000777") in html


def test_producer_admin_saving_a_new_valid_certificate_stores_it(admin_client):
    # given
    producer = DisabledSellerFactory.create()
    data = _form_data(admin_client.get(_change_url(producer)))
    new_number = make_certificate(777, category=1, grade=3)
    data.update(
        disability_certificate_number=new_number.lower()[:-2] + " 13",
        disability_category="",
        disability_grade="",
    )
    # when
    response = admin_client.post(_change_url(producer), data)
    # then
    assert response.status_code == 302, response.context["adminform"].form.errors
    producer.refresh_from_db()
    assert producer.disability_certificate_number == new_number
    assert (producer.disability_category, producer.disability_grade) == (1, 3)


def test_producer_admin_empty_number_input_keeps_the_stored_number(admin_client):
    # given
    producer = DisabledSellerFactory.create()
    stored = producer.disability_certificate_number
    data = _form_data(admin_client.get(_change_url(producer)))
    data.update(disability_certificate_number="", story="新的故事")
    # when
    response = admin_client.post(_change_url(producer), data)
    # then
    assert response.status_code == 302
    producer.refresh_from_db()
    assert (producer.disability_certificate_number, producer.story) == (stored, "新的故事")


def _with_wrong_check_digit(number: str) -> str:
    wrong = "0" if number[17] != "0" else "1"
    return number[:17] + wrong + number[18:]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        (_with_wrong_check_digit(make_certificate(5)), "ric_check_digit"),
        (make_certificate(5)[:18] + "45", "certificate_grade"),
        (make_certificate(5)[:18] + "82", "certificate_category"),
        ("62112319800101", "certificate_length"),
    ],
)
def test_producer_admin_invalid_certificate_shows_the_specific_error(admin_client, typed, code):
    # given
    producer = DisabledSellerFactory.create()
    stored = producer.disability_certificate_number
    data = _form_data(admin_client.get(_change_url(producer)))
    data["disability_certificate_number"] = typed
    # when
    response = admin_client.post(_change_url(producer), data)
    # then
    assert response.status_code == 200
    assert code in _field_error_codes(response, "disability_certificate_number")
    html = response.content.decode()
    assert typed not in html
    assert stored not in html
    producer.refresh_from_db()
    assert producer.disability_certificate_number == stored


def test_producer_admin_invalid_household_number_shows_the_specific_error(admin_client):
    # given
    producer = PoorHouseholdFactory.create()
    data = _form_data(admin_client.get(_change_url(producer)))
    data["poor_household_number"] = "62-11#23"
    # when
    response = admin_client.post(_change_url(producer), data)
    # then
    assert _field_error_codes(response, "poor_household_number") == ["household_number_format"]


def test_producer_admin_clear_checkbox_removes_the_household_number(admin_client):
    # given
    producer = ProducerFactory.create(poor_household_number="621123000000888")
    data = _form_data(admin_client.get(_change_url(producer)))
    data["clear_poor_household_number"] = "on"
    # when
    response = admin_client.post(_change_url(producer), data)
    # then
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.poor_household_number == ""


def test_producer_admin_disabled_individual_without_number_is_refused(admin_client):
    # given
    producer = DisabledSellerFactory.create()
    data = _form_data(admin_client.get(_change_url(producer)))
    data["clear_disability_certificate_number"] = "on"
    # when
    response = admin_client.post(_change_url(producer), data)
    # then
    assert _field_error_codes(response, "disability_certificate_number") == ["required"]


def _listed_names(response: Any) -> set[str]:
    return {producer.name for producer in response.context["cl"].result_list}


def test_producer_changelist_filters_by_kind_province_and_level(admin_client):
    # given
    weiyuan = Region.objects.get(code="621123")
    elsewhere = Region.objects.filter(level=3).exclude(province_code=weiyuan.province_code)[0]
    seller = DisabledSellerFactory.create(name="渭源小李")
    far_coop = ProducerFactory.create(name="远方合作社", region=elsewhere)
    # when
    by_kind = admin_client.get(CHANGELIST, {"kind__exact": ProducerKind.DISABLED_INDIVIDUAL})
    by_province = admin_client.get(CHANGELIST, {"province": elsewhere.province_code})
    by_level = admin_client.get(CHANGELIST, {"region__level__exact": "3"})
    # then
    assert _listed_names(by_kind) == {seller.name}
    assert _listed_names(by_province) == {far_coop.name}
    assert _listed_names(by_level) == {seller.name, far_coop.name}


def test_producer_changelist_search_finds_by_name_and_slug(admin_client):
    # given
    ProducerFactory.create(name="成县核桃合作社", slug="chengxian-walnut")
    ProducerFactory.create(name="田阳山茶油", slug="tianyang-oil")
    # when
    by_name = admin_client.get(CHANGELIST, {"q": "核桃"})
    by_slug = admin_client.get(CHANGELIST, {"q": "tianyang"})
    # then
    assert _listed_names(by_name) == {"成县核桃合作社"}
    assert _listed_names(by_slug) == {"田阳山茶油"}


def test_producer_changelist_query_count_does_not_grow_with_rows(admin_client):
    # given
    regions = list(Region.objects.filter(level=3)[:20])
    DisabledSellerFactory.create(region=regions[0])
    admin_client.get(CHANGELIST)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(CHANGELIST)
    for region in regions[1:]:
        DisabledSellerFactory.create(region=region)
    # when
    with CaptureQueriesContext(connection) as twenty_rows:
        response = admin_client.get(CHANGELIST)
    # then
    assert len(response.context["cl"].result_list) == 20
    assert len(twenty_rows) == len(one_row), "\n".join(q["sql"] for q in twenty_rows)
