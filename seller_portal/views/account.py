"""Signing up, in and out of the seller portal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backend.accounts.registration import RegistrationError, register_account
from seller_portal.account_forms import SignUpForm
from seller_portal.forms import SignInForm

AUTH_BACKEND = "backend.accounts.backends.EmailOrMobileBackend"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
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


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Make an account (no puzzle, no code to type), sign in, then go on to open the shop."""
    if request.user.is_authenticated:
        return HttpResponseRedirect(reverse("seller_portal:open_shop_step", args=["name"]))
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = register_account(password=form.cleaned_data["password"], **form.account_fields())
        except RegistrationError as error:
            form.add_registration_error(error)
        else:
            login(request, user, backend=AUTH_BACKEND)
            messages.success(request, _("Your account is ready and you are signed in."))
            return HttpResponseRedirect(reverse("seller_portal:open_shop_step", args=["name"]))
    return render(request, "seller_portal/sign_up.html", {"form": form})
