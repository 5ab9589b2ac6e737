"""Operator admin for payments: read-only payments, Stripe events and the payouts ledger;
refunds and offline payment confirmation as operations (see `backend.warehouse.admin`); the
producers' balances with a payout run.

Every write goes through one payments service: `confirm_offline_payment`, `refund_sub_order`
(Stripe payments are refunded through the Stripe gateway before anything is recorded) and
`run_payouts`. The services write the payment transactions, order events and ledger entries.
`explain` turns every refusal an order operation can meet into a sentence for the operator;
the orders admin uses it too.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import stripe
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.orders.errors import IllegalStatusTransition, OrderError, OrderErrorCode
from backend.orders.models import Order, OrderLine, OrderStatus, PaymentStatus, SubOrder
from backend.payments.errors import PaymentError, PaymentErrorCode
from backend.payments.gateways import gateway_of
from backend.payments.models import (
    LedgerEntryKind,
    Payment,
    PaymentTransaction,
    Payout,
    PayoutRun,
    ProducerLedgerEntry,
    StripeEvent,
)
from backend.payments.offline import confirm_offline_payment
from backend.payments.payouts import reconcile_ledger, run_payouts
from backend.payments.refunds import refund_sub_order
from backend.warehouse.admin import Operation, OperationForm, ReadOnlyAdmin, ReadOnlyInline
from backend.warehouse.errors import InsufficientStock

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OPERATE_PAYMENTS = "payments.change_payment"
RUN_PAYOUTS = "payments.add_payoutrun"
REFUSALS: tuple[type[Exception], ...] = (
    OrderError,
    PaymentError,
    InsufficientStock,
    stripe.StripeError,
)


def format_money(amount: Decimal, currency: str = "CNY") -> str:
    return f"¥{amount:,.2f}" if currency == "CNY" else f"{amount:,.2f} {currency}"


def refundable(sub_order: SubOrder) -> Decimal:
    return sub_order.total_amount - sub_order.refunded_amount


def status_label(status: str) -> str:
    return str(OrderStatus(status).label)


class PaymentMethodColumn:
    """`payment_method`: the gateway's name rather than its id."""

    @admin.display(description=_("payment method"), ordering="gateway")
    def payment_method(self, payment: Payment) -> str:
        try:
            return str(gateway_of(payment).name)
        except PaymentError:
            return payment.gateway


# --- What an operator reads when a service refuses -----------------------------------------

ORDER_REFUSALS: dict[str, StrOrPromise] = {
    OrderErrorCode.ORDER_IS_PAID: _("This order is paid: refund it instead of cancelling it."),
    OrderErrorCode.INVALID_QUANTITY: _(
        "Nothing can be shipped with these quantities: each must be above zero and at most what "
        "is still to ship."
    ),
    OrderErrorCode.NOT_FOUND: _("This sub-order does not exist any more."),
}
PAYMENT_REFUSALS: dict[str, StrOrPromise] = {
    PaymentErrorCode.NOT_FOUND: _("This order has no payment."),
    PaymentErrorCode.NOT_OFFLINE: _(
        "Only bank transfers and cash on delivery are confirmed by hand; this order is paid "
        "online and its provider confirms it."
    ),
    PaymentErrorCode.INVALID_STATE: _(
        "The payment is not in a state that allows this (it was cancelled, or changed "
        "meanwhile). Reload the order and check it."
    ),
    PaymentErrorCode.INVALID_AMOUNT: _(
        "A refund must be at least ¥0.01 and at most what is still refundable."
    ),
    PaymentErrorCode.NOT_PAID: _(
        "This order has not been paid, so there is nothing to refund. Cancel it instead."
    ),
    PaymentErrorCode.GATEWAY_NOT_AVAILABLE: _(
        "The payment method of this order is not available on this server."
    ),
}


def _refusal_text(error: Exception) -> str:
    if isinstance(error, IllegalStatusTransition):
        return _g("Sub-order %(sub_order)s is “%(current)s” and cannot become “%(requested)s”.") % {
            "sub_order": error.sub_order_id,
            "current": status_label(error.current),
            "requested": status_label(error.requested),
        }
    if isinstance(error, OrderError):
        return str(ORDER_REFUSALS.get(error.code, error))
    if isinstance(error, PaymentError):
        return str(PAYMENT_REFUSALS.get(error.code, error))
    if isinstance(error, InsufficientStock):
        return _g("There is not enough stock on hand to ship this.")
    if isinstance(error, stripe.StripeError):
        reason = error.user_message or str(error) or type(error).__name__
        return _g("Stripe did not accept the refund, so nothing was recorded: %(reason)s") % {
            "reason": reason
        }
    raise TypeError(f"not an operator error: {error!r}")


