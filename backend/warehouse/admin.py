"""Admin for warehouses and stock, read-only lists of allocations and reservations, and the
building blocks of every admin page over state that only services write.

Allocated and reserved quantities are shown, never edited here: checkout and orders own them
(through their services, and CHECK constraints guard them).

`ReadOnlyAdmin` and `ReadOnlyInline` are the shape of pages over business state (stock holds,
checkouts, orders, payments, the payouts ledger). `OperationsAdmin` adds *operations*: what an
operator may do to a row is one domain service call, offered both as an admin action on
selected rows and as a button on a row's page. Both lead to a confirmation page with a form
(`OperationForm`); a valid form calls the service once per row with the operator as `actor`,
and a refusal the admin declares in `refusals` is shown as a translated sentence from
`explain`. These live here because warehouse is the lowest app that the checkout, orders and
payments admins share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.regions.admin import province_list_filter
from backend.warehouse.models import Allocation, Reservation, Stock, Warehouse

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OPERATION_TEMPLATE = "admin/warehouse/operation.html"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists and detail pages to read; no add, change or delete (services write these rows)."""

    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


# --- Operations: an admin action and an object button around one service call --------------


class OperationForm(forms.Form):
    """What an operation asks for; `objects` are the rows it will act on."""

    def __init__(self, *args: Any, objects: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objects = list(objects)

    @property
    def single(self) -> Any | None:
        return self.objects[0] if len(self.objects) == 1 else None


@dataclass(frozen=True)
class Operation:
    """One service call an operator may make on a row, and the texts around it."""

    slug: str
    title: StrOrPromise
    intro: StrOrPromise
    button: StrOrPromise
    done: StrOrPromise  # with %(count)d
    permission: str  # "app_label.codename"
    perform: Callable[[Any, dict[str, Any], User], object]
    applies: Callable[[Any], bool]
    form_class: type[OperationForm] = OperationForm

    @property
    def action_name(self) -> str:
        return self.slug.replace("-", "_")


@dataclass(frozen=True)
class Row:
    label: str
    url: str
    summary: str


class OperationsAdmin(ReadOnlyAdmin):
    """A read-only admin whose operations are admin actions and per-object pages."""

    operations: tuple[Operation, ...] = ()
    refusals: tuple[type[Exception], ...] = ()

    def explain(self, error: Exception) -> forms.ValidationError:
        """The refusal as an error for the operator: a translated sentence and a code."""
        return forms.ValidationError(str(error), code=str(getattr(error, "code", "refused")))

    def describe(self, obj: Any) -> str:
        return ""

    def done_url(self, obj: Any) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def operation_url(self, obj: Any, operation: Operation) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{operation.action_name}",
            args=[obj.pk],
        )

    def operation_links(self, obj: Any) -> str:
        usable = [op for op in self.operations if op.applies(obj)]
        if not usable:
            return "—"
        return format_html_join(
            " ",
            '<a class="button" href="{}">{}</a>',
            ((self.operation_url(obj, op), op.title) for op in usable),
        )

    def get_urls(self) -> list[Any]:
        info = (self.opts.app_label, self.opts.model_name)
        urls = [
            path(
                f"<path:object_id>/{op.slug}/",
                self.admin_site.admin_view(self._object_view(op)),
                name="{}_{}_{}".format(*info, op.action_name),
            )
            for op in self.operations
        ]
        return urls + super().get_urls()

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        for op in self.operations:
            if request.user.has_perm(op.permission):
                description = str(op.title)
                actions[op.action_name] = (self._bulk_action(op), op.action_name, description)
        return actions

    def _bulk_action(self, op: Operation) -> Callable[..., Any]:
        def action(
            modeladmin: OperationsAdmin, request: HttpRequest, queryset: QuerySet[Any]
        ) -> HttpResponse | None:
            return modeladmin.run_operation(request, op, list(queryset), bulk=True)

        return action

    def _object_view(self, op: Operation) -> Callable[..., HttpResponse]:
        def view(request: HttpRequest, object_id: str) -> HttpResponse:
            obj = self.get_object(request, object_id)
            if obj is None:
                raise Http404(_g("This row does not exist."))
            response = self.run_operation(request, op, [obj], bulk=False)
            return response or HttpResponseRedirect(self.done_url(obj))

        return view

    def run_operation(
        self, request: HttpRequest, op: Operation, objects: list[Any], *, bulk: bool
    ) -> HttpResponse | None:
        """Show the confirmation page; on a valid POST call the service for each row.

        Returns None when done (the caller redirects; refusals of a bulk action are shown as
        messages there), or the page again with the form's errors or the refusal.
        """
        if not request.user.has_perm(op.permission):
            raise PermissionDenied
        submitted = request.method == "POST" and "operate" in request.POST
        form = op.form_class(request.POST if submitted else None, objects=objects)
        if submitted and form.is_valid():
            failures = self._perform(request, op, objects, form.cleaned_data)
            if not failures:
                return None
            if bulk:
                for failure in failures:
                    self.message_user(request, failure.message, messages.ERROR)
                return None
            for failure in failures:
                form.add_error(None, failure)
        return self._render(request, op, objects, form, bulk=bulk)

    def _perform(
        self, request: HttpRequest, op: Operation, objects: list[Any], data: dict[str, Any]
    ) -> list[forms.ValidationError]:
        """Call the service for each row; the refusals, each prefixed with its row."""
        actor = cast(User, request.user)
        done, failures = 0, []
        for obj in objects:
            try:
                op.perform(obj, data, actor)
            except self.refusals as error:
                refusal = self.explain(error)
                failures.append(
                    forms.ValidationError(f"{obj}: {refusal.message}", code=refusal.code)
                )
            else:
                done += 1
        if done:
            self.message_user(request, str(op.done) % {"count": done}, messages.SUCCESS)
        return failures

    def _render(
        self,
        request: HttpRequest,
        op: Operation,
        objects: list[Any],
        form: OperationForm,
        *,
        bulk: bool,
    ) -> TemplateResponse:
        opts = self.opts
        context = {
            **self.admin_site.each_context(request),
            "title": op.title,
            "opts": opts,
            "operation": op,
            "rows": [Row(str(obj), self.done_url(obj), self.describe(obj)) for obj in objects],
            "rows_heading": str(opts.verbose_name_plural if bulk else opts.verbose_name),
            "form": form,
            "bulk": bulk,
            "action_name": op.action_name,
            "selected": [obj.pk for obj in objects],
            "back_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            if bulk
            else self.done_url(objects[0]),
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, OPERATION_TEMPLATE, context)


