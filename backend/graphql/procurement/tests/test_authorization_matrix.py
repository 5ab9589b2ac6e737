"""Every contract mutation × strangers: another enterprise's members and another producer get
the same NOT_FOUND as a missing id and change nothing; signed-out callers a top-level error."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from backend.audit.models import AuditEvent
from backend.procurement.deliveries import schedule_delivery
from backend.procurement.models import ProcurementOrder
from backend.procurement.tests.scenarios import (
    DAY,
    active_contract,
    contracted_variant,
    prices,
    ship,
)

pytestmark = pytest.mark.django_db

ERRORS = "errors { field code }"
MUTATIONS = {
    "contractPropose": "mutation($id: ID!) { contractPropose(id: $id) { %s } }",
    "contractSign": "mutation($id: ID!) { contractSign(id: $id) { %s } }",
    "contractActivate": "mutation($id: ID!) { contractActivate(id: $id) { %s } }",
    "contractComplete": "mutation($id: ID!) { contractComplete(id: $id) { %s } }",
    "contractTerminate": (
        'mutation($id: ID!) { contractTerminate(id: $id, reason: "不要了") { %s } }'
    ),
    "contractDeliveryCreate": (
        "mutation($id: ID!, $line: ID!) { contractDeliveryCreate(id: $id, "
        'deliveryDate: "2026-03-10", lines: [{contractLine: $line, quantity: 1}]) { %s } }'
    ),
    "procurementOrderAccept": (
        "mutation($delivery: ID!) { procurementOrderAccept(id: $delivery) { %s } }"
    ),
}


@pytest.fixture
def world(channel, side, seller):  # type: ignore[no-untyped-def]
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    delivery = schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 2})
    ship(delivery, owner)
    return {
        "id": to_global_id("Contract", contract.pk),
        "line": to_global_id("ContractLine", line.pk),
        "delivery": to_global_id("ProcurementOrder", delivery.pk),
    }


@pytest.mark.parametrize("name", list(MUTATIONS))
@pytest.mark.parametrize(
    "stranger", ["other enterprise admin", "other enterprise buyer", "other owner"]
)
def test_contract_mutation_by_stranger_is_not_found_and_changes_nothing(
    gql, client, world, other_side, other_seller, name, stranger
):
    # given
    user = {
        "other enterprise admin": other_side.admin,
        "other enterprise buyer": other_side.buyer,
        "other owner": other_seller[1],
    }[stranger]
    client.force_login(user)
    query = MUTATIONS[name] % ERRORS
    variables = {k: v for k, v in world.items() if f"${k}" in query}
    audit_rows = AuditEvent.objects.count()
    deliveries = ProcurementOrder.objects.count()

    # when
    result = gql(query, variables).data[name]

    # then
    assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"]
    assert AuditEvent.objects.count() == audit_rows
    assert ProcurementOrder.objects.count() == deliveries


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_contract_mutation_signed_out_is_a_permission_error(gql, world, name):
    # given
    query = MUTATIONS[name] % ERRORS
    variables = {k: v for k, v in world.items() if f"${k}" in query}

    # when
    result = gql(query, variables)

    # then
    assert result.data[name] is None
    assert "authenticated" in result.errors[0]["message"]
