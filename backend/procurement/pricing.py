"""Protected floor prices and the settlement price of an enterprise purchase.

Prices are per kilogram. What covers a purchase of a product (of a grade, from a producer in a
region, on a day):

- every operator `FloorPrice` of that product whose period contains the day, whose grade is
  empty or the purchase's grade, and whose region is empty or contains the producer's region;
- the contract line's own floor, if the contract sets one.

The effective floor is the HIGHEST of them: a contract can raise the protection, never lower it.
The settlement price per kilogram comes from a small named rule (`SettlementRule`):
`MaxOfMarketAndFloor` (the programme's default: the market price when it is above the floor, the
floor when the market is below it) or `MarketPlusPercent(x)` (market × (1 + x/100)). Whatever the
rule, a covered purchase never settles below the floor: `price_purchases` refuses it with
`BELOW_FLOOR`, naming the floor and why it exists. The unit price is the price per kilogram
times the unit's weight, rounded half-up to the cent (`backend.core.money.quantize`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.catalog.models import ProductVariant
from backend.core.money import quantize
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.models import FloorPrice, MarketPrice, PriceRule
from backend.regions.models import Region, RegionLevel

HUNDRED = Decimal("100")
GRAMS_PER_KG = Decimal("1000")


class SettlementRule:
    """How a purchase's price per kilogram follows from the market and the floor."""

    code: str = ""

    def settle(self, market: Decimal, floor: Decimal | None) -> Decimal:
        raise NotImplementedError


class MaxOfMarketAndFloor(SettlementRule):
    """settlement = max(market, floor) (保护价收购)."""

    code = PriceRule.MAX_OF_MARKET_AND_FLOOR

    def settle(self, market: Decimal, floor: Decimal | None) -> Decimal:
        return market if floor is None else max(market, floor)


@dataclass(frozen=True)
class MarketPlusPercent(SettlementRule):
    """settlement = market × (1 + percent / 100), to the cent; refused below the floor."""

    percent: Decimal
    code = PriceRule.MARKET_PLUS_PERCENT

    def settle(self, market: Decimal, floor: Decimal | None) -> Decimal:
        return quantize(market * (HUNDRED + self.percent) / HUNDRED)


def settlement_rule(code: str, percent: Decimal = Decimal("0")) -> SettlementRule:
    """The rule a contract names (the one place rules are chosen)."""
    if code == PriceRule.MARKET_PLUS_PERCENT:
        return MarketPlusPercent(percent)
    return MaxOfMarketAndFloor()


def unit_weight_grams(variant: ProductVariant) -> int | None:
    """The variant's weight, else its product's, else its product type's default."""
    product = variant.product
    for grams in (variant.weight_grams, product.weight_grams, product.product_type.weight_grams):
        if grams:
            return int(grams)
    return None


def unit_price(per_kg: Decimal, grams: int) -> Decimal:
    return quantize(per_kg * grams / GRAMS_PER_KG)


@dataclass(frozen=True)
class PurchaseRequest:
    variant: ProductVariant  # with product and product_type loaded
    grade: str
    contract_floor_per_kg: Decimal | None = None
    contract_number: str = ""


@dataclass(frozen=True)
class Floor:
    amount_per_kg: Decimal
    reason: str


@dataclass(frozen=True)
class PurchasePrice:
    request: PurchaseRequest
    rule: str
    market_per_kg: Decimal
    floor: Floor | None
    settlement_per_kg: Decimal
    unit_weight_grams: int
    unit_price: Decimal

    @property
    def floor_per_kg(self) -> Decimal | None:
        return None if self.floor is None else self.floor.amount_per_kg


def _region_q(region: Region) -> Q:
    """Floors whose region is empty or contains `region` (up the tree, by official codes)."""
    q = Q(region__isnull=True) | Q(region_id=region.pk)
    if region.parent_id is not None:
        q |= Q(region_id=region.parent_id)
    for level, code in (
        (RegionLevel.PROVINCE, region.province_code),
        (RegionLevel.CITY, region.city_code),
        (RegionLevel.COUNTY, region.county_code),
    ):
        if code:
            q |= Q(region__level=level, region__code=code)
    return q


def floors_for(
    requests: Sequence[PurchaseRequest], *, region: Region, on: datetime.date
) -> dict[int, Floor]:
    """The effective floor per request index (one query whatever the number of requests)."""
    product_ids = {r.variant.product_id for r in requests}
    rows = list(
        FloorPrice.objects.filter(
            _region_q(region),
            product_id__in=product_ids,
            valid_from__lte=on,
            valid_until__gte=on,
        ).values_list("product_id", "grade", "amount_per_kg", "reason")
    )
    floors: dict[int, Floor] = {}
    for index, request in enumerate(requests):
        candidates = [
            Floor(amount, reason)
            for product_id, grade, amount, reason in rows
            if product_id == request.variant.product_id and grade in ("", request.grade)
        ]
        if request.contract_floor_per_kg is not None:
            candidates.append(
                Floor(
                    request.contract_floor_per_kg,
                    str(_("set by contract %(number)s") % {"number": request.contract_number}),
                )
            )
        if candidates:
            floors[index] = max(candidates, key=lambda f: f.amount_per_kg)
    return floors


