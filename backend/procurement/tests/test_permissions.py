"""Only the right party makes each transition; another enterprise and another producer see
nothing; helpers and finance members only what their role allows."""

from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import new_user
from backend.procurement.contracts import (
    activate_contract,
    complete_contract,
    propose_contract,
    sign_contract,
    terminate_contract,
)
from backend.procurement.deliveries import schedule_delivery
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.lookups import contracts_for_actor, deliveries_for_actor
from backend.procurement.models import ContractStatus
from backend.procurement.permissions import ContractAction, contract_policy
from backend.procurement.tests.scenarios import (
    DAY,
    active_contract,
    contracted_variant,
    draft,
    prices,
)
from backend.sellers.models import HelperGrant, HelperScope

pytestmark = pytest.mark.django_db

NF = ProcurementErrorCode.NOT_FOUND
NA = ProcurementErrorCode.NOT_ALLOWED


def code_of(call):  # type: ignore[no-untyped-def]
    try:
        call()
    except ProcurementError as error:
        return error.code
    return None


def test_each_transition_refused_to_every_wrong_party(
    channel, side, other_side, seller, other_seller
):
    # given: a proposed contract and people of every kind
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    contract = draft(side, producer, variant)
    helper = new_user(email="helper@producer.test")
    HelperGrant.objects.create(
        seller=producer, helper=helper, scope=HelperScope.ORDERS, granted_by=owner
    )
    strangers = {
        "other enterprise admin": other_side.admin,
        "other producer owner": other_seller[1],
    }

    # when / then: propose
    for person in (side.finance, side.approver, owner, helper):
        assert code_of(lambda p=person: propose_contract(contract, actor=p)) == NA
    for person in strangers.values():
        assert code_of(lambda p=person: propose_contract(contract, actor=p)) == NF
    propose_contract(contract, actor=side.buyer)
    # sign: the buyer, finance and an orders helper may not; strangers see nothing
    for person in (side.buyer, side.finance, helper):
        assert code_of(lambda p=person: sign_contract(contract, actor=p)) == NA
    for person in strangers.values():
        assert code_of(lambda p=person: sign_contract(contract, actor=p)) == NF
    sign_contract(contract, actor=side.approver)
    assert code_of(lambda: sign_contract(contract, actor=side.approver)) == (
        ProcurementErrorCode.ALREADY_SIGNED
    )
    assert code_of(lambda: activate_contract(contract, actor=side.buyer)) == (
        ProcurementErrorCode.ILLEGAL_TRANSITION
    )
    sign_contract(contract, actor=owner)
    # activate: only the enterprise's contract managers
    for person in (side.finance, side.approver, owner, helper):
        assert code_of(lambda p=person: activate_contract(contract, actor=p)) == NA
    activate_contract(contract, actor=side.buyer)
    # complete: only the enterprise's managers; terminate: managers or the producer's owner
    for person in (owner, helper, side.finance):
        assert code_of(lambda p=person: complete_contract(contract, actor=p)) == NA
    for person in (helper, side.finance, side.approver):
        assert code_of(lambda p=person: terminate_contract(contract, actor=p, reason="x")) == NA
    for person in strangers.values():
        assert code_of(lambda p=person: complete_contract(contract, actor=p)) == NF
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_schedule_delivery_by_producer_helper_or_buyer_not_finance_or_strangers(
    channel, side, other_side, seller, other_seller
):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    helper = new_user(email="orders-helper@producer.test")
    HelperGrant.objects.create(
        seller=producer, helper=helper, scope=HelperScope.ORDERS, granted_by=owner
    )

    def schedule(person):  # type: ignore[no-untyped-def]
        return code_of(
            lambda: schedule_delivery(
                contract, actor=person, delivery_date=DAY, quantities={line.pk: 1}
            )
        )

    # when / then
    assert schedule(helper) is None
    assert schedule(side.buyer) is None
    assert schedule(side.finance) == NA
    assert schedule(side.approver) == NA
    assert schedule(other_side.buyer) == NF
    assert schedule(other_seller[1]) == NF
    assert contract.deliveries.count() == 2


def test_contract_lists_enterprise_a_never_sees_b_and_producer_sees_only_its_own(
    channel, side, other_side, seller, other_seller
):
    # given: A with seller, B with other seller
    producer, owner = seller
    other_producer, other_owner = other_seller
    mine = draft(side, producer, contracted_variant(channel, producer))
    theirs = draft(other_side, other_producer, contracted_variant(channel, other_producer))
    inactive = side.finance
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    # when
    seen = {
        name: set(contracts_for_actor(user).values_list("pk", flat=True))
        for name, user in {
            "a buyer": side.buyer,
            "a approver": side.approver,
            "b admin": other_side.admin,
            "owner": owner,
            "other owner": other_owner,
            "inactive finance": inactive,
            "customer": new_user(email="customer@example.test"),
            "anonymous": None,
        }.items()
    }

    # then
    assert seen == {
        "a buyer": {mine.pk},
        "a approver": {mine.pk},
        "b admin": {theirs.pk},
        "owner": {mine.pk},
        "other owner": {theirs.pk},
        "inactive finance": set(),
        "customer": set(),
        "anonymous": set(),
    }
    assert not deliveries_for_actor(other_owner).filter(contract=mine).exists()


def test_allowed_actions_per_role_in_one_query(channel, side, seller, django_assert_num_queries):
    # given
    producer, owner = seller
    contract = draft(side, producer, contracted_variant(channel, producer))

    # when
    with django_assert_num_queries(1):
        approver = contract_policy.allowed_actions(side.approver, contract)
    buyer = contract_policy.allowed_actions(side.buyer, contract)
    producer_owner = contract_policy.allowed_actions(owner, contract)

    # then
    assert approver == {ContractAction.VIEW, ContractAction.SIGN_FOR_ENTERPRISE}
    assert ContractAction.PROPOSE in buyer
    assert ContractAction.SIGN_FOR_ENTERPRISE not in buyer
    assert producer_owner == {
        ContractAction.VIEW,
        ContractAction.SIGN_FOR_PRODUCER,
        ContractAction.TERMINATE,
        ContractAction.SCHEDULE_DELIVERY,
    }
