"""Orders to fulfil: a shop's sub-orders, shipping one with carrier and tracking number, and a
printable packing slip."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.orders.errors import OrderError
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.lookups import get_sub_order_for_producer, sub_orders_for_producer
from backend.orders.models import OrderStatus, SubOrder
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction, seller_policy
from seller_portal.forms import ShipForm
from seller_portal.shops import portal_user, shop_for_request
from seller_portal.views.refunds import refundable_amount

PAGE_SIZE = 20
SHIPPABLE = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)
TABS: dict[str, tuple[OrderStatus, ...] | None] = {
    "to-ship": SHIPPABLE,
    "shipped": (OrderStatus.FULFILLED, OrderStatus.COMPLETED),
    "all": None,
}


def _sub_order(producer: Producer, sub_order_id: int) -> SubOrder:
    try:
        return get_sub_order_for_producer(sub_order_id, producer)
    except SubOrder.DoesNotExist:
        raise Http404("no such order") from None


@require_safe
@login_required
def order_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.VIEW_ORDERS)
    tab = request.GET.get("show", "to-ship")
    statuses = TABS.get(tab, TABS["to-ship"])
    sub_orders = sub_orders_for_producer(shop)
    if statuses is not None:
        sub_orders = sub_orders.filter(status__in=statuses)
    page = Paginator(sub_orders, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"shop": shop, "page": page, "tab": tab if tab in TABS else "to-ship"}
    return render(request, "seller_portal/orders/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def order_detail(request: HttpRequest, producer_id: int, sub_order_id: int) -> HttpResponse:
    action = SellerAction.FULFIL_ORDERS if request.method == "POST" else SellerAction.VIEW_ORDERS
    shop = shop_for_request(request, producer_id, action)
    sub_order = _sub_order(shop, sub_order_id)
    form = ShipForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and sub_order.status not in SHIPPABLE:
        form.add_error(None, _("This order cannot be shipped now: it is not waiting to ship."))
    elif request.method == "POST" and form.is_valid():
        try:
            fulfil_sub_order(
                sub_order,
                actor=portal_user(request),
                carrier=form.carrier_label(),
                tracking_number=form.cleaned_data["tracking_number"],
            )
        except OrderError:
            form.add_error(
                None, _("This order cannot be shipped now. Refresh the page to see why.")
            )
        else:
            messages.success(
                request, _("Marked as shipped. The buyer can now see the tracking number.")
            )
            url = reverse("seller_portal:order_detail", args=[shop.pk, sub_order.pk])
            return HttpResponseRedirect(url)
    context = {
        "shop": shop,
        "sub_order": sub_order,
        "order": sub_order.order,
        "fulfillments": sub_order.fulfillments.all(),
        "can_ship": sub_order.status in SHIPPABLE,
        "can_refund": refundable_amount(sub_order) > 0
        and seller_policy.user_has_permission_for_instance(
            portal_user(request), SellerAction.REFUND_ORDERS, shop
        ),
        "form": form,
    }
    return render(request, "seller_portal/orders/detail.html", context)


@require_safe
@login_required
def packing_slip(request: HttpRequest, producer_id: int, sub_order_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.VIEW_ORDERS)
    sub_order = _sub_order(shop, sub_order_id)
    context = {"shop": shop, "sub_order": sub_order, "order": sub_order.order}
    return render(request, "seller_portal/orders/packing_slip.html", context)
