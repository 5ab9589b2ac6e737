"""Operator admin for orders: read-only orders and sub-orders, and operations that call one
domain service each (`OperationsAdmin`, see `backend.warehouse.admin`).

Orders, their sub-orders, lines, payments and history are snapshots written by the checkout,
order and payment services, so every page here is read-only. An operation is an admin action on
selected rows and a button on a row's page (and on each sub-order of the order page), both
leading to a confirmation page; the service writes the events, stock changes, ledger entries
and payment transactions, and its refusals (an illegal status transition, a refund above what
is refundable, …) are shown as clear, translated errors (`backend.payments.admin.explain`).

Orders: confirm an offline payment received, confirm a cash-on-delivery order before payment,
cancel an unpaid order, refund in full. Sub-orders: ship with carrier and tracking number (all
or some items), mark received, refund (everything, an amount, or items of one line).

Changelists select and prefetch what their columns show, so they cost the same queries for 1
or 100 orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.orders.cancellation import cancel_order
from backend.orders.confirmation import confirm_order
from backend.orders.fulfilment import complete_sub_order, fulfil_sub_order
from backend.orders.models import (
    Fulfillment,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PaymentStatus,
    SubOrder,
)
from backend.payments.admin import (
    CONFIRM_OFFLINE_PAYMENT,
    REFUND_ORDER,
    REFUND_SUB_ORDER,
    REFUSALS,
    PaymentMethodColumn,
    explain,
    format_money,
    refundable,
    status_label,
)
from backend.payments.gateways import available_gateways
from backend.payments.models import Payment
from backend.producers.models import Producer
from backend.warehouse.admin import (
    Operation,
    OperationForm,
    OperationsAdmin,
    ReadOnlyInline,
)

OPERATE_ORDERS = "orders.change_order"


class ShipForm(OperationForm):
    carrier = forms.CharField(label=_("carrier"), max_length=100)
    tracking_number = forms.CharField(
        label=_("tracking number"),
        max_length=100,
        required=False,
        help_text=_("Leave empty only for a parcel handed over in person."),
    )

    def __init__(self, *args: Any, objects: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, objects=objects, **kwargs)
        self.line_fields: dict[str, OrderLine] = {}
        if self.single is None:
            return
        for line in self.single.lines.all():
            if line.quantity_unfulfilled:
                name = f"line_{line.pk}"
                self.line_fields[name] = line
                self.fields[name] = forms.IntegerField(
                    label=_("%(product)s %(variant)s (SKU %(sku)s): how many to ship")
                    % {
                        "product": line.product_name,
                        "variant": line.variant_name,
                        "sku": line.product_sku or "—",
                    },
                    min_value=0,
                    max_value=line.quantity_unfulfilled,
                    initial=line.quantity_unfulfilled,
                    required=False,
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.single is None:
            cleaned["quantities"] = None  # every selected sub-order ships all that is left
            return cleaned
        quantities = {
            line.pk: cleaned[name]
            for name, line in self.line_fields.items()
            if cleaned.get(name)  # an empty or 0 field ships none of that line
        }
        if not quantities and not self.errors:
            raise forms.ValidationError(
                _("Choose at least one item to ship."), code="nothing_to_ship"
            )
        cleaned["quantities"] = quantities
        return cleaned


def _confirm_order(order: Order, data: dict[str, Any], actor: User) -> object:
    return confirm_order(order, actor=actor)


def _cancel(order: Order, data: dict[str, Any], actor: User) -> object:
    return cancel_order(order, actor=actor)


def _ship(sub_order: SubOrder, data: dict[str, Any], actor: User) -> object:
    return fulfil_sub_order(
        sub_order,
        actor=actor,
        carrier=data["carrier"],
        tracking_number=data.get("tracking_number") or "",
        quantities=data["quantities"],
    )


def _received(sub_order: SubOrder, data: dict[str, Any], actor: User) -> object:
    return complete_sub_order(sub_order, actor=actor)


ORDER_OPERATIONS = (
    CONFIRM_OFFLINE_PAYMENT,
    Operation(
        slug="confirm",
        title=_("Confirm order before payment"),
        intro=_(
            "For cash on delivery: the producers may ship before the money is collected. The "
            "payment stays open until it is confirmed."
        ),
        button=_("Yes, confirm"),
        done=_("%(count)d order(s) confirmed."),
        permission=OPERATE_ORDERS,
        perform=_confirm_order,
        applies=lambda o: o.status == OrderStatus.UNCONFIRMED,
    ),
    Operation(
        slug="cancel",
        title=_("Cancel order"),
        intro=_(
            "Cancels every part of an unpaid order, releases its stock and closes its payment. "
            "A paid order is refunded instead."
        ),
        button=_("Yes, cancel"),
        done=_("%(count)d order(s) cancelled."),
        permission=OPERATE_ORDERS,
        perform=_cancel,
        applies=lambda o: (
            o.payment_status == PaymentStatus.NOT_CHARGED
            and o.status in (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED)
        ),
    ),
    REFUND_ORDER,
)

SUB_ORDER_OPERATIONS = (
    Operation(
        slug="ship",
        title=_("Mark shipped"),
        intro=_(
            "Records a parcel with its carrier and tracking number; the stock leaves the "
            "warehouse. Several sub-orders selected together share one carrier and tracking "
            "number and ship everything left."
        ),
        button=_("Record the parcel"),
        done=_("Parcel recorded for %(count)d sub-order(s)."),
        permission=OPERATE_ORDERS,
        perform=_ship,
        applies=lambda s: s.status in (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED),
        form_class=ShipForm,
    ),
    Operation(
        slug="received",
        title=_("Mark received"),
        intro=_("The buyer has received everything of this sub-order."),
        button=_("Yes, received"),
        done=_("%(count)d sub-order(s) marked received."),
        permission=OPERATE_ORDERS,
        perform=_received,
        applies=lambda s: s.status == OrderStatus.FULFILLED,
    ),
    REFUND_SUB_ORDER,
)


# --- List filters --------------------------------------------------------------------------


class ProducerListFilter(admin.SimpleListFilter):
    """Rows with a part from one producer (an EXISTS, so rows are never duplicated). Lists the
    producers that have sub-orders."""

    title = _("producer")
    parameter_name = "producer"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        sold = SubOrder.objects.filter(producer_id=OuterRef("pk"))
        producers = Producer.objects.filter(Exists(sold)).order_by("name")
        return [(str(pk), name) for pk, name in producers.values_list("pk", "name")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        if queryset.model is SubOrder:
            return queryset.filter(producer_id=int(value))
        return queryset.filter(
            Exists(SubOrder.objects.filter(order_id=OuterRef("pk"), producer_id=int(value)))
        )


class PaymentMethodListFilter(admin.SimpleListFilter):
    title = _("payment method")
    parameter_name = "gateway"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [(gateway.id, gateway.name) for gateway in available_gateways()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.value():
            return queryset
        return queryset.filter(
            Exists(Payment.objects.filter(order_id=OuterRef("pk"), gateway=self.value()))
        )


def order_search(term: str) -> Q:
    """Order number (with or without #), token, checkout token, e-mail address, SKU."""
    condition = Q(email__icontains=term) | Q(
        pk__in=OrderLine.objects.filter(product_sku__iexact=term).values("order_id")
    )
    number = term.removeprefix("#")
    if number.isdigit() and len(number) < 19:
        condition |= Q(pk=int(number))
    try:
        token = UUID(term)
    except ValueError:
        return condition
    return condition | Q(token=token) | Q(checkout_token=token)


# --- Inlines -------------------------------------------------------------------------------


class SubOrderInline(ReadOnlyInline):
    model = SubOrder
    fields = (
        "producer",
        "status",
        "subtotal_amount",
        "shipping_amount",
        "total_amount",
        "refunded_amount",
        "weight_grams",
        "needs_cold_chain",
        "operation_buttons",
    )
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[SubOrder]:
        return super().get_queryset(request).select_related("producer")

    @admin.display(description=_("operations"))
    def operation_buttons(self, obj: SubOrder) -> str:
        sub_order_admin = admin.site._registry.get(SubOrder)
        if not isinstance(sub_order_admin, OperationsAdmin):
            return "—"
        return sub_order_admin.operation_links(obj)


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = (
        "product_name",
        "variant_name",
        "product_sku",
        "producer",
        "beneficiary_household_ref",
        "quantity",
        "quantity_fulfilled",
        "unit_price_amount",
        "total_price_amount",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[OrderLine]:
        return super().get_queryset(request).select_related("producer")


class PaymentInline(PaymentMethodColumn, ReadOnlyInline):
    model = Payment
    fields = (
        "payment_method",
        "state",
        "amount",
        "captured_amount",
        "refunded_amount",
        "psp_reference",
        "expires_at",
    )
    readonly_fields = fields
    show_change_link = True


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ("date", "type", "user", "sub_order", "data")
    readonly_fields = fields
    verbose_name_plural = _("history")

    def get_queryset(self, request: HttpRequest) -> QuerySet[OrderEvent]:
        return super().get_queryset(request).select_related("user")


class FulfillmentInline(ReadOnlyInline):
    model = Fulfillment
    fields = ("created_at", "carrier", "tracking_number", "items")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Fulfillment]:
        return super().get_queryset(request).prefetch_related("lines__order_line")

    @admin.display(description=_("items"))
    def items(self, obj: Fulfillment) -> str:
        return ", ".join(
            f"{fl.order_line.product_name} {fl.order_line.variant_name} × {fl.quantity}"
            for fl in obj.lines.all()
        )


# --- Orders and sub-orders -----------------------------------------------------------------


@admin.register(Order)
class OrderAdmin(OperationsAdmin):
    operations = ORDER_OPERATIONS
    refusals = REFUSALS
    list_display = (
        "number",
        "created_at",
        "buyer",
        "channel",
        "producers",
        "status",
        "payment_status",
        "total",
    )
    list_filter = (
        "status",
        "payment_status",
        PaymentMethodListFilter,
        "channel",
        ProducerListFilter,
    )
    list_select_related = ("channel", "user")
    search_fields = ("email",)  # the search itself is `order_search`
    search_help_text = _("Order number, token, e-mail address or SKU")
    date_hierarchy = "created_at"
    inlines = (SubOrderInline, OrderLineInline, PaymentInline, OrderEventInline)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "number",
                    "token",
                    "status",
                    "payment_status",
                    "channel",
                    "user",
                    "email",
                    "created_at",
                    "operation_buttons",
                )
            },
        ),
        (
            _("Delivery"),
            {
                "fields": (
                    "recipient_name",
                    "mobile",
                    "province_name",
                    "city_name",
                    "county_name",
                    "address_detail",
                    "shipping_method_name",
                    "pickup_point_name",
                    "pickup_point_address",
                    "shipments",
                )
            },
        ),
        (_("Totals"), {"fields": ("subtotal_amount", "shipping_amount", "total_amount")}),
    )
    readonly_fields = ("number", "operation_buttons", "shipments")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Order]:
        producers = SubOrder.objects.select_related("producer").only("order_id", "producer__name")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("sub_orders", queryset=producers, to_attr="parts"))
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Order], search_term: str
    ) -> tuple[QuerySet[Order], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(order_search(term)), False

    def explain(self, error: Exception) -> forms.ValidationError:
        return explain(error)

    def describe(self, obj: Order) -> str:
        payment = PaymentStatus(obj.payment_status).label
        total = format_money(obj.total_amount, obj.currency)
        return f"{status_label(obj.status)}, {payment}, {total}"

    @admin.display(description=_("order"), ordering="pk")
    def number(self, obj: Order) -> str:
        return str(obj)

    @admin.display(description=_("customer"))
    def buyer(self, obj: Order) -> str:
        if obj.user is not None:
            return obj.user.name or obj.email
        return obj.email

    @admin.display(description=_("producers"))
    def producers(self, obj: Order) -> str:
        return ", ".join(part.producer.name for part in getattr(obj, "parts", []))

    @admin.display(description=_("total"), ordering="total_amount")
    def total(self, obj: Order) -> str:
        return format_money(obj.total_amount, obj.currency)

    @admin.display(description=_("operations"))
    def operation_buttons(self, obj: Order) -> str:
        return self.operation_links(obj)

    @admin.display(description=_("shipments"))
    def shipments(self, obj: Order) -> str:
        parcels = Fulfillment.objects.filter(sub_order__order_id=obj.pk).select_related(
            "sub_order__producer"
        )
        if not parcels:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} {}</li>",
                ((p.sub_order.producer.name, p.carrier, p.tracking_number or "—") for p in parcels),
            ),
        )


