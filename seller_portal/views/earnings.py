"""Earnings from the payouts ledger, month by month, explained in plain words."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from backend.payments.earnings import earnings_for_producer
from backend.payments.ledger import platform_fee_rate
from backend.sellers.permissions import SellerAction
from seller_portal.shops import shop_for_request


@require_safe
@login_required
def earnings(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.VIEW_EARNINGS)
    context = {
        "shop": shop,
        "summary": earnings_for_producer(shop),
        "fee_percent": platform_fee_rate() * 100,
    }
    return render(request, "seller_portal/earnings.html", context)
