"""Seller portal: thin views over the producers and catalogue read layer."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from backend.catalog.models import Product, ProductVariant
from backend.producers.lookups import producers_for_actor
from seller_portal.forms import SignInForm

LOW_STOCK = 5


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user)
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("seller_portal:home")
        return HttpResponseRedirect(target)
    return render(request, "seller_portal/sign_in.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("seller_portal:sign_in"))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    variants = ProductVariant.objects.annotate(
        on_hand=Sum("stocks__quantity"), allocated=Sum("stocks__quantity_allocated")
    ).order_by("sort_order", "pk")
    products = Product.objects.order_by("-created_at", "pk").prefetch_related(
        Prefetch("variants", queryset=variants)
    )
    shops = (
        producers_for_actor(request.user)  # type: ignore[arg-type]
        .select_related("region")
        .only("pk", "name", "slug", "kind", "region__full_name", "region__name")
        .annotate(product_count=Count("products"))
        .prefetch_related(Prefetch("products", queryset=products))
        .order_by("name", "pk")
    )
    return render(request, "seller_portal/home.html", {"shops": shops, "low_stock": LOW_STOCK})
