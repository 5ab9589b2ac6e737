"""Delivery pages of the portal.

- A shop's people record a parcel's step after shipping it: a courier collected it, or they
  left it at a pickup point near the shop (SellerAction.FULFIL_ORDERS).
- Pickup point staff see the parcels bound for their point and record "arrived here" and
  "collected by the buyer"; the page is theirs alone (another point's parcels are 404).
Every write goes through `backend.delivery.tracking.record_delivery_update` (audited).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.delivery.errors import DeliveryError
from backend.delivery.lookups import pickup_points_for_staff, pickup_points_near
from backend.delivery.models import DeliveryStatus, PickupPoint
from backend.delivery.permissions import delivery_update_policy
from backend.delivery.tracking import record_delivery_update
from backend.orders.lookups import get_sub_order_for_producer
from backend.orders.models import OrderStatus, SubOrder
from backend.sellers.permissions import SellerAction
from seller_portal.delivery_forms import PointDeliveryStepForm, ShopDeliveryStepForm
from seller_portal.shops import portal_user, shop_for_request

WAITING = (OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED)


@dataclass(frozen=True)
class ParcelRow:
    """A parcel on the staff page: the buyer masked to what a handover check needs."""

    sub_order: SubOrder
    buyer: str
    mobile_end: str
    last_step: str


@require_http_methods(["GET", "POST"])
@login_required
def parcel_step(request: HttpRequest, producer_id: int, sub_order_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.FULFIL_ORDERS)
    try:
        sub_order = get_sub_order_for_producer(sub_order_id, shop)
    except SubOrder.DoesNotExist:
        raise Http404("no such order") from None
    points = list(pickup_points_near(shop.region))
    form = ShopDeliveryStepForm(points, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_delivery_update(
                sub_order,
                actor=portal_user(request),
                status=form.cleaned_data["status"],
                pickup_point=form.chosen_point(),
                note=form.cleaned_data["note"],
            )
        except DeliveryError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            messages.success(request, _("Saved. The buyer sees this step on their order page."))
            url = reverse("seller_portal:order_detail", args=[shop.pk, sub_order.pk])
            return HttpResponseRedirect(url)
    context = {"shop": shop, "sub_order": sub_order, "order": sub_order.order, "form": form}
    return render(request, "seller_portal/delivery/parcel_step.html", context)


@require_safe
@login_required
def pickup_point_list(request: HttpRequest) -> HttpResponse:
    points = list(pickup_points_for_staff(portal_user(request)))
    return render(request, "seller_portal/delivery/point_list.html", {"points": points})


def _point_for_request(request: HttpRequest, point_id: int) -> PickupPoint:
    try:
        return pickup_points_for_staff(portal_user(request)).get(pk=point_id)
    except PickupPoint.DoesNotExist:
        raise Http404("no such pickup point") from None


def _parcels_at(request: HttpRequest, point: PickupPoint) -> QuerySet[SubOrder]:
    return (
        delivery_update_policy.sub_orders_for_staff(portal_user(request))
        .filter(order__pickup_point_id=point.pk, status__in=WAITING, delivered_at__isnull=True)
        .select_related("order", "producer")
        .prefetch_related("delivery_updates")
        .order_by("order__created_at", "pk")
    )


@require_safe
@login_required
def pickup_point_parcels(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_for_request(request, point_id)
    rows = [
        ParcelRow(
            sub_order=parcel,
            buyer=f"{parcel.order.recipient_name[:1]}**",
            mobile_end=parcel.order.mobile[-4:],
            last_step=(
                updates[-1].get_status_display()
                if (updates := list(parcel.delivery_updates.all()))
                else _("Sent")
            ),
        )
        for parcel in _parcels_at(request, point)
    ]
    context = {"point": point, "parcels": rows}
    return render(request, "seller_portal/delivery/point_parcels.html", context)


@require_POST
@login_required
def pickup_point_step(request: HttpRequest, point_id: int, sub_order_id: int) -> HttpResponse:
    point = _point_for_request(request, point_id)
    try:
        sub_order = _parcels_at(request, point).get(pk=sub_order_id)
    except SubOrder.DoesNotExist:
        raise Http404("no such parcel") from None
    form = PointDeliveryStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what happened to the parcel."))
    else:
        try:
            record_delivery_update(
                sub_order, actor=portal_user(request), status=form.cleaned_data["status"]
            )
        except DeliveryError as error:
            messages.error(request, str(error.message))
        else:
            status = DeliveryStatus(form.cleaned_data["status"])
            messages.success(
                request,
                _("Order %(number)s: %(step)s.")
                % {"number": sub_order.order_id, "step": status.label},
            )
    return HttpResponseRedirect(reverse("seller_portal:pickup_point_parcels", args=[point.pk]))
