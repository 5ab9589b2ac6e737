"""What each domain holds about a person, declared in one place (PIPL: download and deletion).

Every domain that stores personal data has a *section* (`PersonalDataSection`): what it puts
in a person's download (`export`), what stops the person's account from being deleted now
(`blockers`, each with what to do about it), and how it anonymises or removes the person's data
when the account is deleted (`erase`, inside the deletion's one transaction).

`PersonalDataPolicy.sections()` lists them explicitly, in the order the download shows them;
erasure runs them in reverse, so the account itself (first) is anonymised last. Oscar-style:
subclass it and name the subclass in PERSONAL_DATA_POLICY to add a section or change one.
Each section's `export` costs a fixed number of queries whatever the number of rows
(prefetching), so a download is bounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from backend.accounts.models import User
from backend.producers.models import Producer

# What a person's name becomes where a record must stay (orders, shops): stored data, not UI.
ERASED_NAME = "已注销用户"


class ErasureBlockerCode(StrEnum):
    """Stable codes of what holds a deletion back (the API reports them as error codes)."""

    ORDER_IN_PROGRESS = "order_in_progress"
    SHOP_ORDERS_IN_PROGRESS = "shop_orders_in_progress"
    PAYOUT_OPEN = "payout_open"
    CONTRACT_OPEN = "contract_open"
    LAST_ENTERPRISE_ADMIN = "last_enterprise_admin"
    SUBSIDY_CLAIM_OPEN = "subsidy_claim_open"


@dataclass(frozen=True)
class ErasureBlocker:
    """Something in flight that must finish before the account can go, and what to do."""

    code: ErasureBlockerCode
    message: str | Promise  # for the person: what is in flight and what to do about it
    count: int = 0


@dataclass
class Erasure:
    """The deletion under way: the person, its time, files to remove after commit, counts."""

    user: User
    now: datetime
    files: list[tuple[Storage, str]] = field(default_factory=list)
    images: list[tuple[Storage, str]] = field(default_factory=list)  # with their renditions
    counts: dict[str, int] = field(default_factory=dict)
    closed_shops: list[Producer] = field(default_factory=list)  # re-indexed after commit

    def count(self, key: str, number: int) -> None:
        if number:
            self.counts[key] = self.counts.get(key, 0) + number

    def remove_file_after_commit(self, file: FieldFile | None) -> None:
        if file and file.name:
            self.files.append((file.storage, file.name))

    def remove_image_after_commit(self, file: FieldFile | None) -> None:
        """A public picture: the stored original and every rendition made from it."""
        if file and file.name:
            self.images.append((file.storage, file.name))


class PersonalDataSection:
    """One domain's personal data. Subclasses set `key` and override what they hold."""

    key: str = ""

    def export(self, user: User) -> Any:
        """JSON-ready data about the person (a fixed number of queries)."""
        raise NotImplementedError

    def blockers(self, user: User) -> list[ErasureBlocker]:
        return []

    def erase(self, user: User, erasure: Erasure) -> None:
        """Inside the deletion's transaction: anonymise or remove this domain's data."""


class PersonalDataPolicy:
    def sections(self) -> Sequence[PersonalDataSection]:
        from backend.personal_data.sections.account import AccountSection, SignInRecordsSection
        from backend.personal_data.sections.activity import AuditTrailSection
        from backend.personal_data.sections.consents import ConsentsSection
        from backend.personal_data.sections.orders import AddressesSection, OrdersSection
        from backend.personal_data.sections.programme import ProgrammeSection
        from backend.personal_data.sections.reviews import ReviewsSection
        from backend.personal_data.sections.roles import (
            EnterpriseMembershipsSection,
            HelperGrantsSection,
            PickupPointRolesSection,
        )
        from backend.personal_data.sections.shops import ShopsSection

        return (
            AccountSection(),
            AddressesSection(),
            OrdersSection(),
            ReviewsSection(),
            ShopsSection(),
            HelperGrantsSection(),
            EnterpriseMembershipsSection(),
            PickupPointRolesSection(),
            ProgrammeSection(),
            ConsentsSection(),
            AuditTrailSection(),
            SignInRecordsSection(),
        )


@cache
def get_personal_data_policy() -> PersonalDataPolicy:
    path = getattr(
        settings, "PERSONAL_DATA_POLICY", "backend.personal_data.registry.PersonalDataPolicy"
    )
    policy: PersonalDataPolicy = import_string(path)()
    return policy
