"""HTTP endpoints of payments: only Stripe's webhook (thin: verify and hand to the service)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from backend.payments.stripe_webhooks import InvalidWebhook, handle_stripe_webhook


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        handle_stripe_webhook(request.body, request.headers.get("Stripe-Signature"))
    except InvalidWebhook:
        return HttpResponse(status=400)
    return HttpResponse(status=200)
