"""Batch codes: short enough to type from a label, random enough not to be guessed.

Ten characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L, U): about 49 bits,
so walking the code space to find other producers' batches is hopeless, while a code still fits
under a QR label and reads aloud over the phone.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10


def new_batch_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed from a label: case and spaces do not matter."""
    return "".join(text.split()).upper()
