"""Operators tune the ranking weights in the admin; each save is audited, bad values refused."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.test import Client

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.search.models import RankingWeights

URL = "/admin/search/rankingweights/1/change/"
FORM = {
    "poor_household": "0.0900",
    "disabled": "0.0800",
    "cooperative": "0.0200",
    "poverty_base": "0.0200",
    "max_boost": "0.1000",
}


def signed_in_superuser(client: Client) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_ranking_weights_admin_save_is_audited(db: None, client: Client) -> None:
    # given
    user = signed_in_superuser(client)
    # when
    response = client.post(URL, FORM)
    # then
    assert response.status_code == 302
    assert RankingWeights.objects.get(pk=1).poor_household == Decimal("0.0900")
    event = AuditEvent.objects.get(event_type=AuditEventType.SEARCH_RANKING_WEIGHTS_CHANGED)
    assert event.actor == user
    assert event.extra_data["new"] == {"poor_household": "0.0900"}


def test_ranking_weights_admin_refuses_a_cap_at_the_gap(db: None, client: Client) -> None:
    # given
    signed_in_superuser(client)
    # when
    response = client.post(URL, {**FORM, "max_boost": "0.1500"})
    # then
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.SEARCH_RANKING_WEIGHTS_CHANGED
    ).exists()


def test_ranking_weights_admin_list_opens_the_single_row(db: None, client: Client) -> None:
    # given
    signed_in_superuser(client)
    # when
    response = client.get("/admin/search/rankingweights/")
    # then
    assert response.status_code == 302
    assert response["Location"].endswith("/admin/search/rankingweights/1/change/")
