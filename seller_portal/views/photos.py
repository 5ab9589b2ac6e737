"""A product's photos: add (camera or device), describe, move, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from backend.catalog.media import (
    ProductMediaError,
    add_product_media,
    delete_product_media,
    reorder_product_media,
    update_product_media_alt,
)
from backend.catalog.models import Product, ProductMedia
from seller_portal.forms_errors import add_domain_error
from seller_portal.product_forms import AltTextForm, PhotoForm
from seller_portal.shops import portal_user, product_for_request

ADD_PHOTO_HEADING = gettext_lazy("Add a photo")


def _detail_url(product: Product) -> str:
    return reverse("seller_portal:product_detail", args=[product.producer_id, product.pk])


@require_http_methods(["GET", "POST"])
@login_required
def photo_add(request: HttpRequest, producer_id: int, product_id: int) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    form = PhotoForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            add_product_media(
                product,
                upload=form.upload(),
                alt=form.cleaned_data["alt"],
                actor=portal_user(request),
            )
        except ProductMediaError as error:
            add_domain_error(
                form, "camera" if error.field == "image" else error.field, error.message
            )
        else:
            messages.success(request, _("Photo added."))
            return HttpResponseRedirect(_detail_url(product))
    context = {
        "form": form,
        "heading": ADD_PHOTO_HEADING,
        "caption": product.name,
        "back_url": _detail_url(product),
        "submit_label": _("Add the photo"),
    }
    return render(request, "seller_portal/question.html", context)


def _photo(product: Product, media_id: int) -> ProductMedia:
    try:
        return ProductMedia.objects.get(product_id=product.pk, pk=media_id)
    except ProductMedia.DoesNotExist:
        raise Http404("no such photo") from None


@require_http_methods(["GET", "POST"])
@login_required
def photo_describe(
    request: HttpRequest, producer_id: int, product_id: int, media_id: int
) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    media = _photo(product, media_id)
    form = AltTextForm(
        request.POST if request.method == "POST" else None, initial={"alt": media.alt}
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_product_media_alt(
                product, media.pk, alt=form.cleaned_data["alt"], actor=portal_user(request)
            )
        except ProductMediaError as error:
            add_domain_error(form, error.field, error.message)
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(_detail_url(product))
    context = {
        "form": form,
        "heading": form.fields["alt"].label,
        "caption": product.name,
        "back_url": _detail_url(product),
        "submit_label": _("Save"),
        "photo": media,
    }
    return render(request, "seller_portal/question.html", context)


@require_POST
@login_required
def photo_move(
    request: HttpRequest, producer_id: int, product_id: int, media_id: int
) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    media = _photo(product, media_id)
    order = list(
        ProductMedia.objects.filter(product_id=product.pk)
        .order_by("sort_order", "pk")
        .values_list("pk", flat=True)
    )
    index = order.index(media.pk)
    target = index - 1 if request.POST.get("direction") == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
        reorder_product_media(product, order, actor=portal_user(request))
        messages.success(request, _("Photo moved."))
    return HttpResponseRedirect(_detail_url(product) + "#photos")


@require_POST
@login_required
def photo_delete(
    request: HttpRequest, producer_id: int, product_id: int, media_id: int
) -> HttpResponse:
    product = product_for_request(request, producer_id, product_id)
    media = _photo(product, media_id)
    delete_product_media(product, media.pk, actor=portal_user(request))
    messages.success(request, _("Photo deleted."))
    return HttpResponseRedirect(_detail_url(product) + "#photos")
