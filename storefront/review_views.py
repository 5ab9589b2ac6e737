"""A buyer writes a review of a delivered order line; everyone reads a product's reviews."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.catalog.lookups import products_visible_in_channel
from backend.catalog.models import Product
from backend.orders.models import OrderLine
from backend.reviews.creation import create_review
from backend.reviews.eligibility import eligibility_policy
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import ProductReview
from storefront import cart_session, review_queries
from storefront.order_access import sign_in_redirect
from storefront.paging import pagination_for
from storefront.queries import storefront_channel
from storefront.review_forms import ReviewForm

# Refusals about the purchase itself: the page explains them instead of showing the form.
_REFUSALS = {ReviewErrorCode.NOT_DELIVERED, ReviewErrorCode.ALREADY_REVIEWED}


def _refusal(line: OrderLine, buyer_lines_delivered: bool) -> str | None:
    if ProductReview.objects.filter(order_line_id=line.pk).exists():
        return _("You have already reviewed this purchase. Thank you.")
    if not buyer_lines_delivered:
        return _("You can review this once it has been delivered to you.")
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def write_review(request: HttpRequest, token: UUID, line_id: int) -> HttpResponse:
    buyer = cart_session.signed_in_user(request)
    if buyer is None:
        return sign_in_redirect(request)
    try:
        line = review_queries.line_for_review(buyer, token, line_id)
    except OrderLine.DoesNotExist:
        raise Http404("no such purchase") from None
    order_url = reverse("storefront:order", args=[token])
    delivered = eligibility_policy.delivered_lines_for(buyer).filter(pk=line.pk).exists()
    refusal = _refusal(line, delivered)
    posted = request.method == "POST" and refusal is None
    form = ReviewForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            create_review(
                line.pk,
                actor=buyer,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                photos=form.photos(),
            )
        except ReviewError as error:
            if error.code in _REFUSALS:
                refusal = error.message
            else:
                form.add_error(_form_field(form, error), error.message)
        else:
            messages.success(request, _("Thank you. Your review is published."))
            return HttpResponseRedirect(order_url)
    context = {"form": form, "line": line, "order_url": order_url, "refusal": refusal}
    status = 200 if not form.errors else 400
    return render(request, "storefront/reviews/write.html", context, status=status)


def _form_field(form: ReviewForm, error: ReviewError) -> str | None:
    field = error.field or ""
    if field.startswith("photos."):
        return form.photo_field_name(int(field.split(".", 1)[1]))
    return field if field in form.fields else None


@require_safe
def product_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    channel = storefront_channel()
    visible = (
        products_visible_in_channel(channel, in_listings=False)
        if channel is not None
        else Product.objects.none()
    )
    product = visible.filter(slug=slug).only("id", "name", "slug").first()
    if product is None:
        raise Http404("no such product")
    page = review_queries.product_review_page(slug, request.GET.get("page"))
    context = {
        "product": product,
        "rating": review_queries.product_rating(slug),
        "review_page": page,
        "pagination": pagination_for(page.page, request.GET),
    }
    return render(request, "storefront/reviews/product_reviews_page.html", context)
