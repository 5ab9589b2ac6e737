"""Contract mutations through the API: a whole life with codes as data, the floor refusal with the
floor in the error, tenant scoping (another enterprise or producer gets NOT_FOUND / null), and the
contracts list costs the same queries for 1 and 3 contracts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from backend.graphql.conftest import assert_num_queries
from backend.procurement.deliveries import schedule_delivery
from backend.procurement.models import Contract, ContractStatus
from backend.procurement.tests.scenarios import (
    DAY,
    active_contract,
    contracted_variant,
    draft,
    prices,
    ship,
)

pytestmark = pytest.mark.django_db

CONTRACT_FIELDS = """
  id number status contracted delivered accepted rejected outstanding
  amountDue { amount fractionalAmount currency }
  lines { id quantity outstanding amountDue { fractionalAmount } }
  deliveries {
    id status total { fractionalAmount }
    lines { id quantity unitPrice { amount } floorPerKg settlementPerKg }
  }
  producer { name }
"""
ERRORS = "errors { field code message floorPerKg }"

CREATE = f"""
mutation($input: ContractCreateInput!) {{
  contractCreate(input: $input) {{ contract {{ {CONTRACT_FIELDS} }} {ERRORS} }}
}}"""
STEP = """
mutation($id: ID!) {{ {name}(id: $id) {{ contract {{ id status }} {errors} }} }}"""
DELIVER = f"""
mutation($id: ID!, $date: Date!, $lines: [ContractDeliveryLineInput!]!) {{
  contractDeliveryCreate(id: $id, deliveryDate: $date, lines: $lines) {{
    procurementOrder {{ id status lines {{ id quantity }} }} {ERRORS}
  }}
}}"""
ACCEPT = f"""
mutation($id: ID!, $lines: [ProcurementOrderAcceptLineInput!]) {{
  procurementOrderAccept(id: $id, lines: $lines) {{
    contract {{ {CONTRACT_FIELDS} }} procurementOrder {{ status amountDue {{ amount }} }} {ERRORS}
  }}
}}"""
ONE = f"query($id: ID!) {{ contract(id: $id) {{ {CONTRACT_FIELDS} }} }}"
LIST = f"query {{ contracts(first: 50) {{ {CONTRACT_FIELDS} }} }}"


def step(gql, client, user, name, contract_id):  # type: ignore[no-untyped-def]
    client.force_login(user)
    query = STEP.format(name=name, errors=ERRORS)
    return gql(query, {"id": to_global_id("Contract", contract_id)}).data[name]


def test_contract_life_through_the_api(gql, client, channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant, floor="10.00", market="12.34")
    client.force_login(side.buyer)

    # when: draft
    created = gql(
        CREATE,
        {
            "input": {
                "enterprise": to_global_id("Enterprise", side.enterprise.pk),
                "producer": to_global_id("Producer", producer.pk),
                "title": "2026年党参直采合同",
                "periodStart": "2026-01-01",
                "periodEnd": "2026-12-31",
                "qualityTerms": "一级品",
                "paymentTerms": "凭发票银行转账",
                "deliverySite": to_global_id("DeliverySite", side.site.pk),
                "lines": [
                    {
                        "variant": to_global_id("ProductVariant", variant.pk),
                        "quantity": 10,
                        "grade": "一级",
                    }
                ],
            }
        },
    ).data["contractCreate"]
    assert created["errors"] == []
    contract_id = Contract.objects.get().pk
    # then each step by its party
    assert step(gql, client, side.buyer, "contractPropose", contract_id)["errors"] == []
    wrong = step(gql, client, side.finance, "contractSign", contract_id)
    assert [e["code"] for e in wrong["errors"]] == ["NOT_ALLOWED"]
    assert step(gql, client, side.approver, "contractSign", contract_id)["errors"] == []
    signed = step(gql, client, owner, "contractSign", contract_id)
    assert signed["contract"]["status"] == "signed"
    assert step(gql, client, side.buyer, "contractActivate", contract_id)["errors"] == []
    client.force_login(owner)
    line_id = created["contract"]["lines"][0]["id"]
    delivered = gql(
        DELIVER,
        {
            "id": to_global_id("Contract", contract_id),
            "date": DAY.isoformat(),
            "lines": [{"contractLine": line_id, "quantity": 10}],
        },
    ).data["contractDeliveryCreate"]
    assert delivered["errors"] == []
    delivery = Contract.objects.get().deliveries.get()
    ship(delivery, owner)
    client.force_login(side.buyer)
    accepted = gql(
        ACCEPT,
        {
            "id": delivered["procurementOrder"]["id"],
            "lines": [
                {
                    "line": delivered["procurementOrder"]["lines"][0]["id"],
                    "quantityAccepted": 9,
                    "rejectionReason": "一袋破损",
                }
            ],
        },
    ).data["procurementOrderAccept"]
    assert accepted["errors"] == []
    contract = accepted["contract"]
    assert (contract["accepted"], contract["rejected"], contract["outstanding"]) == (9, 1, 1)
    assert contract["amountDue"]["fractionalAmount"] == 5553  # 9 × 6.17
    assert contract["deliveries"][0]["lines"][0]["settlementPerKg"] == "12.34"
    assert contract["deliveries"][0]["lines"][0]["floorPerKg"] == "10.00"


def test_contract_delivery_below_floor_is_an_error_with_the_floor(
    gql, client, channel, side, seller
):
    # given: market 9.00 + 10% = 9.90 < floor 10.00
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant, floor="10.00", market="9.00")
    contract = active_contract(
        side, producer, owner, variant, rule="market_plus_percent", percent="10"
    )
    client.force_login(owner)

    # when
    result = gql(
        DELIVER,
        {
            "id": to_global_id("Contract", contract.pk),
            "date": DAY.isoformat(),
            "lines": [
                {
                    "contractLine": to_global_id("ContractLine", contract.lines.get().pk),
                    "quantity": 1,
                }
            ],
        },
    ).data["contractDeliveryCreate"]

    # then
    assert [(e["code"], e["floorPerKg"]) for e in result["errors"]] == [("BELOW_FLOOR", "10.00")]
    assert result["procurementOrder"] is None
    assert "10.00" in result["errors"][0]["message"]


def test_other_enterprise_and_other_producer_see_nothing(
    gql, client, channel, side, other_side, seller, other_seller
):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    contract = draft(side, producer, variant)
    contract_gid = to_global_id("Contract", contract.pk)

    for stranger in (other_side.admin, other_side.approver, other_seller[1]):
        # when
        client.force_login(stranger)
        one = gql(ONE, {"id": contract_gid}).data["contract"]
        many = gql(LIST).data["contracts"]
        proposed = gql(
            STEP.format(name="contractPropose", errors=ERRORS), {"id": contract_gid}
        ).data["contractPropose"]

        # then: same answer as a contract that does not exist
        assert one is None
        assert many == []
        assert [(e["code"], e["field"]) for e in proposed["errors"]] == [("NOT_FOUND", "id")]
    missing = gql(
        STEP.format(name="contractPropose", errors=ERRORS),
        {"id": to_global_id("Contract", contract.pk + 1000)},
    ).data["contractPropose"]
    assert [(e["code"], e["field"]) for e in missing["errors"]] == [("NOT_FOUND", "id")]
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT
    client.force_login(owner)
    assert gql(ONE, {"id": contract_gid}).data["contract"]["number"] == contract.number


def test_contracts_list_same_queries_for_one_and_three(gql, client, channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=500)
    prices(variant)
    client.force_login(side.finance)

    def contracts_with_a_delivery(count: int) -> None:
        for _ in range(count):
            contract = active_contract(side, producer, owner, variant)
            schedule_delivery(
                contract, actor=owner, delivery_date=DAY, quantities={contract.lines.get().pk: 2}
            )

    contracts_with_a_delivery(1)
    gql(LIST)  # session and caches warm
    with CaptureQueriesContext(connection) as first:
        assert len(gql(LIST).data["contracts"]) == 1
    contracts_with_a_delivery(2)

    # when / then
    with assert_num_queries(len(first)):
        result = gql(LIST).data["contracts"]
    assert len(result) == 3
    assert all(c["deliveries"][0]["total"]["fractionalAmount"] == 1200 for c in result)
    assert Decimal(result[0]["amountDue"]["amount"]) == Decimal("0")