@admin.register(SubOrder)
class SubOrderAdmin(OperationsAdmin):
    operations = SUB_ORDER_OPERATIONS
    refusals = REFUSALS
    list_display = (
        "number",
        "order_link",
        "producer",
        "status",
        "total",
        "refunded",
        "needs_cold_chain",
        "created_at",
    )
    list_filter = ("status", "needs_cold_chain", ProducerListFilter)
    list_select_related = ("order", "producer")
    search_fields = ("producer__name",)
    search_help_text = _("Order number, token, e-mail address, SKU or producer")
    date_hierarchy = "created_at"
    inlines = (OrderLineInline, FulfillmentInline)
    fields = (
        "order_link",
        "producer",
        "status",
        "subtotal_amount",
        "shipping_amount",
        "total_amount",
        "refunded_amount",
        "weight_grams",
        "needs_cold_chain",
        "created_at",
        "operation_buttons",
    )
    readonly_fields = ("order_link", "operation_buttons")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[SubOrder], search_term: str
    ) -> tuple[QuerySet[SubOrder], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        orders = Order.objects.filter(order_search(term)).values("pk")
        return queryset.filter(Q(order_id__in=orders) | Q(producer__name__icontains=term)), False

    def explain(self, error: Exception) -> forms.ValidationError:
        return explain(error)

    def done_url(self, obj: SubOrder) -> str:
        return reverse("admin:orders_order_change", args=[obj.order_id])

    def describe(self, obj: SubOrder) -> str:
        return _g("%(producer)s, %(status)s, %(total)s, refundable %(left)s") % {
            "producer": obj.producer.name,
            "status": status_label(obj.status),
            "total": format_money(obj.total_amount, obj.currency),
            "left": format_money(refundable(obj), obj.currency),
        }

    def get_queryset(self, request: HttpRequest) -> QuerySet[SubOrder]:
        return super().get_queryset(request).select_related("order", "producer")

    @admin.display(description=_("sub-order"), ordering="pk")
    def number(self, obj: SubOrder) -> str:
        return str(obj)

    @admin.display(description=_("order"), ordering="order_id")
    def order_link(self, obj: SubOrder) -> str:
        url = reverse("admin:orders_order_change", args=[obj.order_id])
        return format_html('<a href="{}">#{}</a>', url, obj.order_id)

    @admin.display(description=_("total"), ordering="total_amount")
    def total(self, obj: SubOrder) -> str:
        return format_money(obj.total_amount, obj.currency)

    @admin.display(description=_("refunded"), ordering="refunded_amount")
    def refunded(self, obj: SubOrder) -> str:
        return format_money(obj.refunded_amount, obj.currency) if obj.refunded_amount else "—"

    @admin.display(description=_("operations"))
    def operation_buttons(self, obj: SubOrder) -> str:
        return self.operation_links(obj)
