"""The unified social credit code: good codes pass in their compact form, each kind of bad
input gets its own error code (stdnum.cn.uscc underneath)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import uscc

from backend.enterprises.credit_code import (
    CreditCodeError,
    complete_credit_code,
    validate_credit_code,
)

GOOD = "91110000600037341L"  # stdnum's own example


def _error_of(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    return caught.value


def test_validate_credit_code_good_code_returned_compact() -> None:
    # given a good code typed with spaces, dashes and lower case
    typed = " 9111-0000 6000 37341l "
    # when
    code = validate_credit_code(typed)
    # then
    assert code == GOOD


def test_complete_credit_code_appends_stdnum_check_character() -> None:
    # given the first 17 characters of a code
    body = "91620000MA7100001"
    # when
    code = complete_credit_code(body)
    # then
    assert code[:17] == body
    assert uscc.is_valid(code)
    assert validate_credit_code(code) == code


@pytest.mark.parametrize("value", ["", "   ", " - "])
def test_validate_credit_code_empty_required(value: str) -> None:
    # when / then
    assert _error_of(value).code == CreditCodeError.REQUIRED


@pytest.mark.parametrize("value", ["12345", GOOD[:17], GOOD + "0"])
def test_validate_credit_code_wrong_length_says_count(value: str) -> None:
    # when
    error = _error_of(value)
    # then
    assert error.code == CreditCodeError.WRONG_LENGTH
    assert error.params == {"count": len(value)}


def test_validate_credit_code_letter_in_first_eight_invalid_characters() -> None:
    # given a letter where a digit must be
    value = "A" + GOOD[1:]
    # when
    error = _error_of(value)
    # then
    assert error.code == CreditCodeError.INVALID_CHARACTERS
    assert error.params == {"position": 1, "char": "A"}


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_validate_credit_code_unused_letter_invalid_characters(letter: str) -> None:
    # given a letter the code never uses, in the organisation part
    value = GOOD[:10] + letter + GOOD[11:]
    # when
    error = _error_of(value)
    # then
    assert error.code == CreditCodeError.INVALID_CHARACTERS
    assert error.params == {"position": 11, "char": letter}


def test_validate_credit_code_chinese_character_invalid_characters() -> None:
    # given a full-width character typed in the middle
    value = GOOD[:12] + "号" + GOOD[13:]
    # when / then
    assert _error_of(value).code == CreditCodeError.INVALID_CHARACTERS


def test_validate_credit_code_mistyped_character_wrong_check_character() -> None:
    # given one digit mistyped, everything else allowed
    value = GOOD[:9] + ("1" if GOOD[9] != "1" else "2") + GOOD[10:]
    # when
    error = _error_of(value)
    # then
    assert error.code == CreditCodeError.WRONG_CHECK_CHARACTER
