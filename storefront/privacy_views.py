"""A person's own data (PIPL): download it, delete the account; and the forgotten-password
pages. Views parse, call one service (`backend.personal_data`, `backend.accounts`), render."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from backend.accounts.password_reset import request_password_reset
from backend.personal_data.erasure import delete_account, deletion_blockers
from backend.personal_data.errors import AccountDeletionBlocked
from backend.personal_data.export import export_personal_data
from backend.personal_data.sections.shops import shops_after_deletion
from storefront.cart_session import signed_in_user
from storefront.order_access import sign_in_redirect
from storefront.privacy_forms import ConfirmDeletionForm, NewPasswordForm, PasswordResetRequestForm

_UID, _TOKEN = "UID-PLACEHOLDER", "TOKEN-PLACEHOLDER"


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user is None:
        return sign_in_redirect(request)
    return render(request, "storefront/account/privacy.html", {"account": user})


@require_POST
def privacy_download(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user is None:
        return sign_in_redirect(request)
    exported = export_personal_data(user, actor=user)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user is None:
        return sign_in_redirect(request)
    form = ConfirmDeletionForm(user, data=request.POST if request.method == "POST" else None)
    blockers = deletion_blockers(user)
    if not blockers and form.is_valid():
        try:
            delete_account(user, actor=user)
        except AccountDeletionBlocked as blocked:
            blockers = blocked.blockers
        else:
            logout(request)
            return HttpResponseRedirect(reverse("storefront:account_deleted"))
    context = {"form": form, "blockers": blockers, "shops": shops_after_deletion(user)}
    return render(request, "storefront/account/delete.html", context, status=200)


@require_safe
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "storefront/account/deleted.html")


@require_http_methods(["GET", "HEAD", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        confirm = reverse("storefront:password_reset_confirm", args=[_UID, _TOKEN])
        pattern = request.build_absolute_uri(confirm).replace(_UID, "{uid}")
        request_password_reset(
            form.cleaned_data["login"], link_pattern=pattern.replace(_TOKEN, "{token}")
        )
        return HttpResponseRedirect(reverse("storefront:password_reset_sent"))
    return render(request, "storefront/account/password_reset.html", {"form": form})


@require_safe
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "storefront/account/password_reset_sent.html")


class NewPasswordView(PasswordResetConfirmView):
    """Django's link check (the token moves into the session, out of the address bar)."""

    form_class = NewPasswordForm
    template_name = "storefront/account/password_reset_confirm.html"
    success_url = reverse_lazy("storefront:password_reset_complete")


password_reset_confirm = NewPasswordView.as_view()


@require_safe
def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "storefront/account/password_reset_complete.html")
