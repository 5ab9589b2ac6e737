"""The unified social credit code (统一社会信用代码): 18 characters, the last a check character.

Checked with python-stdnum's `stdnum.cn.uscc` (the maintained implementation of GB 32100-2015's
check character); each kind of bad input gets its own error code and a message that says what
to fix:

- `required` — nothing typed;
- `wrong_length` — not 18 characters (after removing spaces and dashes), with the count;
- `invalid_characters` — a character that can never appear there (the first 8 are digits; the
  letters I, O, S, V and Z are never used), naming the first such character and its position;
- `wrong_check_character` — every character is allowed, but the last does not match the other
  17 (almost always a typing mistake).
"""

from __future__ import annotations

import enum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

LENGTH = 18
# stdnum's alphabet: digits and the capital letters except I, O, S, V and Z.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


class CreditCodeError(enum.StrEnum):
    REQUIRED = "required"
    WRONG_LENGTH = "wrong_length"
    INVALID_CHARACTERS = "invalid_characters"
    WRONG_CHECK_CHARACTER = "wrong_check_character"


def compact_credit_code(value: str) -> str:
    """The code without spaces or dashes, in capitals (how it is stored)."""
    return uscc.compact(value or "")


def _first_bad_character(code: str) -> tuple[int, str]:
    for index, char in enumerate(code):
        allowed = "0123456789" if index < 8 else ALPHABET
        if char not in allowed:
            return index + 1, char
    return 0, ""  # pragma: no cover - stdnum said the format was wrong


def validate_credit_code(value: str) -> str:
    """The compact code, or a ValidationError whose code is a `CreditCodeError`."""
    code = compact_credit_code(value)
    if not code:
        raise ValidationError(
            _("Enter your enterprise's unified social credit code"),
            code=CreditCodeError.REQUIRED,
        )
    try:
        return uscc.validate(code)
    except InvalidLength:
        raise ValidationError(
            _(
                "A unified social credit code has 18 characters; you entered %(count)s. "
                "Copy it from your business licence."
            ),
            code=CreditCodeError.WRONG_LENGTH,
            params={"count": len(code)},
        ) from None
    except InvalidFormat:
        position, char = _first_bad_character(code)
        if position <= 8:
            message = _(
                "Character %(position)s, “%(char)s”, cannot be in a unified social credit "
                "code: the first 8 characters are digits"
            )
        else:
            message = _(
                "Character %(position)s, “%(char)s”, cannot be in a unified social credit "
                "code: it uses digits and capital letters except I, O, S, V and Z"
            )
        raise ValidationError(
            message,
            code=CreditCodeError.INVALID_CHARACTERS,
            params={"position": position, "char": char},
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _(
                "The last character of the code does not match the other 17, so one of them "
                "is probably mistyped. Check the code on your business licence."
            ),
            code=CreditCodeError.WRONG_CHECK_CHARACTER,
        ) from None


def complete_credit_code(first_17: str) -> str:
    """The full code for 17 characters, with stdnum's check character (demo data, tests)."""
    body = compact_credit_code(first_17)
    return body + uscc.calc_check_digit(body)
