"""The enterprise's quality check of a shipped delivery, shared by the contract delivery page and
the quote order page: the form's POST goes to `backend.procurement.deliveries.accept_delivery`,
which checks the role and the state again."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _t

from backend.accounts.models import User
from backend.procurement.deliveries import accept_delivery
from backend.procurement.errors import ProcurementError
from backend.procurement.models import ProcurementOrder
from enterprise_portal.contract_forms import AcceptanceForm


def record_quality_check(
    request: HttpRequest,
    delivery: ProcurementOrder,
    form: AcceptanceForm,
    *,
    actor: User,
    can_check: bool,
) -> bool:
    """Record the check posted in `form`; True when recorded (the caller redirects), False with
    the reason on the form otherwise (what the user typed is kept)."""
    if not can_check:
        form.add_error(None, _t("This delivery cannot be checked by you now."))
        return False
    if not form.is_valid():
        return False
    try:
        accept_delivery(
            delivery,
            actor=actor,
            accepted=form.accepted(),
            reasons=form.reasons(),
            notes=form.cleaned_data["notes"],
        )
    except ProcurementError as error:
        form.add_error(None, str(error.message))
        return False
    messages.success(request, _t("Quality check recorded."))
    return True
