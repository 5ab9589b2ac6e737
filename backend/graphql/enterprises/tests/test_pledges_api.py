"""GraphQL pledges: declared with errors as data, progress in the payload, visible only to the
enterprise's roles that see pledges; the list costs the same for 1 and N pledges."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from backend.enterprises.pledges import declare_pledge
from backend.graphql.core.ids import to_global_id

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
DECLARE = """
mutation($input: PledgeDeclareInput!) {
  pledgeDeclare(input: $input) {
    pledge { year kind target { amount } total { amount } percent }
    errors { field code }
  }
}"""
PLEDGES = "{ pledges { enterpriseId year target { amount } staffPurchases { amount } percent } }"


def test_pledge_declare_share(client, gql, side):  # type: ignore[no-untyped-def]
    # given
    client.force_login(side.finance)
    # when
    payload = gql(
        DECLARE,
        {
            "input": {
                "enterprise": to_global_id("Enterprise", side.enterprise.pk),
                "year": YEAR,
                "kind": "share",
                "sharePercent": "10",
                "baseAmount": "800000",
            }
        },
    ).data["pledgeDeclare"]
    # then
    assert payload["errors"] == []
    assert payload["pledge"]["target"] == {"amount": 80000.0}
    assert payload["pledge"]["percent"] == "0.00" or payload["pledge"]["percent"].startswith("0")


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"kind": "amount", "amount": "-5"}, "amount", "INVALID"),
        ({"kind": "amount", "amount": "abc"}, "amount", "INVALID"),
        ({"kind": "share", "sharePercent": "10"}, "baseAmount", "INVALID"),
    ],
)
def test_pledge_declare_bad_input_errors(client, gql, side, extra, field, code):  # type: ignore[no-untyped-def]
    # given
    client.force_login(side.finance)
    # when
    payload = gql(
        DECLARE,
        {
            "input": {
                "enterprise": to_global_id("Enterprise", side.enterprise.pk),
                "year": YEAR,
                **extra,
            }
        },
    ).data["pledgeDeclare"]
    # then
    assert payload["errors"] == [{"field": field, "code": code}]


def test_pledge_declare_other_enterprise_or_buyer_not_found(client, gql, side, other_side):  # type: ignore[no-untyped-def]
    # given the other enterprise's admin, and A's buyer (no pledge role)
    for user in (other_side.admin, side.buyer):
        client.force_login(user)
        # when
        payload = gql(
            DECLARE,
            {
                "input": {
                    "enterprise": to_global_id("Enterprise", side.enterprise.pk),
                    "year": YEAR,
                    "kind": "amount",
                    "amount": "100",
                }
            },
        ).data["pledgeDeclare"]
        # then
        assert payload["errors"] == [{"field": "enterprise", "code": "NOT_FOUND"}]


def test_pledges_only_own_enterprise_same_queries(client, gql, side, other_side, count_queries):  # type: ignore[no-untyped-def]
    # given a pledge each
    for s in (side, other_side):
        declare_pledge(s.enterprise, year=YEAR, kind="amount", amount=Decimal("100"), actor=s.admin)
    client.force_login(side.finance)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # when
    with CaptureQueriesContext(connection) as one:
        pledges = gql(PLEDGES).data["pledges"]
    declare_pledge(
        side.enterprise, year=YEAR + 1, kind="amount", amount=Decimal("5"), actor=side.admin
    )
    declare_pledge(
        side.enterprise, year=YEAR - 1, kind="amount", amount=Decimal("5"), actor=side.admin
    )
    # then: only A's; three pledges of three years cost one statement more per extra year
    assert [p["enterpriseId"] for p in pledges] == [to_global_id("Enterprise", side.enterprise.pk)]
    with count_queries(len(one) + 2):
        assert len(gql(PLEDGES).data["pledges"]) == 3
