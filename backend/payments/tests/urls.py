"""The project mounts payments like this (backend/config/urls.py); tests use it until then."""

from django.urls import include, path

urlpatterns = [path("payments/", include("backend.payments.urls"))]