def market_prices_for(
    requests: Sequence[PurchaseRequest], *, on: datetime.date
) -> dict[int, Decimal]:
    """The market reference price per request index: the grade's own price if recorded, else
    the product's; the latest period containing the day (one query)."""
    product_ids = {r.variant.product_id for r in requests}
    rows = list(
        MarketPrice.objects.filter(
            product_id__in=product_ids, period_start__lte=on, period_end__gte=on
        )
        .order_by("product_id", "-period_start", "-pk")
        .values_list("product_id", "grade", "amount_per_kg")
    )
    prices: dict[int, Decimal] = {}
    for index, request in enumerate(requests):
        own = [a for p, g, a in rows if p == request.variant.product_id and g == request.grade]
        general = [a for p, g, a in rows if p == request.variant.product_id and g == ""]
        found = own or general
        if found:
            prices[index] = found[0]
    return prices


def price_purchases(
    requests: Sequence[PurchaseRequest],
    *,
    rule: SettlementRule,
    region: Region,
    on: datetime.date,
) -> list[PurchasePrice]:
    """Price every request, or raise the first problem (field `lines.<index>`).

    Raises `ProcurementError` with `WEIGHT_UNKNOWN`, `MARKET_PRICE_MISSING`, or `BELOW_FLOOR`
    (data: `floor_per_kg`, `settlement_per_kg`, `reason`).
    """
    floors = floors_for(requests, region=region, on=on)
    markets = market_prices_for(requests, on=on)
    priced = []
    for index, request in enumerate(requests):
        name = request.variant.product.name
        grams = unit_weight_grams(request.variant)
        if grams is None:
            raise ProcurementError(
                ProcurementErrorCode.WEIGHT_UNKNOWN,
                _("%(product)s has no weight, so its price per kilogram cannot be applied.")
                % {"product": name},
                field=f"lines.{index}",
            )
        if index not in markets:
            raise ProcurementError(
                ProcurementErrorCode.MARKET_PRICE_MISSING,
                _("No market reference price of %(product)s is recorded for %(day)s.")
                % {"product": name, "day": on.isoformat()},
                field=f"lines.{index}",
            )
        floor = floors.get(index)
        settlement = rule.settle(markets[index], None if floor is None else floor.amount_per_kg)
        if floor is not None and settlement < floor.amount_per_kg:
            raise below_floor(name, settlement, floor, field=f"lines.{index}")
        priced.append(
            PurchasePrice(
                request=request,
                rule=rule.code,
                market_per_kg=markets[index],
                floor=floor,
                settlement_per_kg=settlement,
                unit_weight_grams=grams,
                unit_price=unit_price(settlement, grams),
            )
        )
    return priced


def below_floor(
    product_name: str, per_kg: Decimal, floor: Floor, *, field: str
) -> ProcurementError:
    """The refusal of a purchase that would settle at `per_kg`, below `floor`."""
    return ProcurementError(
        ProcurementErrorCode.BELOW_FLOOR,
        _(
            "%(product)s would settle at %(price)s yuan per kg, below its protected floor "
            "price of %(floor)s yuan per kg (%(reason)s). Purchases of this product may not "
            "pay the producer less than the floor."
        )
        % {
            "product": product_name,
            "price": per_kg,
            "floor": floor.amount_per_kg,
            "reason": floor.reason,
        },
        field=field,
        floor_per_kg=floor.amount_per_kg,
        settlement_per_kg=per_kg,
        reason=floor.reason,
    )


def check_enterprise_unit_price(
    variant: ProductVariant,
    *,
    grade: str,
    region: Region,
    on: datetime.date,
    unit_price_amount: Decimal,
    field: str = "price",
) -> Floor | None:
    """For an enterprise purchase at an agreed unit price (a quote, a bulk order): refuse it when
    the price per kilogram is below the effective floor. Returns the floor (None: not covered)."""
    request = PurchaseRequest(variant=variant, grade=grade)
    floor = floors_for([request], region=region, on=on).get(0)
    if floor is None:
        return None
    grams = unit_weight_grams(variant)
    if grams is None:
        raise ProcurementError(
            ProcurementErrorCode.WEIGHT_UNKNOWN,
            _("%(product)s has no weight, so its floor price cannot be checked.")
            % {"product": variant.product.name},
            field=field,
        )
    if unit_price_amount < unit_price(floor.amount_per_kg, grams):
        per_kg = (unit_price_amount * GRAMS_PER_KG / grams).quantize(Decimal("0.0001"))
        raise below_floor(variant.product.name, per_kg, floor, field=field)
    return floor
