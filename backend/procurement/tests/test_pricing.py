"""Floor prices and settlement rules: max(market, floor) and market + x%, above and below the
floor, the refusal of anything below it, and which floors cover a purchase."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.models import FloorPrice
from backend.procurement.pricing import (
    MarketPlusPercent,
    MaxOfMarketAndFloor,
    PurchaseRequest,
    check_enterprise_unit_price,
    price_purchases,
    settlement_rule,
)
from backend.procurement.tests.scenarios import DAY, END, START, contracted_variant, prices
from backend.regions.models import Region

pytestmark = pytest.mark.django_db


def price_one(variant, rule, *, grade="一级", contract_floor=None, on=DAY):  # type: ignore[no-untyped-def]
    request = PurchaseRequest(variant, grade, contract_floor, "ZC2026000001")
    (priced,) = price_purchases([request], rule=rule, region=variant.product.producer.region, on=on)
    return priced


def test_max_of_market_and_floor_market_above_floor_settles_at_market(channel, seller):
    # given: floor 10.00/kg, market 12.34/kg, 500 g units
    variant = contracted_variant(channel, seller[0])
    prices(variant, floor="10.00", market="12.34")

    # when
    priced = price_one(variant, MaxOfMarketAndFloor())

    # then
    assert priced.settlement_per_kg == Decimal("12.34")
    assert priced.unit_price == Decimal("6.17")
    assert priced.floor_per_kg == Decimal("10.00")


def test_max_of_market_and_floor_market_below_floor_settles_at_floor(channel, seller):
    # given
    variant = contracted_variant(channel, seller[0], grams=750)
    prices(variant, floor="10.01", market="8.00")

    # when
    priced = price_one(variant, MaxOfMarketAndFloor())

    # then: 10.01 × 0.75 = 7.5075 → 7.51 (half up, to the cent)
    assert priced.settlement_per_kg == Decimal("10.01")
    assert priced.unit_price == Decimal("7.51")


def test_market_plus_percent_market_above_floor_settles_at_market_plus_percent(channel, seller):
    # given
    variant = contracted_variant(channel, seller[0])
    prices(variant, floor="10.00", market="12.00")

    # when
    priced = price_one(variant, MarketPlusPercent(Decimal("5")))

    # then: 12.00 × 1.05 = 12.60/kg, 6.30 a 500 g unit
    assert priced.settlement_per_kg == Decimal("12.60")
    assert priced.unit_price == Decimal("6.30")
    assert priced.rule == "market_plus_percent"


def test_market_plus_percent_market_below_floor_is_refused_with_the_floor_and_why(channel, seller):
    # given: 9.00 × 1.10 = 9.90 < 10.00
    variant = contracted_variant(channel, seller[0])
    prices(variant, floor="10.00", market="9.00")

    # when
    with pytest.raises(ProcurementError) as caught:
        price_one(variant, MarketPlusPercent(Decimal("10")))

    # then
    error = caught.value
    assert error.code == ProcurementErrorCode.BELOW_FLOOR
    assert error.data["floor_per_kg"] == Decimal("10.00")
    assert error.data["settlement_per_kg"] == Decimal("9.90")
    assert error.data["reason"] == "2026 县扶贫办保护价通知"
    assert "10.00" in str(error.message)
    assert "县扶贫办" in str(error.message)


def test_market_plus_percent_market_below_floor_but_percent_lifts_it_settles(channel, seller):
    # given: 9.60 × 1.05 = 10.08 ≥ 10.00
    variant = contracted_variant(channel, seller[0])
    prices(variant, floor="10.00", market="9.60")

    # when
    priced = price_one(variant, MarketPlusPercent(Decimal("5")))

    # then
    assert priced.settlement_per_kg == Decimal("10.08")
    assert priced.unit_price == Decimal("5.04")


def test_enterprise_purchase_below_floor_is_refused(channel, seller):
    # given: floor 10.00/kg is 5.00 a 500 g unit
    variant = contracted_variant(channel, seller[0])
    prices(variant, floor="10.00", market=None)
    region = seller[0].region

    # when
    with pytest.raises(ProcurementError) as caught:
        check_enterprise_unit_price(
            variant, grade="", region=region, on=DAY, unit_price_amount=Decimal("4.99")
        )

    # then
    assert caught.value.code == ProcurementErrorCode.BELOW_FLOOR
    assert caught.value.data["floor_per_kg"] == Decimal("10.00")
    assert caught.value.field == "price"


def test_enterprise_purchase_at_floor_is_allowed_and_uncovered_product_is_not_checked(
    channel, seller
):
    # given
    covered = contracted_variant(channel, seller[0])
    prices(covered, floor="10.00", market=None)
    uncovered = contracted_variant(channel, seller[0])
    region = seller[0].region

    # when
    floor = check_enterprise_unit_price(
        covered, grade="", region=region, on=DAY, unit_price_amount=Decimal("5.00")
    )
    none = check_enterprise_unit_price(
        uncovered, grade="", region=region, on=DAY, unit_price_amount=Decimal("0.01")
    )

    # then
    assert floor is not None
    assert floor.amount_per_kg == Decimal("10.00")
    assert none is None


def test_floors_highest_covering_wins_region_grade_period_and_contract(channel, seller):
    # given: the producer is in a county; floors for its province, another province, another
    # grade, an expired period, and the contract's own
    producer = seller[0]
    variant = contracted_variant(channel, producer)
    prices(variant, floor="10.00", market="8.00")
    region = producer.region
    province = Region.objects.get(code=region.province_code)
    elsewhere = Region.objects.exclude(code=region.province_code).filter(level=1).first()
    product = variant.product
    FloorPrice.objects.create(
        product=product,
        region=province,
        valid_from=START,
        valid_until=END,
        amount_per_kg=Decimal("11.00"),
        reason="省保护价",
    )
    FloorPrice.objects.create(
        product=product,
        region=elsewhere,
        valid_from=START,
        valid_until=END,
        amount_per_kg=Decimal("30.00"),
        reason="外省",
    )
    FloorPrice.objects.create(
        product=product,
        grade="特级",
        valid_from=START,
        valid_until=END,
        amount_per_kg=Decimal("20.00"),
        reason="特级品",
    )
    FloorPrice.objects.create(
        product=product,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2025, 12, 31),
        amount_per_kg=Decimal("40.00"),
        reason="旧",
    )

    # when
    by_region = price_one(variant, MaxOfMarketAndFloor())
    by_contract = price_one(variant, MaxOfMarketAndFloor(), contract_floor=Decimal("11.50"))
    contract_lower = price_one(variant, MaxOfMarketAndFloor(), contract_floor=Decimal("9.00"))

    # then
    assert (by_region.settlement_per_kg, by_region.floor.reason) == (Decimal("11.00"), "省保护价")
    assert by_contract.settlement_per_kg == Decimal("11.50")
    assert "ZC2026000001" in by_contract.floor.reason
    assert contract_lower.settlement_per_kg == Decimal("11.00")


def test_price_purchases_without_market_price_or_weight_are_refused(channel, seller):
    # given
    no_market = contracted_variant(channel, seller[0])
    prices(no_market, floor="10.00", market=None)
    no_weight = contracted_variant(channel, seller[0], grams=0)
    no_weight.weight_grams = None
    no_weight.save(update_fields=["weight_grams"])
    prices(no_weight)

    # when / then
    with pytest.raises(ProcurementError) as missing:
        price_one(no_market, MaxOfMarketAndFloor())
    assert missing.value.code == ProcurementErrorCode.MARKET_PRICE_MISSING
    with pytest.raises(ProcurementError) as weightless:
        price_one(no_weight, MaxOfMarketAndFloor())
    assert weightless.value.code == ProcurementErrorCode.WEIGHT_UNKNOWN


def test_settlement_rule_named_by_contract_code():
    # given / when / then
    assert isinstance(settlement_rule("max_market_floor"), MaxOfMarketAndFloor)
    assert settlement_rule("market_plus_percent", Decimal("3")) == MarketPlusPercent(Decimal("3"))
