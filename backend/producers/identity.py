"""Identity numbers of beneficiaries: validation that says what is wrong, and masking.

A disability certificate number (残疾人证号) has 20 characters: the holder's 18-character
resident ID number (whose last character is a check digit), then the disability category code
(1-7) and the grade code (1-4). These are sensitive personal information (PIPL): never shown
in full on a public page or API; masked (first 3 and last 2) wherever operators list them.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumValidationError


class DisabilityCategory(models.IntegerChoices):
    VISUAL = 1, _("visual (视力)")
    HEARING = 2, _("hearing (听力)")
    SPEECH = 3, _("speech (言语)")
    PHYSICAL = 4, _("physical (肢体)")
    INTELLECTUAL = 5, _("intellectual (智力)")
    MENTAL = 6, _("mental (精神)")
    MULTIPLE = 7, _("multiple (多重)")


class DisabilityGrade(models.IntegerChoices):
    GRADE_1 = 1, _("grade 1 (most severe)")
    GRADE_2 = 2, _("grade 2")
    GRADE_3 = 3, _("grade 3")
    GRADE_4 = 4, _("grade 4")


_RIC_BODY = re.compile(r"^\d{17}[\dX]$")
POOR_HOUSEHOLD_NUMBER = re.compile(r"^[0-9A-Z]{6,30}$")


def normalise_identity(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def validate_resident_id(value: str, *, field_label: str = "") -> str:
    """Check an 18-character resident ID number; return it normalised."""
    number = normalise_identity(value)
    if len(number) != 18:
        raise ValidationError(
            _("The resident ID number must have 18 characters; this one has %(count)d."),
            code="ric_length",
            params={"count": len(number)},
        )
    if not _RIC_BODY.match(number):
        raise ValidationError(
            _("The first 17 characters must be digits, and the 18th a digit or X."),
            code="ric_characters",
        )
    try:
        ric.get_birth_date(number)
    except StdnumValidationError:
        raise ValidationError(
            _("Characters 7 to 14 must be a real date of birth (YYYYMMDD)."),
            code="ric_birth_date",
        ) from None
    expected = ric.calc_check_digit(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _(
                "The 18th character should be %(expected)s, not %(given)s. "
                "Check for a typing mistake."
            ),
            code="ric_check_digit",
            params={"expected": expected, "given": number[17]},
        )
    return number


def validate_disability_certificate(value: str) -> str:
    """Check a 20-character disability certificate number; return it normalised."""
    number = normalise_identity(value)
    if len(number) != 20:
        raise ValidationError(
            _(
                "A disability certificate number has 20 characters: the 18-character ID number, "
                "then the category (1-7) and the grade (1-4). This one has %(count)d."
            ),
            code="certificate_length",
            params={"count": len(number)},
        )
    validate_resident_id(number[:18])
    category, grade = number[18], number[19]
    if category not in "1234567":
        raise ValidationError(
            _("The 19th character is the disability category and must be 1-7, not %(given)s."),
            code="certificate_category",
            params={"given": category},
        )
    if grade not in "1234":
        raise ValidationError(
            _("The 20th character is the grade and must be 1-4, not %(given)s."),
            code="certificate_grade",
            params={"given": grade},
        )
    return number


def certificate_category_and_grade(number: str) -> tuple[int, int]:
    return int(number[18]), int(number[19])


def validate_poor_household_number(value: str) -> str:
    number = normalise_identity(value)
    if not POOR_HOUSEHOLD_NUMBER.match(number):
        raise ValidationError(
            _(
                "A household registration number has 6 to 30 letters or digits, "
                "with no other marks."
            ),
            code="household_number_format",
        )
    return number


def check_disability_certificate(value: str) -> None:
    """Model-field validator form of validate_disability_certificate."""
    validate_disability_certificate(value)


def check_poor_household_number(value: str) -> None:
    validate_poor_household_number(value)


def mask_identity(value: str | None) -> str:
    """Show the first 3 and last 2 characters only: 110***********1234 -> 110***34."""
    if not value:
        return ""
    if len(value) <= 5:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 5)}{value[-2:]}"
