"""Batches (溯源): list, record, see one with its QR code, add certificates, print labels, take
a page offline; and which batches a parcel's lines came from.

Batches are product work (`SellerAction.MANAGE_PRODUCTS`: owners and helpers with the products
scope); saying which batch went into a parcel is packing (`SellerAction.FULFIL_ORDERS`). A batch
or order of another shop is "not found", like one that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.orders.lookups import get_sub_order_for_producer
from backend.orders.models import OrderLine, SubOrder
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction
from backend.traceability.allocation import assign_batches, assign_batches_oldest_first
from backend.traceability.batches import record_batch, withdraw_batch
from backend.traceability.certificates import add_batch_certificate
from backend.traceability.conf import labels_per_batch
from backend.traceability.errors import TraceabilityError
from backend.traceability.labels import Label, render_label_sheet
from backend.traceability.lookups import batches_of_seller, get_batch_for_seller
from backend.traceability.models import Batch, BatchAllocation
from backend.traceability.qr import batch_url, qr_svg
from backend.verification.uploads import EvidenceValidationError
from seller_portal.batch_forms import BatchForm, CertificateForm, LineBatchesForm
from seller_portal.forms_errors import add_domain_error
from seller_portal.shops import portal_user, shop_for_request

PAGE_SIZE = 25
MAX_LABELS = 120
RECORD_HEADING = gettext_lazy("Record a batch")
CERTIFICATE_FIELDS = {"no_personal_data": "personal_data", "kind": "kind"}
CERTIFICATE_HEADING = gettext_lazy("Add a certificate or test report")


def _batch(shop: Producer, batch_id: int) -> Batch:
    try:
        return get_batch_for_seller(batch_id, shop)
    except Batch.DoesNotExist:
        raise Http404("no such batch") from None


def _detail_url(shop: Producer, batch: Batch) -> str:
    return reverse("seller_portal:batch_detail", args=[shop.pk, batch.pk])


@require_safe
@login_required
def batch_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    batches = (
        batches_of_seller(shop)
        .select_related("variant__product", "origin")
        .order_by("-made_on", "-pk")
    )
    page = Paginator(batches, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "seller_portal/batches/list.html", {"shop": shop, "page": page})


@require_http_methods(["GET", "POST"])
@login_required
def batch_add(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    form = BatchForm(shop, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = record_batch(shop, form.batch_input(), actor=portal_user(request))
        except TraceabilityError as error:
            add_domain_error(form, error.field, error.message)
        else:
            messages.success(
                request, _("Batch %(code)s recorded. Its page is online.") % {"code": batch.code}
            )
            return HttpResponseRedirect(_detail_url(shop, batch))
    context = {
        "shop": shop,
        "form": form,
        "heading": RECORD_HEADING,
        "caption": shop.name,
        "intro": _("Buyers see this on the batch page that the QR code on your labels opens."),
        "back_url": reverse("seller_portal:batch_list", args=[shop.pk]),
        "submit_label": _("Record the batch"),
    }
    return render(request, "seller_portal/question.html", context)


@require_safe
@login_required
def batch_detail(request: HttpRequest, producer_id: int, batch_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    batch = _batch(shop, batch_id)
    url = batch_url(batch.code, request=request)
    context = {
        "shop": shop,
        "batch": batch,
        "certificates": list(batch.certificates.all()),
        "public_url": url,
        "qr_svg": qr_svg(url, title=_("QR code of the batch page %(code)s") % {"code": batch.code}),
    }
    return render(request, "seller_portal/batches/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def certificate_add(request: HttpRequest, producer_id: int, batch_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    batch = _batch(shop, batch_id)
    posted = request.method == "POST"
    form = CertificateForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            add_batch_certificate(
                batch,
                upload=form.upload(),
                kind=form.cleaned_data["kind"],
                issued_by=form.cleaned_data["issued_by"],
                no_personal_data_confirmed=form.cleaned_data["personal_data"] == "none",
                actor=portal_user(request),
            )
        except EvidenceValidationError as error:
            form.add_error(form.upload_field(), error.messages[0])
        except TraceabilityError as error:
            add_domain_error(form, CERTIFICATE_FIELDS.get(error.field or ""), error.message)
        else:
            messages.success(request, _("Certificate added. Buyers can open it on the batch page."))
            return HttpResponseRedirect(_detail_url(shop, batch))
    context = {
        "shop": shop,
        "form": form,
        "heading": CERTIFICATE_HEADING,
        "caption": _("Batch %(code)s") % {"code": batch.code},
        "intro": _(
            "A certificate of compliance (合格证) or a test report. Cover identity numbers, "
            "mobile numbers and addresses before you take the photo: everyone can open it."
        ),
        "back_url": _detail_url(shop, batch),
        "submit_label": _("Add the certificate"),
    }
    return render(request, "seller_portal/question.html", context)


@require_POST
@login_required
def batch_withdraw(request: HttpRequest, producer_id: int, batch_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    batch = _batch(shop, batch_id)
    withdraw_batch(shop, batch.pk, actor=portal_user(request))
    messages.success(request, _("The batch page and its certificates are offline."))
    return HttpResponseRedirect(_detail_url(shop, batch))


def _label_count(text: str) -> int:
    """Labels wanted (?count=N, 1 to 120); the default fills one A4 sheet."""
    if text.isdigit() and 0 < int(text) <= MAX_LABELS:
        return int(text)
    return labels_per_batch()


@require_safe
@login_required
def batch_labels(request: HttpRequest, producer_id: int, batch_id: int) -> HttpResponse:
    """A4 sheet of labels of one batch (PDF), to print and stick on jars or bags."""
    shop = shop_for_request(request, producer_id, SellerAction.MANAGE_PRODUCTS)
    batch = _batch(shop, batch_id)
    if not batch.is_public:
        raise Http404("the batch page is offline")
    origin = batch.origin
    places = [origin.name] + ([origin.parent.name] if origin.parent else [])
    label = Label(
        url=batch_url(batch.code, request=request),
        code=batch.code,
        product=f"{batch.variant.product.name} {batch.variant.name}".strip(),
        date_line=f"{batch.get_date_kind_display()} {batch.made_on.isoformat()}",
        origin=" ".join(reversed(places)),
    )
    count = _label_count(request.GET.get("count", ""))
    pdf = render_label_sheet([label] * count, title=f"{batch.code} {label.product}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="labels-{batch.code}.pdf"'
    return response


def _sub_order(shop: Producer, sub_order_id: int) -> SubOrder:
    try:
        return get_sub_order_for_producer(sub_order_id, shop)
    except SubOrder.DoesNotExist:
        raise Http404("no such order") from None


def _rows(sub_order: SubOrder) -> list[tuple[OrderLine, list[Batch], dict[int, int]]]:
    lines = list(sub_order.lines.order_by("pk"))
    current: dict[int, dict[int, int]] = {line.pk: {} for line in lines}
    for allocation in BatchAllocation.objects.filter(order_line__in=lines).only(
        "order_line_id", "batch_id", "quantity"
    ):
        current[allocation.order_line_id][allocation.batch_id] = allocation.quantity
    used = {batch_id for per_line in current.values() for batch_id in per_line}
    candidates = list(
        batches_of_seller(sub_order.producer)
        .filter(variant_id__in={line.variant_id for line in lines})
        .order_by("made_on", "pk")
    )
    rows = []
    for line in lines:
        batches = [
            b
            for b in candidates
            if b.variant_id == line.variant_id and (b.quantity_left > 0 or b.pk in used)
        ]
        rows.append((line, batches, current[line.pk]))
    return rows


@require_http_methods(["GET", "POST"])
@login_required
def order_batches(request: HttpRequest, producer_id: int, sub_order_id: int) -> HttpResponse:
    """Which batches this parcel's lines came from: oldest first in one press, or by hand."""
    shop = shop_for_request(request, producer_id, SellerAction.FULFIL_ORDERS)
    sub_order = _sub_order(shop, sub_order_id)
    sub_order.producer = shop
    here = reverse("seller_portal:order_batches", args=[shop.pk, sub_order.pk])
    rows = _rows(sub_order)
    posted = request.method == "POST"
    oldest = posted and "oldest_first" in request.POST
    form = LineBatchesForm(rows, request.POST if posted and not oldest else None)
    if oldest:
        try:
            result = assign_batches_oldest_first(sub_order, actor=portal_user(request))
        except TraceabilityError as error:
            form.add_error(None, error.message)
        else:
            if result.unassigned:
                messages.warning(
                    request,
                    _("Some units are not covered by any batch: record a batch, then try again."),
                )
            else:
                messages.success(request, _("Every line now names its batches."))
            return HttpResponseRedirect(here)
    elif posted and form.is_valid():
        try:
            assign_batches(sub_order, form.plan(), actor=portal_user(request))
        except TraceabilityError as error:
            add_domain_error(form, None, error.message)
        else:
            messages.success(request, _("Batches saved."))
            return HttpResponseRedirect(here)
    context = {
        "shop": shop,
        "sub_order": sub_order,
        "form": form,
        "lines": [(line, form.fields_of(line.pk), current) for line, _b, current in rows],
    }
    return render(request, "seller_portal/batches/order.html", context)
