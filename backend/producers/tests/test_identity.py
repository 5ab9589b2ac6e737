from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from backend.producers.identity import (
    mask_identity,
    validate_disability_certificate,
    validate_resident_id,
)
from backend.producers.tests.factories import make_certificate, make_resident_id


def _code(exc: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return exc.value.error_list[0].code


def test_validate_disability_certificate_valid_number_returns_normalised():
    # given
    number = make_certificate(7, category=1, grade=3).lower()
    # when / then
    assert validate_disability_certificate(number) == number.upper()


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda n: n[:-1], "certificate_length"),
        (lambda n: n + "1", "certificate_length"),
        (lambda n: "A" + n[1:], "ric_characters"),
        (lambda n: n[:6] + "19801341" + n[14:], "ric_birth_date"),
        (lambda n: n[:18] + "8" + n[19], "certificate_category"),
        (lambda n: n[:18] + "0" + n[19], "certificate_category"),
        (lambda n: n[:19] + "5", "certificate_grade"),
    ],
)
def test_validate_disability_certificate_each_mistake_has_its_code(mutate, code):
    # given
    number = mutate(make_certificate(11))
    # when
    with pytest.raises(ValidationError) as exc:
        validate_disability_certificate(number)
    # then
    assert _code(exc) == code


def test_validate_resident_id_wrong_check_digit_says_the_expected_character():
    # given
    good = make_resident_id(42)
    wrong = "0" if good[-1] != "0" else "1"
    # when
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(good[:17] + wrong)
    # then
    assert _code(exc) == "ric_check_digit"
    error = exc.value.error_list[0]
    assert error.params == {"expected": good[-1], "given": wrong}
    assert good[-1] in str(error.message % error.params)


def test_mask_identity_shows_first_three_and_last_two():
    assert mask_identity("62112319800101123X42") == "621***************42"
    assert mask_identity("") == ""
