"""Read side of the cart and checkout pages, built on `backend.checkout`'s fetch, pricing and
problems services. Returns `storefront.checkout_shapes`; never prices anything itself.

Cost: `fetch_checkout_info` and `checkout_problems` take a fixed number of queries whatever the
number of lines; the line pictures take one more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext
from prices import Money

from backend.catalog.models import ProductMedia, ProductMediaType
from backend.checkout.errors import CheckoutProblem, CheckoutProblemCode
from backend.checkout.fetch import CheckoutInfo, fetch_checkout_info
from backend.checkout.models import Checkout, CheckoutLine
from backend.checkout.pricing import CheckoutTotals, ParcelTotals, calculate_checkout_totals
from backend.checkout.problems import checkout_problems
from backend.core.money import money
from backend.delivery.models import PickupPoint
from backend.payments.errors import PaymentError
from backend.payments.gateways import available_gateways, get_gateway
from backend.payments.stripe_gateway import STRIPE_ID
from backend.regions.models import Region, RegionLevel
from storefront.checkout_notices import payment_notice, problem_notice
from storefront.checkout_shapes import (
    AddressLines,
    CartLine,
    CartParcel,
    CartSummary,
    CheckoutReview,
    Notice,
    PaymentOption,
    PickupPointLines,
)
from storefront.pictures import Picture, picture_for

# Problems the cart page shows; the rest (e-mail, address, delivery) belong to later steps.
CART_PROBLEMS = frozenset({CheckoutProblemCode.EMPTY, CheckoutProblemCode.CHANNEL_INACTIVE})


def display_mobile(e164: str) -> str:
    """`+8613912345678` → `139 1234 5678` (how people write it in China)."""
    try:
        number = phonenumbers.parse(e164, "CN")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _line_pictures(product_ids: Iterable[int]) -> dict[int, Picture]:
    """The first photo of each product (one query)."""
    media = (
        ProductMedia.objects.filter(product_id__in=set(product_ids), type=ProductMediaType.IMAGE)
        .exclude(image="")
        .only("id", "product_id", "image", "width", "height", "sort_order")
        .order_by("product_id", "sort_order", "pk")
    )
    pictures: dict[int, Picture] = {}
    for item in media:
        if item.product_id not in pictures:
            # The line names the product next to it: the picture is decorative.
            pictures[item.product_id] = picture_for(
                item.image.name, "thumbnail", alt="", width=item.width, height=item.height
            )
    return pictures


def _item_name(product_name: str, variant_name: str) -> str:
    return f"{product_name} {variant_name}".strip()


def _cold_chain_surcharge(info: CheckoutInfo, parcel: ParcelTotals) -> Money | None:
    if not parcel.needs_cold_chain or not parcel.shipping_available:
        return None
    return parcel.cold_chain_surcharge


def _cart_parcels(
    info: CheckoutInfo, totals: CheckoutTotals, notices: dict[int, Notice]
) -> list[CartParcel]:
    pictures = _line_pictures(line.product.pk for line in info.lines)
    parcels = []
    for parcel in totals.parcels:
        lines = [
            CartLine(
                id=priced.info.line.pk,
                product_name=priced.info.product.name,
                product_slug=priced.info.product.slug,
                variant_name=priced.info.variant.name,
                picture=pictures.get(priced.info.product.pk),
                unit_price=priced.unit_price,
                quantity=priced.info.line.quantity,
                total=priced.total,
                is_fresh=priced.info.facts.is_fresh,
                notice=notices.get(priced.info.line.pk),
            )
            for priced in parcel.lines
        ]
        surcharge = _cold_chain_surcharge(info, parcel)
        parcels.append(
            CartParcel(
                producer_name=parcel.producer.name,
                producer_slug=parcel.producer.slug,
                lines=lines,
                subtotal=parcel.subtotal,
                shipping=parcel.shipping,
                total=parcel.total,
                shipping_known=parcel.shipping_available,
                needs_cold_chain=parcel.needs_cold_chain,
                cold_chain_surcharge=surcharge,
            )
        )
    return parcels


def _notices(info: CheckoutInfo, problems: Sequence[CheckoutProblem]) -> list[Notice]:
    item_names = {li.line.pk: _item_name(li.product.name, li.variant.name) for li in info.lines}
    producer_names = {li.producer.pk: li.producer.name for li in info.lines}
    method = info.delivery_method.name if info.delivery_method else ""
    return [
        problem_notice(
            problem,
            item_names=item_names,
            producer_names=producer_names,
            delivery_method=method,
        )
        for problem in problems
    ]


@dataclass(frozen=True)
class _Priced:
    info: CheckoutInfo
    totals: CheckoutTotals
    problems: list[CheckoutProblem]


def _price(checkout: Checkout) -> _Priced:
    info = fetch_checkout_info(checkout)
    return _Priced(info, calculate_checkout_totals(info), checkout_problems(info))


def _summary(priced: _Priced, notices: list[Notice]) -> CartSummary:
    totals = priced.totals
    by_line = {n.line_id: n for n in notices if n.line_id is not None}
    return CartSummary(
        parcels=_cart_parcels(priced.info, totals, by_line),
        subtotal=totals.subtotal,
        shipping=totals.shipping,
        total=totals.total,
        shipping_known=bool(totals.parcels) and totals.shipping_available,
        item_count=sum(li.line.quantity for li in priced.info.lines),
        notices=notices,
    )


def empty_cart() -> CartSummary:
    zero = money(0)
    return CartSummary(
        parcels=[], subtotal=zero, shipping=zero, total=zero, shipping_known=False, item_count=0
    )


def cart_summary(checkout: Checkout | None) -> CartSummary:
    """The cart page: lines grouped per producer with subtotals, and the line problems."""
    if checkout is None:
        return empty_cart()
    priced = _price(checkout)
    shown = [p for p in priced.problems if p.line_id is not None or p.code in CART_PROBLEMS]
    return _summary(priced, _notices(priced.info, shown))


def address_lines(checkout: Checkout) -> AddressLines | None:
    county = checkout.shipping_county
    if not checkout.has_shipping_address or county is None:
        return None
    return AddressLines(
        recipient_name=checkout.recipient_name,
        mobile=display_mobile(checkout.mobile),
        region=county.full_name or county.name,
        detail=checkout.address_detail,
    )


def payment_method_name(gateway_id: str) -> str:
    """The name of a configured gateway, or "" for none or one that is not available."""
    if not gateway_id:
        return ""
    try:
        return str(get_gateway(gateway_id).name)
    except PaymentError:
        return ""


def pickup_point_lines(point: PickupPoint | None) -> PickupPointLines | None:
    if point is None:
        return None
    return PickupPointLines(
        name=point.name,
        full_address=point.full_address,
        opening_hours=point.opening_hours,
        phone=point.contact_phone,
    )


def checkout_review(checkout: Checkout, gateway_id: str) -> CheckoutReview:
    """Everything the buyer agreed to, with every problem that would stop the order."""
    priced = _price(checkout)
    notices = _notices(priced.info, priced.problems)
    payment_method = payment_method_name(gateway_id)
    if not payment_method:
        notices.append(payment_notice())
    return CheckoutReview(
        cart=_summary(priced, notices),
        email=checkout.email or (checkout.user.email if checkout.user else "") or "",
        address=address_lines(checkout),
        delivery_method=checkout.delivery_method.name if checkout.delivery_method else "",
        pickup_point=pickup_point_lines(checkout.pickup_point),
        payment_method=payment_method,
        notices=notices,
    )


# --- Payment -----------------------------------------------------------------------------

PAYMENT_HINTS = {
    "offline.bank_transfer": lambda: gettext(
        "Pay into our bank account after you place the order. Producers send your parcels "
        "when the money arrives."
    ),
    "offline.cash_on_delivery": lambda: gettext("Pay the courier when your parcels arrive."),
    STRIPE_ID: lambda: gettext(
        "Pay straight after you place the order. This needs JavaScript turned on."
    ),
}


def payment_options() -> list[PaymentOption]:
    return [
        PaymentOption(
            id=gateway.id,
            name=str(gateway.name),
            hint=PAYMENT_HINTS[gateway.id]() if gateway.id in PAYMENT_HINTS else "",
        )
        for gateway in available_gateways()
    ]


# --- Lines and regions -------------------------------------------------------------------


def has_lines(checkout: Checkout) -> bool:
    return CheckoutLine.objects.filter(checkout_id=checkout.pk).exists()


def get_cart_line(checkout: Checkout, line_id: int) -> CheckoutLine:
    """A line of this checkout; raises CheckoutLine.DoesNotExist for any other id."""
    return CheckoutLine.objects.only("id", "checkout_id", "variant_id", "quantity").get(
        pk=line_id, checkout_id=checkout.pk
    )


@dataclass(frozen=True)
class RegionChoice:
    code: str
    name: str


def provinces() -> list[RegionChoice]:
    """Provinces (and municipalities, autonomous regions) that have counties to deliver to."""
    with_counties = Region.objects.filter(level=RegionLevel.COUNTY).values("province_code")
    rows = (
        Region.objects.filter(level=RegionLevel.PROVINCE, province_code__in=with_counties)
        .only("id", "code", "name", "province_code")
        .order_by("code")
    )
    return [RegionChoice(row.province_code, row.name) for row in rows]


def get_province(code: str) -> Region:
    """Raises Region.DoesNotExist."""
    return Region.objects.only("id", "code", "name", "province_code", "full_name").get(
        level=RegionLevel.PROVINCE, province_code=code
    )


CountyChoices = list[tuple[str, list[tuple[int, str]]] | tuple[int, str]]


def county_choices(province_code: str) -> CountyChoices:
    """The province's counties grouped by city (an `<optgroup>` each), for a select that works
    without JavaScript. Districts of a municipality have no city: they are listed directly."""
    counties = (
        Region.objects.filter(level=RegionLevel.COUNTY, province_code=province_code)
        .select_related("parent")
        .only("id", "code", "name", "parent__id", "parent__name", "parent__level")
        .order_by("parent__code", "code")
    )
    choices: CountyChoices = []
    groups: dict[int, list[tuple[int, str]]] = {}
    for county in counties:
        parent = county.parent
        if parent is None or parent.level != RegionLevel.CITY:
            choices.append((county.pk, county.name))
            continue
        if parent.pk not in groups:
            groups[parent.pk] = []
            choices.append((parent.name, groups[parent.pk]))
        groups[parent.pk].append((county.pk, county.name))
    return choices
