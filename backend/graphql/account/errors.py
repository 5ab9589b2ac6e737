"""`AccountError`: the error type of the account and authentication mutations."""

from __future__ import annotations

import enum

import graphene

from backend.graphql.core.error_types import AddressTypeEnum, Error


class AccountErrorCode(enum.Enum):
    """The codes of Saleor's `AccountErrorCode` this API reports."""

    GRAPHQL_ERROR = "graphql_error"
    INACTIVE = "inactive"
    INVALID = "invalid"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_PASSWORD = "invalid_password"
    NOT_FOUND = "not_found"
    PASSWORD_ENTIRELY_NUMERIC = "password_entirely_numeric"
    PASSWORD_TOO_COMMON = "password_too_common"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_SIMILAR = "password_too_similar"
    REQUIRED = "required"
    UNIQUE = "unique"
    JWT_SIGNATURE_EXPIRED = "signature_has_expired"
    JWT_INVALID_TOKEN = "invalid_token"
    JWT_DECODE_ERROR = "decode_error"
    JWT_MISSING_TOKEN = "missing_token"
    # Account deletion refused while something is in flight (backend.personal_data): not
    # Saleor's, which has no such rule.
    ORDER_IN_PROGRESS = "order_in_progress"
    SHOP_ORDERS_IN_PROGRESS = "shop_orders_in_progress"
    PAYOUT_OPEN = "payout_open"
    CONTRACT_OPEN = "contract_open"
    LAST_ENTERPRISE_ADMIN = "last_enterprise_admin"
    SUBSIDY_CLAIM_OPEN = "subsidy_claim_open"


AccountErrorCodeEnum = graphene.Enum.from_enum(AccountErrorCode, name="AccountErrorCode")


class AccountError(Error):
    code_enum = AccountErrorCode

    code = graphene.Field(AccountErrorCodeEnum, required=True, description="The error code.")
    address_type = graphene.Field(
        AddressTypeEnum, description="A type of address that causes the error."
    )

    class Meta:
        description = "An error of an account or authentication mutation."
