"""Invented identity numbers for demo beneficiaries, valid by construction.

A resident ID number is area code (6) + date of birth (8) + sequence (3, odd for men, even for
women) + check digit (ISO 7064 MOD 11-2, from python-stdnum). A disability certificate number
is that ID followed by the category (1-7) and grade (1-4) digits. Numbers are deterministic in
their inputs, so loading the demo twice gives the same numbers.
"""

from __future__ import annotations

from datetime import date

from stdnum.cn import ric


def resident_id_number(area_code: str, born: date, serial: int, *, male: bool) -> str:
    """An 18-character resident ID number whose check digit verifies."""
    if len(area_code) != 6 or not area_code.isdigit():
        raise ValueError(f"area code must be 6 digits, not {area_code!r}")
    sequence = (serial * 2) % 1000  # even: a woman
    if male:
        sequence = (sequence + 1) % 1000
    body = f"{area_code}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body)


def disability_certificate_number(
    area_code: str, born: date, serial: int, *, male: bool, category: int, grade: int
) -> str:
    """20 characters: the resident ID number, then the category and the grade digit."""
    if not 1 <= category <= 7 or not 1 <= grade <= 4:
        raise ValueError("category must be 1-7 and grade 1-4")
    return f"{resident_id_number(area_code, born, serial, male=male)}{category}{grade}"


def poor_household_number(area_code: str, registered_year: int, serial: int) -> str:
    """County code + year of registration + a six-digit household serial (16 digits)."""
    return f"{area_code}{registered_year:04d}{serial % 1_000_000:06d}"
