"""The buyer confirms that a parcel arrived (a button on the order page)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from backend.accounts.models import User
from backend.delivery.errors import DeliveryError
from backend.delivery.tracking import confirm_received
from storefront.order_access import OrderAccess, sign_in_redirect, viewable_order


@require_POST
def parcel_received(request: HttpRequest, token: UUID, sub_order_id: int) -> HttpResponse:
    """The signed-in buyer confirms a parcel arrived; anyone else gets the order's 404."""
    order, access = viewable_order(request, token)
    if access == OrderAccess.SIGN_IN:
        return sign_in_redirect(request)
    user = request.user
    if not isinstance(user, User) or order.user_id != user.pk:
        raise Http404("no such order")
    sub_order = next((s for s in order.sub_orders.all() if s.pk == sub_order_id), None)
    if sub_order is None:
        raise Http404("no such parcel")
    try:
        confirm_received(sub_order, actor=user)
    except DeliveryError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, gettext("Thank you. We have noted that the parcel arrived."))
    return HttpResponseRedirect(reverse("storefront:order", args=[order.token]))
