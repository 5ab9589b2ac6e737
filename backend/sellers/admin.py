"""Admin for sellers' helpers and members (read-only, by region) and operator regions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from backend.regions.admin import province_list_filter
from backend.sellers.admin_access import OperatorReadOnlyAdmin
from backend.sellers.errors import SellerError
from backend.sellers.models import HelperGrant, OperatorScope, SellerMembership
from backend.sellers.operators import grant_operator_scope, remove_operator_scope
from backend.sellers.permissions import SellerAction, SellerOwnedPolicy

_grants = SellerOwnedPolicy(HelperGrant)
_memberships = SellerOwnedPolicy(SellerMembership)


@admin.register(HelperGrant)
class HelperGrantAdmin(OperatorReadOnlyAdmin):
    list_display = ("helper", "seller", "kind", "scope", "granted_at", "revoked_at")
    list_filter = ("kind", "scope", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("seller__name", "helper__name", "helper__email", "helper__mobile")
    list_select_related = ("helper", "seller")
    created_elsewhere_message = _("Sellers add their own helpers in the seller portal.")

    def get_queryset(self, request: HttpRequest) -> QuerySet[HelperGrant]:
        return _grants.instances_for(request.user, SellerAction.INSPECT_SHOP).select_related(  # type: ignore[arg-type]
            "helper", "seller", "granted_by", "revoked_by"
        )


@admin.register(SellerMembership)
class SellerMembershipAdmin(OperatorReadOnlyAdmin):
    list_display = ("user", "seller", "role", "added_at")
    list_filter = ("role",)
    search_fields = ("seller__name", "user__name", "user__email", "user__mobile")
    list_select_related = ("user", "seller")
    created_elsewhere_message = _(
        "Shop owners are added by the seller or by the region's operator."
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[SellerMembership]:
        return _memberships.instances_for(request.user, SellerAction.INSPECT_SHOP).select_related(  # type: ignore[arg-type]
            "user", "seller"
        )


class OperatorScopeForm(forms.ModelForm):
    class Meta:
        model = OperatorScope
        fields = ("user", "region")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user = cleaned.get("user")
        if user is not None and not user.is_staff:
            self.add_error(
                "user",
                forms.ValidationError(
                    _("Only staff accounts can be operators. Tick “staff status” first."),
                    code="not_staff",
                ),
            )
        return cleaned


@admin.register(OperatorScope)
class OperatorScopeAdmin(admin.ModelAdmin):
    """Platform staff (superusers) give operators their regions; each change is audited."""

    form = OperatorScopeForm
    list_display = ("user", "region", "granted_by", "granted_at")
    list_filter = (province_list_filter("region"), "region__level")
    search_fields = ("user__name", "user__email", "user__mobile", "region__name")
    list_select_related = ("user", "region", "granted_by")
    autocomplete_fields = ("user", "region")
    actions = ("remove_selected",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The service owns its (durable) transaction; the admin's own atomic block would nest it.
        return self._changeform_view(request, object_id, form_url, extra_context)  # type: ignore[attr-defined,no-any-return]

    def save_model(self, request: HttpRequest, obj: OperatorScope, form: Any, change: bool) -> None:
        created = grant_operator_scope(obj.user, region=obj.region, actor=request.user)  # type: ignore[arg-type]
        obj.pk = created.pk
        obj.granted_by = created.granted_by
        obj.granted_at = created.granted_at

    @admin.action(description=_("Remove the selected operator regions"))
    def remove_selected(self, request: HttpRequest, queryset: QuerySet[OperatorScope]) -> None:
        removed = 0
        for scope_id in queryset.values_list("pk", flat=True):
            try:
                remove_operator_scope(scope_id, actor=request.user)  # type: ignore[arg-type]
            except SellerError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                removed += 1
        self.message_user(
            request,
            ngettext("Removed %(count)d region.", "Removed %(count)d regions.", removed)
            % {"count": removed},
            messages.SUCCESS,
        )
