"""Buyers' reviews of a shop's products: read them, answer each once, report one to the
operators. Reached by whoever may manage the shop's products (`backend.reviews.permissions`);
anyone else gets the same 404 as for a shop or review that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.producers.models import Producer
from backend.reviews.answers import answer_review
from backend.reviews.errors import ReviewError
from backend.reviews.lookups import get_review_for_shop, reviews_for_shop
from backend.reviews.models import ProducerReviewSummary, ProductReview
from backend.reviews.permissions import ReviewAction, review_policy
from backend.reviews.reports import report_review
from seller_portal.forms_errors import add_domain_error
from seller_portal.review_forms import AnswerForm, ReportForm
from seller_portal.shops import portal_user

PAGE_SIZE = 20


def _shop(request: HttpRequest, producer_id: int, action: ReviewAction) -> Producer:
    try:
        return review_policy.shops_for(portal_user(request), action).get(pk=producer_id)
    except Producer.DoesNotExist:
        raise Http404("no such shop") from None


def _review(request: HttpRequest, shop: Producer, review_id: int) -> ProductReview:
    try:
        return get_review_for_shop(portal_user(request), shop, review_id)
    except ProductReview.DoesNotExist:
        raise Http404("no such review") from None


def _list_url(shop: Producer) -> str:
    return reverse("seller_portal:reviews", args=[shop.pk])


@require_safe
@login_required
def review_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = _shop(request, producer_id, ReviewAction.VIEW_SHOP_REVIEWS)
    page = Paginator(reviews_for_shop(portal_user(request), shop), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    summary = ProducerReviewSummary.objects.filter(producer_id=shop.pk).first()
    context = {"shop": shop, "page": page, "summary": summary}
    return render(request, "seller_portal/reviews/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def review_answer(request: HttpRequest, producer_id: int, review_id: int) -> HttpResponse:
    shop = _shop(request, producer_id, ReviewAction.ANSWER)
    review = _review(request, shop, review_id)
    if review.is_answered:
        messages.info(request, _("This review already has your answer."))
        return HttpResponseRedirect(_list_url(shop))
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            answer_review(review.pk, actor=portal_user(request), text=form.cleaned_data["text"])
        except ReviewError as error:
            add_domain_error(form, error.field if error.field != "id" else None, error.message)
        else:
            messages.success(request, _("Your answer is published under the review."))
            return HttpResponseRedirect(_list_url(shop))
    context = {
        "form": form,
        "heading": form.fields["text"].label,
        "caption": shop.name,
        "back_url": _list_url(shop),
        "submit_label": _("Publish the answer"),
        "review": review,
    }
    return render(request, "seller_portal/reviews/question.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def review_report(request: HttpRequest, producer_id: int, review_id: int) -> HttpResponse:
    shop = _shop(request, producer_id, ReviewAction.REPORT)
    review = _review(request, shop, review_id)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            report_review(
                review.pk,
                actor=portal_user(request),
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ReviewError as error:
            add_domain_error(form, error.field if error.field != "id" else None, error.message)
        else:
            messages.success(
                request, _("Thank you. An operator will look at the review and decide.")
            )
            return HttpResponseRedirect(_list_url(shop))
    context = {
        "form": form,
        "heading": _("Report a review"),
        "intro": _(
            "Reviews are about the product and the delivery. A review about you as a person, "
            "for example about a disability, can be hidden by an operator."
        ),
        "caption": shop.name,
        "back_url": _list_url(shop),
        "submit_label": _("Send the report"),
        "review": review,
    }
    return render(request, "seller_portal/reviews/question.html", context)
