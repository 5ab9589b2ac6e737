"""Registering an enterprise on the portal: an account, the details (each kind of bad credit
code has its own message on the field, answers kept), where, the county; the enterprise then
waits for verification with the person as its administrator."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.enterprises.credit_code import complete_credit_code
from backend.enterprises.models import Enterprise, EnterpriseMember, EnterpriseStatus
from backend.regions.models import Region

pytestmark = pytest.mark.django_db
GOOD = complete_credit_code("91620102MA7ABCDE1")


def _details(code: str) -> dict[str, str]:
    return {"name": "金城团餐有限公司", "credit_code": code, "kind": "canteen"}


def test_register_account_then_enterprise_pending(client: Client) -> None:
    # given a new person
    client.post(
        "/en/enterprise/register/",
        {
            "name": "李经理",
            "login": "li@jincheng.test",
            "password": "golden city canteen 2026",
            "password_again": "golden city canteen 2026",
        },
    )
    # when the three steps are answered
    client.post("/en/enterprise/register/details/", _details(GOOD.lower()))
    client.post(
        "/en/enterprise/register/place/",
        {"province": "62", "contact_name": "李经理", "contact_mobile": "139 1234 5678"},
    )
    county = Region.objects.get(code="620102")
    response = client.post("/en/enterprise/register/county/", {"county": county.pk})
    # then
    enterprise = Enterprise.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/enterprise/{enterprise.pk}/"
    assert (enterprise.credit_code, enterprise.status) == (GOOD, EnterpriseStatus.PENDING)
    assert enterprise.contact_mobile == "13912345678"
    member = EnterpriseMember.objects.get(enterprise=enterprise)
    assert (member.user.email, member.role) == ("li@jincheng.test", "admin")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter your enterprise&#x27;s unified social credit code"),
        ("9162", "A unified social credit code has 18 characters; you entered 4."),
        ("I" + GOOD[1:], "Character 1, “I”, cannot be in a unified social credit code"),
        (GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1"), "The last character of the code"),
    ],
)
def test_register_details_bad_credit_code_message_answers_kept(
    client: Client, side, code: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    # given a signed-in person
    client.force_login(side.admin)
    # when
    response = client.post("/en/enterprise/register/details/", _details(code))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'id="id_credit_code-error"' in html
    assert 'value="金城团餐有限公司"' in html


def test_register_details_code_already_registered(client: Client, side) -> None:  # type: ignore[no-untyped-def]
    # given
    client.force_login(side.admin)
    # when
    response = client.post(
        "/en/enterprise/register/details/", _details(side.enterprise.credit_code)
    )
    # then
    assert "already registered" in response.content.decode()
