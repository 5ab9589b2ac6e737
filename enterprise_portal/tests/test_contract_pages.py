"""Contract pages in both portals: the enterprise proposes, signs, schedules, checks quality and
downloads the PDF; the producer signs and schedules from the seller portal; every contract URL
answers 404 to another enterprise and another producer, as for a missing contract."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from pypdf import PdfReader

from backend.checkout.tests.scenarios import new_user
from backend.procurement.deliveries import schedule_delivery
from backend.procurement.models import Contract, ContractStatus, ProcurementOrderStatus
from backend.procurement.tests.conftest import other_seller, other_side, seller, side
from backend.procurement.tests.scenarios import (
    DAY,
    active_contract,
    contracted_variant,
    draft,
    prices,
    ship,
)
from backend.sellers.models import HelperGrant, HelperScope

__all__ = ["other_seller", "other_side", "seller", "side"]

pytestmark = pytest.mark.django_db


def enterprise_url(name, contract, *extra, lang="zh-hans"):  # type: ignore[no-untyped-def]
    with override(lang):
        return reverse(
            f"enterprise_portal:{name}", args=[contract.enterprise_id, contract.pk, *extra]
        )


def seller_url(name, contract, *extra, lang="zh-hans"):  # type: ignore[no-untyped-def]
    with override(lang):
        return reverse(f"seller_portal:{name}", args=[contract.producer_id, contract.pk, *extra])


def test_enterprise_and_producer_sign_through_the_portals(client, channel, side, seller):
    # given
    producer, owner = seller
    contract = draft(side, producer, contracted_variant(channel, producer))

    # when
    client.force_login(side.buyer)
    client.post(enterprise_url("contract_step", contract, "propose"))
    client.force_login(side.approver)
    page = client.get(enterprise_url("contract_detail", contract, lang="en"))
    client.post(enterprise_url("contract_step", contract, "sign"))
    client.force_login(owner)
    seller_page = client.get(seller_url("contract_detail", contract, lang="en"))
    response = client.post(seller_url("contract_sign", contract))

    # then
    assert "Sign for the enterprise" in page.content.decode()
    assert "Sign the contract" in seller_page.content.decode()
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SIGNED


def test_finance_member_sees_no_step_buttons_and_a_refused_step_says_why(
    client, channel, side, seller
):
    # given
    producer, _owner = seller
    contract = draft(side, producer, contracted_variant(channel, producer))
    client.force_login(side.finance)

    # when
    page = client.get(enterprise_url("contract_detail", contract, lang="en")).content.decode()
    refused = client.post(
        enterprise_url("contract_step", contract, "propose", lang="en"), follow=True
    )

    # then
    assert "Propose the contract" not in page
    assert "Your role does not allow this step" in refused.content.decode()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_schedule_ship_and_check_a_delivery_with_a_partial_rejection(client, channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant, floor="10.00", market="12.34")
    contract = active_contract(side, producer, owner, variant, quantity=20)
    line = contract.lines.get()
    client.force_login(owner)

    # when: the producer schedules from the seller portal, with one error first
    bad = client.post(
        seller_url("contract_delivery_new", contract, lang="en"),
        {"delivery_date": "2026-03-10", f"line_{line.pk}": "21"},
    )
    client.post(
        seller_url("contract_delivery_new", contract),
        {"delivery_date": "2026-03-10", f"line_{line.pk}": "10"},
    )
    delivery = contract.deliveries.get()
    ship(delivery, owner)
    dline = delivery.lines.get()
    client.force_login(side.buyer)
    missing_reason = client.post(
        enterprise_url("contract_delivery", contract, delivery.pk, lang="en"),
        {f"accepted_{dline.pk}": "8", f"reason_{dline.pk}": ""},
    )
    client.post(
        enterprise_url("contract_delivery", contract, delivery.pk),
        {f"accepted_{dline.pk}": "8", f"reason_{dline.pk}": "两袋受潮", "notes": ""},
    )
    detail = client.get(enterprise_url("contract_detail", contract, lang="en")).content.decode()

    # then
    assert "Only 20 units of this product are still outstanding" in bad.content.decode()
    assert 'value="21"' in bad.content.decode()
    assert "Say why units were rejected" in missing_reason.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == ProcurementOrderStatus.PARTIALLY_ACCEPTED
    assert str(delivery.accepted_amount) == "49.36"
    assert "49.36" in detail
    assert "两袋受潮" in detail


def test_contract_pdf_has_the_terms_in_chinese_for_both_sides(client, channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)

    for user, url in (
        (side.finance, enterprise_url("contract_pdf", contract)),
        (owner, seller_url("contract_pdf", contract)),
    ):
        # when
        client.force_login(user)
        response = client.get(url)

        # then
        assert response["Content-Type"] == "application/pdf"
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
        assert contract.number in text
        assert "党参直采合同" in text
        assert side.enterprise.name in text


def test_every_contract_url_is_404_for_another_enterprise_and_another_producer(
    client, channel, side, other_side, seller, other_seller
):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    delivery = schedule_delivery(
        contract, actor=owner, delivery_date=DAY, quantities={contract.lines.get().pk: 1}
    )
    enterprise_urls = [
        enterprise_url("contract_detail", contract),
        enterprise_url("contract_pdf", contract),
        enterprise_url("contract_terminate", contract),
        enterprise_url("contract_delivery_new", contract),
        enterprise_url("contract_delivery", contract, delivery.pk),
    ]
    seller_urls = [
        seller_url("contract_detail", contract),
        seller_url("contract_pdf", contract),
        seller_url("contract_terminate", contract),
        seller_url("contract_delivery_new", contract),
    ]
    other_enterprise_own_urls = [
        url.replace(f"/{contract.enterprise_id}/", f"/{other_side.enterprise.pk}/", 1)
        for url in enterprise_urls
    ]
    other_shop_urls = [
        url.replace(f"/shop/{producer.pk}/", f"/shop/{other_seller[0].pk}/", 1)
        for url in seller_urls
    ]

    # when / then: another enterprise's member, on A's URLs and on its own enterprise's URLs
    client.force_login(other_side.admin)
    for url in enterprise_urls + other_enterprise_own_urls + seller_urls:
        assert client.get(url).status_code == 404, url
    assert client.post(enterprise_url("contract_step", contract, "complete")).status_code == 404
    client.force_login(other_seller[1])
    for url in seller_urls + other_shop_urls + enterprise_urls:
        assert client.get(url).status_code == 404, url
    assert client.post(seller_url("contract_sign", contract)).status_code == 404
    assert (
        client.get(
            reverse("enterprise_portal:contract_list", args=[side.enterprise.pk])
        ).status_code
        == 404
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert Contract.objects.get().deliveries.count() == 1


def _count(client, url):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_contract_list_and_detail_same_queries_for_one_and_three(client, channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer, stock=500)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 1})
    client.force_login(side.buyer)
    list_url = reverse("enterprise_portal:contract_list", args=[side.enterprise.pk])
    detail_url = enterprise_url("contract_detail", contract)
    seller_list = seller_url("contract_detail", contract).rsplit("/", 2)[0] + "/"
    _count(client, list_url)  # session and caches warm
    one = (_count(client, list_url), _count(client, detail_url))

    # when
    for _ in range(2):
        active_contract(side, producer, owner, variant)
        schedule_delivery(contract, actor=owner, delivery_date=DAY, quantities={line.pk: 1})
    three = (_count(client, list_url), _count(client, detail_url))
    client.force_login(owner)
    seller_counts = (_count(client, seller_list), _count(client, seller_list))

    # then
    assert one == three
    assert seller_counts[0] == seller_counts[1]


def test_buyer_cancels_an_unshipped_delivery_with_a_reason(client, channel, side, seller):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    delivery = schedule_delivery(
        contract, actor=owner, delivery_date=DAY, quantities={contract.lines.get().pk: 2}
    )
    client.force_login(side.buyer)
    url = enterprise_url("contract_delivery", contract, delivery.pk, lang="en")

    # when
    page = client.get(url).content.decode()
    missing = client.post(url, {"cancel": "1", "cancel-reason": ""}).content.decode()
    done = client.post(url, {"cancel": "1", "cancel-reason": "食堂放假"})

    # then
    assert "Cancel the delivery" in page
    assert "Say why the delivery is cancelled" in missing
    assert done.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == ProcurementOrderStatus.CANCELLED


def test_buyer_finds_a_producer_and_drafts_a_contract_errors_kept(client, channel, side, seller):
    # given
    producer, _owner = seller
    variant = contracted_variant(channel, producer)
    client.force_login(side.buyer)
    with override("en"):
        new_url = reverse("enterprise_portal:contract_new", args=[side.enterprise.pk])
        draft_url = reverse(
            "enterprise_portal:contract_draft", args=[side.enterprise.pk, producer.pk]
        )
    answers = {
        "title": "2026年党参直采合同",
        "variant": str(variant.pk),
        "grade": "一级",
        "quantity": "120",
        "period_start": "2026-01-01",
        "period_end": "2025-12-31",
        "price_rule": "market_plus_percent",
        "price_rule_percent": "5",
        "delivery_frequency": "monthly",
        "delivery_site": str(side.site.pk),
        "quality_terms": "一级品",
        "payment_terms": "凭发票银行转账",
        "payment_days": "30",
    }

    # when
    found = client.get(new_url, {"q": producer.name[:3]}).content.decode()
    wrong = client.post(draft_url, answers).content.decode()
    saved = client.post(draft_url, {**answers, "period_end": "2026-12-31"})

    # then
    assert draft_url in found
    assert "The last day must be on or after the first day." in wrong
    assert 'value="2026年党参直采合同"' in wrong
    assert saved.status_code == 302
    contract = Contract.objects.get()
    assert (contract.status, contract.price_rule) == ("draft", "market_plus_percent")
    assert contract.lines.get().quantity == 120


def test_finance_member_cannot_draft_and_another_enterprise_gets_404(
    client, channel, side, other_side, seller
):
    # given
    producer, _owner = seller
    with override("zh-hans"):
        url = reverse("enterprise_portal:contract_draft", args=[side.enterprise.pk, producer.pk])

    # when / then
    client.force_login(side.finance)
    assert client.get(url).status_code == 404
    client.force_login(other_side.admin)
    assert client.get(url).status_code == 404


def test_seller_helpers_orders_scope_schedules_products_scope_sees_nothing(
    client, channel, side, seller
):
    # given
    producer, owner = seller
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    orders_helper = new_user(email="orders-helper@example.test")
    products_helper = new_user(email="products-helper@example.test")
    for helper, scope in (
        (orders_helper, HelperScope.ORDERS),
        (products_helper, HelperScope.PRODUCTS),
    ):
        HelperGrant.objects.create(seller=producer, helper=helper, scope=scope, granted_by=owner)

    # when / then: the products helper gets 404 everywhere
    client.force_login(products_helper)
    for name in ("contract_detail", "contract_pdf", "contract_delivery_new"):
        assert client.get(seller_url(name, contract)).status_code == 404
    # the orders helper schedules, but cannot sign or end the contract
    client.force_login(orders_helper)
    page = client.get(seller_url("contract_detail", contract, lang="en")).content.decode()
    assert "Schedule a delivery" in page
    assert "End the contract" not in page
    client.post(
        seller_url("contract_delivery_new", contract),
        {"delivery_date": "2026-03-10", f"line_{line.pk}": "2"},
    )
    assert contract.deliveries.count() == 1
    refused = client.post(
        seller_url("contract_terminate", contract, lang="en"), {"reason": "不想做了"}
    )
    assert "Your role does not allow this step" in refused.content.decode()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
