"""Portal forms about buyers' reviews: the shop's one answer, and a report to the operators."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.reviews.models import ANSWER_TEXT_MAX_LENGTH, ReportReason
from backend.reviews.reports import DETAILS_MAX_LENGTH


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer to this review"),
        help_text=_("Everyone can read it under the review. You can answer each review once."),
        max_length=ANSWER_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Write your answer"),
            "max_length": _("Keep the answer under %(limit_value)d characters"),
        },
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should an operator look at this review?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose why you report it"),
            "invalid_choice": _("Choose a reason from the list"),
        },
    )
    details = forms.CharField(
        label=_("Anything the operator should know (optional)"),
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep the details under %(limit_value)d characters")},
    )
