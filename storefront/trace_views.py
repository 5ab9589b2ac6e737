"""Public batch pages (reached from the QR code on a label or packing slip), a product's batches
and certificate files; producer stories. Each view calls one fetch or lookup and renders."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from backend.stories.figures import story_figures
from backend.stories.lookups import (
    get_public_story,
    published_stories,
    published_stories_of_producer,
)
from backend.stories.models import Story
from backend.traceability.fetch import fetch_batch_page
from backend.traceability.lookups import public_batches
from backend.traceability.models import Batch, BatchCertificate
from backend.traceability.qr import batch_url, qr_svg
from storefront import queries

PRODUCT_BATCHES_SHOWN = 50


@require_safe
def batch(request: HttpRequest, code: str) -> HttpResponse:
    try:
        page = fetch_batch_page(code)
    except Batch.DoesNotExist:
        raise Http404("no such batch") from None
    url = batch_url(page.batch.code, request=request)
    context = {
        "page": page,
        "batch": page.batch,
        "stories": published_stories_of_producer(page.batch.seller_id),
        "qr_svg": qr_svg(url, title=gettext("QR code of this page")),
        "batch_url": url,
    }
    return render(request, "storefront/trace/batch.html", context)


@require_safe
def batch_certificate(request: HttpRequest, code: str, public_id: str) -> FileResponse:
    """A certificate of a public batch, shown inline; 404 once the batch is offline."""
    certificate = (
        BatchCertificate.objects.filter(
            public_id=public_id, batch__in=public_batches().filter(code=code)
        )
        .only("file", "extension", "content_type", "batch_id", "pk")
        .first()
    )
    if certificate is None:
        raise Http404("no such certificate")
    try:
        handle = certificate.file.storage.open(certificate.file.name, "rb")
    except OSError:
        raise Http404("no such certificate") from None
    response = FileResponse(
        handle,
        content_type=certificate.content_type,
        as_attachment=False,
        filename=f"certificate-{code}-{certificate.pk}.{certificate.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


@require_safe
def product_batches(request: HttpRequest, slug: str) -> HttpResponse:
    """The public batches of a visible product, newest first."""
    product = (
        queries.visible_products(queries.storefront_channel(), in_listings=False)
        .filter(slug=slug)
        .only("pk", "name", "slug")
        .first()
    )
    if product is None:
        raise Http404("no such product")
    batches = list(
        public_batches()
        .filter(variant__product_id=product.pk)
        .select_related("variant", "origin__parent__parent")
        .only(
            "code",
            "date_kind",
            "made_on",
            "grade",
            "variant__name",
            "origin__name",
            "origin__parent__name",
            "origin__parent__parent__name",
        )
        .order_by("-made_on", "-pk")[:PRODUCT_BATCHES_SHOWN]
    )
    context = {"product": product, "batches": batches}
    return render(request, "storefront/trace/product_batches.html", context)


@require_safe
def story_list(request: HttpRequest) -> HttpResponse:
    return render(request, "storefront/stories/list.html", {"stories": published_stories()})


@require_safe
def story(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        found = get_public_story(slug)
    except Story.DoesNotExist:
        raise Http404("no such story") from None
    context = {
        "story": found,
        "photos": list(found.photos.all()),
        "figures": story_figures(found.producer_id),
    }
    return render(request, "storefront/stories/detail.html", context)