def explain(error: Exception) -> forms.ValidationError:
    """Why a service refused, for an operator: a translated sentence, and the domain's error
    code (`provider_error` when Stripe refused)."""
    if isinstance(error, stripe.StripeError):
        code = "provider_error"
    else:
        code = str(getattr(error, "code", "refused"))
    return forms.ValidationError(_refusal_text(error), code=code)


# --- Refunds and offline payments ------------------------------------------------------------


class RefundForm(OperationForm):
    """One sub-order: everything still refundable, an amount, or items of one line. Several
    sub-orders (or orders): everything still refundable of each."""

    def __init__(self, *args: Any, objects: Any, **kwargs: Any) -> None:
        super().__init__(*args, objects=objects, **kwargs)
        self.sub_order = self.single if isinstance(self.single, SubOrder) else None
        if self.sub_order is None:
            return
        left = format_money(refundable(self.sub_order), self.sub_order.currency)
        self.fields["amount"] = forms.DecimalField(
            label=_("amount"),
            max_digits=12,
            decimal_places=2,
            min_value=Decimal("0.01"),
            required=False,
            help_text=_("Leave empty to refund everything still refundable: %(amount)s.")
            % {"amount": left},
        )
        self.fields["line"] = forms.ModelChoiceField(
            label=_("or items of this line"),
            queryset=self.sub_order.lines.all(),
            required=False,
            empty_label="—",
            help_text=_(
                "Refunds the unit price of each item. It returns money only: ship or keep the "
                "goods as agreed with the buyer."
            ),
        )
        self.fields["quantity"] = forms.IntegerField(label=_("items"), min_value=1, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["refund_amount"] = None
        if self.sub_order is None or self.errors:
            return cleaned
        left = refundable(self.sub_order)
        if left <= 0:
            raise forms.ValidationError(
                _("Everything paid for this sub-order has been refunded already."),
                code="nothing_to_refund",
            )
        amount = self._amount(cleaned.get("amount"), cleaned.get("line"), cleaned.get("quantity"))
        if amount is not None and amount > left:
            currency = self.sub_order.currency
            self.add_error(
                "quantity" if cleaned.get("line") else "amount",
                forms.ValidationError(
                    _("%(amount)s is more than can still be refunded (%(left)s).")
                    % {
                        "amount": format_money(amount, currency),
                        "left": format_money(left, currency),
                    },
                    code="above_refundable",
                ),
            )
            return cleaned
        cleaned["refund_amount"] = amount
        return cleaned

    def _amount(
        self, amount: Decimal | None, line: OrderLine | None, quantity: int | None
    ) -> Decimal | None:
        """The amount asked for (None: everything refundable); adds errors on bad input."""
        if line is None:
            if quantity is not None:
                self.add_error(
                    "line",
                    forms.ValidationError(
                        _("Choose the line whose items are refunded."), code="line_required"
                    ),
                )
            return amount
        if amount is not None:
            self.add_error(
                "amount",
                forms.ValidationError(
                    _("Give either an amount or a line, not both."), code="amount_and_line"
                ),
            )
        elif quantity is None:
            self.add_error(
                "quantity",
                forms.ValidationError(
                    _("How many items of this line are refunded?"), code="quantity_required"
                ),
            )
        elif quantity > line.quantity:
            self.add_error(
                "quantity",
                forms.ValidationError(
                    _("This line has only %(count)d items.") % {"count": line.quantity},
                    code="above_line_quantity",
                ),
            )
        else:
            return line.unit_price_amount * quantity
        return None


def _confirm_payment(order: Order, data: dict[str, Any], actor: User) -> object:
    return confirm_offline_payment(order, actor=actor)


def _refund_order(order: Order, data: dict[str, Any], actor: User) -> object:
    """Each sub-order's refundable rest, one refund each (stops at the first refusal)."""
    sub_orders = [s for s in SubOrder.objects.filter(order_id=order.pk) if refundable(s) > 0]
    if not sub_orders:
        raise PaymentError(PaymentErrorCode.INVALID_AMOUNT, "nothing left to refund")
    return [refund_sub_order(sub_order, actor=actor) for sub_order in sub_orders]


def _refund_sub_order(sub_order: SubOrder, data: dict[str, Any], actor: User) -> object:
    return refund_sub_order(sub_order, amount=data.get("refund_amount"), actor=actor)


REFUND_INTRO = _(
    "Card, Alipay and WeChat Pay payments are refunded through Stripe; for a bank transfer or "
    "cash, pay the buyer back yourself first: this records it. Each producer's ledger entry is "
    "reversed at the fee rate of the sale."
)

CONFIRM_OFFLINE_PAYMENT = Operation(
    slug="confirm-payment",
    title=_("Confirm offline payment received"),
    intro=_(
        "Confirm only after the bank transfer or the cash has arrived. The order becomes paid "
        "and ready to ship, and each producer is credited in the payouts ledger."
    ),
    button=_("Yes, the money arrived"),
    done=_("Payment confirmed for %(count)d order(s)."),
    permission=OPERATE_PAYMENTS,
    perform=_confirm_payment,
    applies=lambda o: (
        o.payment_status == PaymentStatus.NOT_CHARGED and o.status != OrderStatus.CANCELLED
    ),
)
REFUND_ORDER = Operation(
    slug="refund",
    title=_("Refund in full"),
    intro=REFUND_INTRO,
    button=_("Yes, refund everything"),
    done=_("%(count)d order(s) refunded."),
    permission=OPERATE_PAYMENTS,
    perform=_refund_order,
    applies=lambda o: (
        o.payment_status in (PaymentStatus.FULLY_CHARGED, PaymentStatus.PARTIALLY_REFUNDED)
    ),
    form_class=RefundForm,
)
REFUND_SUB_ORDER = Operation(
    slug="refund",
    title=_("Refund"),
    intro=REFUND_INTRO,
    button=_("Refund"),
    done=_("Refund recorded for %(count)d sub-order(s)."),
    permission=OPERATE_PAYMENTS,
    perform=_refund_sub_order,
    applies=lambda s: (
        refundable(s) > 0 and s.status not in (OrderStatus.UNCONFIRMED, OrderStatus.CANCELLED)
    ),
    form_class=RefundForm,
)


# --- Payments and Stripe events (read-only) -------------------------------------------------


class PaymentTransactionInline(ReadOnlyInline):
    model = PaymentTransaction
    fields = ("created_at", "kind", "amount", "currency", "psp_reference", "actor", "data")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[PaymentTransaction]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Payment)
