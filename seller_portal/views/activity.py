"""What was done in the shop, newest first: "by helper X for seller Y" (VIEW_ACTIVITY)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from backend.sellers.permissions import SellerAction
from seller_portal.activity_queries import activity_page
from seller_portal.shops import shop_for_request

FILTERS = ("all", "helpers")


@require_safe
@login_required
def activity(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.VIEW_ACTIVITY)
    who = request.GET.get("who", "all")
    who = who if who in FILTERS else "all"
    page = activity_page(shop, request.GET.get("page"), helpers_only=who == "helpers")
    return render(request, "seller_portal/activity.html", {"shop": shop, "page": page, "who": who})
