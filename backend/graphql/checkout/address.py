"""Saleor's `AddressInput` read as a Chinese delivery address.

    firstName / lastName  → recipient (a full name in `firstName` alone is fine; Chinese
                            names are written family name first, with no space)
    phone                 → mobile number (validated as a mainland China mobile)
    countryArea           → province: name ("浙江省", "浙江") or code ("33", "330000")
    city                  → prefecture city: name or code (not needed for the districts of a
                            municipality such as 北京市)
    cityArea              → county or district: name, or its 6-digit code (enough on its own)
    streetAddress1 and 2  → street, building and room
    country               → must be CN when given: we deliver in mainland China only

The county is found in the official region tree (three small indexed queries at most). Every
wrong field is reported at once, each on its own input field, with `addressType: SHIPPING`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import graphene
import phonenumbers
from django.utils.translation import gettext_lazy as _

from backend.checkout.address import validate_shipping_address
from backend.checkout.errors import CheckoutError as DomainCheckoutError
from backend.graphql.checkout.enums import CheckoutErrorCode
from backend.graphql.checkout.errors import domain_errors, error
from backend.graphql.core.mutations import FieldError, MutationErrors
from backend.regions.models import Region, RegionLevel

CountryCodeEnum = graphene.Enum(
    "CountryCode",
    [(code, code) for code in sorted(phonenumbers.SUPPORTED_REGIONS)],
    description="ISO 3166-1 alpha-2 country code.",
)

_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGITS = re.compile(r"^\d+$")


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name, or the recipient's full name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or organization.")
    street_address_1 = graphene.String(description="Street, building and room.")
    street_address_2 = graphene.String(description="More of the street address.")
    city = graphene.String(description="Prefecture city: name or code.")
    city_area = graphene.String(description="County or district: name or 6-digit code.")
    postal_code = graphene.String(description="Postal code.")
    country = graphene.Field(CountryCodeEnum, description="Country (CN).")
    country_area = graphene.String(description="Province: name or code.")
    phone = graphene.String(description="Mainland China mobile number.")


@dataclass(frozen=True)
class ShippingAddressArgs:
    """Keyword arguments of `update_checkout_shipping_address`."""

    recipient_name: str
    mobile: str
    county_id: int | None
    address_detail: str

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "recipient_name": self.recipient_name,
            "mobile": self.mobile,
            "county_id": self.county_id,
            "address_detail": self.address_detail,
        }


def _text(value: Any) -> str:
    return str(value or "").strip()


def recipient_name(first_name: str, last_name: str) -> str:
    """One name from Saleor's two: family name first without a space for Chinese names."""
    if not last_name:
        return first_name
    if not first_name:
        return last_name
    if _CJK.search(first_name + last_name):
        return f"{last_name}{first_name}"
    return f"{first_name} {last_name}"


def _match(regions: Sequence[Region], text: str, code_length: int) -> Region | None:
    """The region named (exactly, or by a unique prefix such as 浙江 for 浙江省) or coded."""
    if _DIGITS.match(text):
        code = text[:code_length] if len(text) == 6 and code_length < 6 else text
        return next((r for r in regions if r.code == code), None)
    exact = [r for r in regions if r.name == text]
    if exact:
        return exact[0]
    prefixed = [r for r in regions if r.name.startswith(text)]
    return prefixed[0] if len(prefixed) == 1 else None


def _address_error(code: CheckoutErrorCode, field: str, message: Any) -> FieldError:
    return error(code, field, message, address=True)


def find_county(*, country_area: str, city: str, city_area: str) -> Region | list[FieldError]:
    """The county (or district) the address names, or the errors saying which part is wrong."""
    if _DIGITS.match(city_area) and len(city_area) == 6:
        county = Region.objects.filter(code=city_area, level=RegionLevel.COUNTY).first()
        if county is not None:
            return county
        return [
            _address_error(
                CheckoutErrorCode.INVALID, "cityArea", _("There is no county with this code.")
            )
        ]
    if not country_area:
        return [_address_error(CheckoutErrorCode.REQUIRED, "countryArea", _("Enter the province."))]
    province = _match(list(Region.objects.filter(level=RegionLevel.PROVINCE)), country_area, 2)
    if province is None:
        return [
            _address_error(
                CheckoutErrorCode.INVALID, "countryArea", _("There is no province of this name.")
            )
        ]
    children = list(Region.objects.filter(parent=province))
    if all(r.level == RegionLevel.COUNTY for r in children):
        parent = province  # a municipality: its districts hang from the province
    else:
        if not city:
            return [_address_error(CheckoutErrorCode.REQUIRED, "city", _("Enter the city."))]
        found = _match([r for r in children if r.level == RegionLevel.CITY], city, 4)
        if found is None:
            return [
                _address_error(
                    CheckoutErrorCode.INVALID, "city", _("There is no city of this name here.")
                )
            ]
        parent = found
        children = list(Region.objects.filter(parent=parent, level=RegionLevel.COUNTY))
    if not city_area:
        return [
            _address_error(
                CheckoutErrorCode.REQUIRED, "cityArea", _("Enter the county or district.")
            )
        ]
    county = _match([r for r in children if r.level == RegionLevel.COUNTY], city_area, 6)
    if county is None:
        return [
            _address_error(
                CheckoutErrorCode.INVALID,
                "cityArea",
                _("There is no county or district of this name here."),
            )
        ]
    return county


def clean_address_input(address: Any) -> ShippingAddressArgs:
    """The service's arguments for an `AddressInput`; raises MutationErrors listing every wrong
    field (region, and the domain's own checks of name, phone and street). Nothing is written:
    a mutation that also creates the checkout validates before creating it."""
    errors: list[FieldError] = []
    country = getattr(address.country, "value", address.country)
    if country not in (None, "CN"):
        errors.append(
            _address_error(
                CheckoutErrorCode.INVALID, "country", _("We deliver in mainland China only.")
            )
        )
    street = " ".join(
        part for part in (_text(address.street_address_1), _text(address.street_address_2)) if part
    )
    args = ShippingAddressArgs(
        recipient_name=recipient_name(_text(address.first_name), _text(address.last_name)),
        mobile=_text(address.phone),
        county_id=None,
        address_detail=street,
    )
    county = find_county(
        country_area=_text(address.country_area),
        city=_text(address.city),
        city_area=_text(address.city_area),
    )
    if isinstance(county, list):
        errors += county
    else:
        args = ShippingAddressArgs(**{**args.as_kwargs(), "county_id": county.pk})
    # The domain's own checks of name, phone and street, so every mistake shows at once.
    try:
        validate_shipping_address(**args.as_kwargs())
    except DomainCheckoutError as exc:
        found = domain_errors(exc)
        if isinstance(county, list):  # the region is reported above, more precisely
            found = [e for e in found if e.field != "cityArea"]
        errors += found
    if errors:
        raise MutationErrors(errors)
    return args