class PaymentAdmin(PaymentMethodColumn, ReadOnlyAdmin):
    list_display = (
        "pk",
        "order",
        "payment_method",
        "state",
        "amount",
        "captured_amount",
        "refunded_amount",
        "psp_reference",
        "created_at",
    )
    list_filter = ("state", "gateway")
    list_select_related = ("order",)
    search_fields = ("order__id__exact", "=psp_reference", "order__email")
    search_help_text = _("Order number, provider reference or e-mail address")
    date_hierarchy = "created_at"
    inlines = (PaymentTransactionInline,)
    readonly_fields = ("payment_method",)
    fields = (
        "order",
        "payment_method",
        "state",
        "currency",
        "amount",
        "captured_amount",
        "refunded_amount",
        "psp_reference",
        "expires_at",
        "created_at",
    )


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "type", "outcome", "payment", "stripe_created", "received_at")
    list_filter = ("type", "outcome")
    list_select_related = ("payment",)
    search_fields = ("=event_id", "=payment__psp_reference")
    date_hierarchy = "received_at"
    fields = ("event_id", "type", "outcome", "payment", "stripe_created", "received_at")


# --- The payouts ledger ----------------------------------------------------------------------


class PaidOutListFilter(admin.SimpleListFilter):
    title = _("paid out")
    parameter_name = "paid"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("paid out")), ("no", _("open"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("yes", "no"):
            return queryset.filter(payout__isnull=self.value() == "no")
        return queryset


@admin.register(ProducerLedgerEntry)
class ProducerLedgerEntryAdmin(ReadOnlyAdmin):
    """Entries per producer; `balances/` sums them per producer and runs a payout."""

    list_display = (
        "created_at",
        "producer",
        "kind",
        "sub_order",
        "gross_amount",
        "fee_rate",
        "fee_amount",
        "net_amount",
        "payout",
    )
    list_filter = ("kind", PaidOutListFilter)
    list_select_related = ("producer", "payout")
    search_fields = ("producer__name", "sub_order__order__id__exact")
    search_help_text = _("Producer name or order number")
    date_hierarchy = "created_at"
    fields = (
        "producer",
        "sub_order",
        "kind",
        "currency",
        "gross_amount",
        "fee_rate",
        "fee_amount",
        "net_amount",
        "payout",
        "created_at",
    )

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(self.balances_view)
        return [
            path("balances/", view, name="payments_producerledgerentry_balances"),
            *super().get_urls(),
        ]

    def balances_view(self, request: HttpRequest) -> HttpResponse:
        """Each producer's entries, paid out and open balance, reconciled; a payout run for
        the producers owed (all by default)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        currency = settings.DEFAULT_CURRENCY
        rows = producer_balances(currency)
        owed = [row for row in rows if row["open"] > 0]
        form = PayoutRunForm(
            request.POST if request.method == "POST" else None,
            owed=owed,
            currency=currency,
        )
        if request.method == "POST":
            if not request.user.has_perm(RUN_PAYOUTS):
                raise PermissionDenied
            if form.is_valid():
                return self._run_payouts(request, form.cleaned_data["producers"])
        totals = reconcile_ledger(currency)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Producer balances and payouts"),
            "opts": self.opts,
            "rows": rows,
            "totals": totals,
            "reconciles": totals.balanced and all(row["reconciles"] for row in rows),
            "form": form,
            "can_run": request.user.has_perm(RUN_PAYOUTS),
            "currency": currency,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/payments/balances.html", context)

    def _run_payouts(self, request: HttpRequest, producer_ids: list[int]) -> HttpResponse:
        run = run_payouts(actor=cast(User, request.user), producer_ids=producer_ids)
        if run is None:
            self.message_user(request, _("Nobody is owed anything now."), messages.WARNING)
            return HttpResponseRedirect(reverse("admin:payments_producerledgerentry_balances"))
        self.message_user(
            request,
            _("Payout run %(run)s paid %(amount)s to %(count)d producer(s).")
            % {
                "run": run.pk,
                "amount": format_money(run.total_amount, run.currency),
                "count": run.payouts.count(),
            },
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:payments_payoutrun_change", args=[run.pk]))


def producer_balances(currency: str) -> list[dict[str, Any]]:
    """Per producer with entries: sales and refunds (net), paid out, open; one query for the
    entries and one for the payouts. A row reconciles when sales + refunds = paid + open and
    the paid entries sum to what the producer's payouts paid."""
    zero = Decimal("0")
    rows = list(
        ProducerLedgerEntry.objects.filter(currency=currency)
        .values("producer_id", "producer__name")
        .annotate(
            entries=Count("pk"),
            sales=Sum("net_amount", filter=Q(kind=LedgerEntryKind.SALE), default=zero),
            refunds=Sum("net_amount", filter=Q(kind=LedgerEntryKind.REFUND), default=zero),
            paid=Sum("net_amount", filter=Q(payout__isnull=False), default=zero),
            open=Sum("net_amount", filter=Q(payout__isnull=True), default=zero),
        )
        .order_by("producer__name", "producer_id")
    )
    payouts = dict(
        Payout.objects.filter(currency=currency)
        .values("producer_id")
        .annotate(total=Sum("amount"))
        .values_list("producer_id", "total")
    )
    for row in rows:
        row["payouts"] = payouts.get(row["producer_id"], zero)
        row["reconciles"] = (
            row["sales"] + row["refunds"] == row["paid"] + row["open"]
            and row["paid"] == row["payouts"]
        )
    return rows


class PayoutRunForm(forms.Form):
    producers = forms.TypedMultipleChoiceField(
        label=_("pay these producers their open balance"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one producer to pay.")},
    )

    def __init__(
        self, *args: Any, owed: list[dict[str, Any]], currency: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["producers"])
        field.choices = [
            (row["producer_id"], f"{row['producer__name']}: {format_money(row['open'], currency)}")
            for row in owed
        ]
        field.initial = [row["producer_id"] for row in owed]


class PayoutInline(ReadOnlyInline):
    model = Payout
    fields = ("producer", "amount", "currency")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Payout]:
        return super().get_queryset(request).select_related("producer")


@admin.register(PayoutRun)
class PayoutRunAdmin(ReadOnlyAdmin):
    list_display = ("pk", "created_at", "created_by", "total_amount", "currency", "producers")
    list_select_related = ("created_by",)
    date_hierarchy = "created_at"
    inlines = (PayoutInline,)
    fields = ("created_at", "created_by", "currency", "total_amount")

    def get_queryset(self, request: HttpRequest) -> QuerySet[PayoutRun]:
        return super().get_queryset(request).annotate(producer_count=Count("payouts"))

    @admin.display(description=_("producers paid"), ordering="producer_count")
    def producers(self, obj: Any) -> int:
        return int(obj.producer_count)