# --- Warehouses, stock and stock holds ------------------------------------------------------


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "producer", "region", "is_cold_chain")
    list_filter = ("is_cold_chain", province_list_filter("region"))
    search_fields = ("name", "slug", "producer__name")
    list_select_related = ("producer", "region")
    autocomplete_fields = ("producer", "region")


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    list_display = (
        "sku",
        "product_name",
        "warehouse",
        "quantity",
        "quantity_allocated",
        "available",
    )
    list_filter = ("warehouse__is_cold_chain", province_list_filter("warehouse__region"))
    search_fields = (
        "=product_variant__sku",
        "product_variant__product__name",
        "warehouse__name",
    )
    list_select_related = ("product_variant__product", "warehouse")
    autocomplete_fields = ("product_variant", "warehouse")
    readonly_fields = ("quantity_allocated",)
    show_full_result_count = False

    @admin.display(description=_("SKU"), ordering="product_variant__sku")
    def sku(self, obj: Stock) -> str:
        return obj.product_variant.sku or "—"

    @admin.display(description=_("product"), ordering="product_variant__product__name")
    def product_name(self, obj: Stock) -> str:
        return obj.product_variant.product.name

    @admin.display(description=_("available"))
    def available(self, obj: Stock) -> int:
        return obj.quantity_available


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    """Stock set aside for order lines until they ship or are cancelled."""

    list_display = ("order_number", "sku", "product_name", "warehouse", "quantity_allocated")
    list_filter = ("stock__warehouse__is_cold_chain",)
    search_fields = ("=order_line__product_sku",)  # see get_search_results
    search_help_text = _("Order number, SKU or warehouse")
    list_select_related = ("order_line", "stock__warehouse")
    fields = ("order_line", "stock", "quantity_allocated")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Allocation], search_term: str
    ) -> tuple[QuerySet[Allocation], bool]:
        term = search_term.strip()
        number = term.removeprefix("#")
        if number.isdigit() and len(number) < 19:
            return queryset.filter(order_line__order_id=int(number)), False
        if not term:
            return queryset, False
        return queryset.filter(
            Q(order_line__product_sku__iexact=term) | Q(stock__warehouse__name__icontains=term)
        ), False

    @admin.display(description=_("order"), ordering="order_line__order_id")
    def order_number(self, obj: Allocation) -> str:
        return f"#{obj.order_line.order_id}"

    @admin.display(description=_("SKU"))
    def sku(self, obj: Allocation) -> str:
        return obj.order_line.product_sku or "—"

    @admin.display(description=_("product"))
    def product_name(self, obj: Allocation) -> str:
        return f"{obj.order_line.product_name} {obj.order_line.variant_name}".strip()

    @admin.display(description=_("warehouse"))
    def warehouse(self, obj: Allocation) -> str:
        return obj.stock.warehouse.name


class ReservationActiveFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "active"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("holding stock")), ("no", _("lapsed"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        now = timezone.now()
        if self.value() == "yes":
            return queryset.filter(reserved_until__gt=now)
        if self.value() == "no":
            return queryset.filter(reserved_until__lte=now)
        return queryset


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    """Stock held for buyers while they are in checkout; lapsed rows stop counting at once."""

    list_display = ("checkout", "sku", "warehouse", "quantity_reserved", "reserved_until", "active")
    list_filter = (ReservationActiveFilter,)
    search_fields = ("=checkout_line__variant__sku", "stock__warehouse__name")
    list_select_related = ("checkout_line__variant", "stock__warehouse")
    fields = ("checkout_line", "stock", "quantity_reserved", "reserved_until")
    date_hierarchy = "reserved_until"

    @admin.display(description=_("checkout"))
    def checkout(self, obj: Reservation) -> str:
        return str(obj.checkout_line.checkout_id)

    @admin.display(description=_("SKU"))
    def sku(self, obj: Reservation) -> str:
        return obj.checkout_line.variant.sku or "—"

    @admin.display(description=_("warehouse"))
    def warehouse(self, obj: Reservation) -> str:
        return obj.stock.warehouse.name

    @admin.display(description=_("holding stock"), boolean=True)
    def active(self, obj: Reservation) -> bool:
        return obj.reserved_until > timezone.now()
