"""Include from the project's urls: path("payments/", include("backend.payments.urls"))."""

from django.urls import path

from backend.payments.views import stripe_webhook

app_name = "payments"
urlpatterns = [path("webhooks/stripe/", stripe_webhook, name="stripe-webhook")]
