"""A Chinese delivery address: recipient, mobile number, county (province and city derived from
it) and street detail. Validation reports every wrong field at once."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext_lazy as _

from backend.checkout.errors import CheckoutError, CheckoutErrorCode, CheckoutFieldError
from backend.regions.models import Region, RegionLevel

MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


@dataclass(frozen=True)
class ShippingAddress:
    recipient_name: str
    mobile: str  # E.164, e.g. +8613912345678
    province: Region
    city: Region | None  # None for the districts of a municipality (直辖市)
    county: Region
    address_detail: str


def normalise_cn_mobile(value: str) -> str | None:
    """The number in E.164 when it is a valid mainland China mobile number, else None."""
    try:
        number = phonenumbers.parse(value.strip(), "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _province_and_city(county: Region) -> tuple[Region, Region | None]:
    parent = county.parent
    if parent is None:  # not reachable for a county (CHECK constraint); keeps mypy honest
        raise Region.DoesNotExist
    if parent.level == RegionLevel.PROVINCE:
        return parent, None
    if parent.parent is None:
        raise Region.DoesNotExist
    return parent.parent, parent


def validate_shipping_address(
    *, recipient_name: str, mobile: str, county_id: int | None, address_detail: str
) -> ShippingAddress:
    errors: list[CheckoutFieldError] = []
    name = recipient_name.strip()
    detail = address_detail.strip()
    if not name:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.REQUIRED, "recipient_name", _("Enter the recipient's name.")
            )
        )
    elif len(name) > 100:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.INVALID,
                "recipient_name",
                _("The name can be at most 100 characters."),
            )
        )
    normalised = normalise_cn_mobile(mobile) if mobile.strip() else None
    if not mobile.strip():
        errors.append(
            CheckoutFieldError(CheckoutErrorCode.REQUIRED, "mobile", _("Enter a mobile number."))
        )
    elif normalised is None:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.INVALID_MOBILE,
                "mobile",
                _("Enter a mainland China mobile number, like 139 1234 5678."),
            )
        )
    county = (
        Region.objects.select_related("parent__parent")
        .filter(pk=county_id, level=RegionLevel.COUNTY)
        .first()
        if county_id
        else None
    )
    if county is None:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.INVALID_REGION,
                "county_id",
                _("Choose the county or district of the address."),
            )
        )
    if not detail:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.REQUIRED,
                "address_detail",
                _("Enter the street, building and room."),
            )
        )
    elif len(detail) > 255:
        errors.append(
            CheckoutFieldError(
                CheckoutErrorCode.INVALID,
                "address_detail",
                _("The address can be at most 255 characters."),
            )
        )
    if errors or county is None or normalised is None:
        raise CheckoutError(errors)
    province, city = _province_and_city(county)
    return ShippingAddress(
        recipient_name=name,
        mobile=normalised,
        province=province,
        city=city,
        county=county,
        address_detail=detail,
    )
