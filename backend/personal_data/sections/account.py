"""The account itself, and the sign-in records django-axes keeps under the person's login."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.personal_data.registry import ERASED_NAME, Erasure, PersonalDataSection
from backend.sellers.models import OperatorScope

SIGN_IN_RECORDS_SHOWN = 500  # newest first; older ones are erased all the same


def erased_email(user: User) -> str:
    """An address that can never receive mail (`.invalid` is reserved), unique per account; an
    account needs an e-mail or a mobile number (a database CHECK)."""
    return f"deleted-{user.pk}@erased.invalid"


class AccountSection(PersonalDataSection):
    key = "account"

    def export(self, user: User) -> dict[str, Any]:
        return {
            "id": user.pk,
            "name": user.name,
            "email": user.email,
            "mobile": user.mobile,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        }

    def erase(self, user: User, erasure: Erasure) -> None:
        """The row stays (orders, audit rows and ledger entries point at it), holding nothing
        about the person; it can never sign in again (inactive, unusable password)."""
        user.name = ERASED_NAME
        user.email = erased_email(user)
        user.mobile = None
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.set_unusable_password()
        user.save(
            update_fields=[
                "name",
                "email",
                "mobile",
                "is_active",
                "is_staff",
                "is_superuser",
                "last_login",
                "password",
            ]
        )
        user.groups.clear()
        user.user_permissions.clear()
        erasure.count("operator_regions", OperatorScope.objects.filter(user=user).delete()[0])


def _logins(user: User) -> list[str]:
    return [value.strip().lower() for value in (user.email, user.mobile) if value]


def _records(model: type[AccessLog | AccessAttempt | AccessFailureLog], user: User) -> QuerySet:  # type: ignore[type-arg]
    return model.objects.filter(username__in=_logins(user))


class SignInRecordsSection(PersonalDataSection):
    """Sign-ins and failed attempts (time, address, browser), kept by django-axes."""

    key = "sign_in_records"

    def export(self, user: User) -> list[dict[str, Any]]:
        fields = ("attempt_time", "logout_time", "ip_address", "user_agent", "path_info")
        rows = _records(AccessLog, user).order_by("-attempt_time").values(*fields)
        failures = (
            _records(AccessFailureLog, user)
            .order_by("-attempt_time")
            .values("attempt_time", "ip_address", "user_agent", "path_info", "locked_out")
        )
        signed_in = [{"kind": "sign_in", **row} for row in rows[:SIGN_IN_RECORDS_SHOWN]]
        failed = [{"kind": "failed", **row} for row in failures[:SIGN_IN_RECORDS_SHOWN]]
        return signed_in + failed

    def erase(self, user: User, erasure: Erasure) -> None:
        for model in (AccessLog, AccessAttempt, AccessFailureLog):
            erasure.count("sign_in_records", _records(model, user).delete()[0])
