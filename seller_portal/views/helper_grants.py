"""The shop's helpers (owners only, `SellerAction.MANAGE_HELPERS`): who helps, with what.

A helper is found by the mobile number or e-mail of an existing account; when no account has
it, the page says so plainly. Grants, scope changes and revocations go through
`backend.sellers.helper_grants`, which writes the audit rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from backend.accounts.lookups import get_user_by_login
from backend.accounts.models import User
from backend.producers.models import Producer
from backend.sellers.errors import SellerError
from backend.sellers.helper_grants import change_helper_scope, grant_helper, revoke_helper
from backend.sellers.lookups import get_helper_grant_for_seller, helpers_for_seller
from backend.sellers.models import HelperGrant
from backend.sellers.permissions import SellerAction
from seller_portal.forms_errors import add_domain_error
from seller_portal.helper_forms import HelperAddForm, HelperRevokeForm, HelperScopeForm
from seller_portal.shops import portal_user, shop_for_request

MANAGE = SellerAction.MANAGE_HELPERS


def _list_url(shop: Producer) -> str:
    return reverse("seller_portal:helpers", args=[shop.pk])


def _grant(shop: Producer, grant_id: int) -> HelperGrant:
    try:
        return get_helper_grant_for_seller(grant_id, shop)
    except HelperGrant.DoesNotExist:
        raise Http404("no such helper") from None


@require_safe
@login_required
def helper_list(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, MANAGE)
    grants = list(helpers_for_seller(shop))
    context = {
        "shop": shop,
        "active": [g for g in grants if g.revoked_at is None],
        "revoked": [g for g in grants if g.revoked_at is not None],
    }
    return render(request, "seller_portal/helpers/list.html", context)


def _no_account_message() -> str:
    return _(
        "No account uses this mobile number or email address. Check it, or ask the helper to "
        "create an account on the sign-up page first, then add them here."
    )


@require_http_methods(["GET", "POST"])
@login_required
def helper_add(request: HttpRequest, producer_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, MANAGE)
    form = HelperAddForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        helper: User | None
        try:
            helper = get_user_by_login(data["login"])
        except User.DoesNotExist:
            helper = None
            form.add_error("login", _no_account_message())
        if helper is not None:
            try:
                grant_helper(
                    shop,
                    helper,
                    kind=data["kind"],
                    scope=data["scope"],
                    note=data["note"],
                    actor=portal_user(request),
                )
            except SellerError as error:
                add_domain_error(form, "login" if error.field == "helper" else None, str(error))
            else:
                messages.success(
                    request, _("%(name)s can now help your shop.") % {"name": str(helper)}
                )
                return HttpResponseRedirect(_list_url(shop))
    context = {
        "form": form,
        "heading": _("Add a helper"),
        "caption": shop.name,
        "back_url": _list_url(shop),
        "submit_label": _("Add the helper"),
        "sign_up_url": reverse("seller_portal:sign_up"),
    }
    return render(request, "seller_portal/helpers/add.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def helper_scope(request: HttpRequest, producer_id: int, grant_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, MANAGE)
    grant = _grant(shop, grant_id)
    if grant.revoked_at is not None:
        raise Http404("access already taken away")
    form = HelperScopeForm(
        request.POST if request.method == "POST" else None, initial={"scope": grant.scope}
    )
    if request.method == "POST" and form.is_valid():
        try:
            change_helper_scope(
                grant.pk, seller=shop, scope=form.cleaned_data["scope"], actor=portal_user(request)
            )
        except SellerError as error:
            add_domain_error(form, None, str(error))
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(_list_url(shop))
    context = {
        "form": form,
        "heading": form.fields["scope"].label,
        "caption": str(grant.helper),
        "back_url": _list_url(shop),
        "submit_label": _("Save"),
    }
    return render(request, "seller_portal/question.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def helper_revoke(request: HttpRequest, producer_id: int, grant_id: int) -> HttpResponse:
    shop = shop_for_request(request, producer_id, MANAGE)
    grant = _grant(shop, grant_id)
    if grant.revoked_at is not None:
        raise Http404("access already taken away")
    form = HelperRevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_helper(
                grant.pk,
                seller=shop,
                reason=form.cleaned_data["reason"],
                actor=portal_user(request),
            )
        except SellerError as error:
            add_domain_error(form, None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s can no longer act for your shop.") % {"name": str(grant.helper)},
            )
            return HttpResponseRedirect(_list_url(shop))
    context = {
        "form": form,
        "heading": _("Take away %(name)s's access?") % {"name": str(grant.helper)},
        "caption": shop.name,
        "back_url": _list_url(shop),
        "submit_label": _("Yes, take their access away"),
        "submit_class": "button--warning",
        "intro": _(
            "They can no longer see or change anything in your shop. What they did stays in "
            "your activity list."
        ),
    }
    return render(request, "seller_portal/question.html", context)
