"""Identity numbers at rest (PIPL): encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under keys
from the environment, with a keyed hash (HMAC-SHA256) for exact-match lookups.

- IDENTITY_ENCRYPTION_KEYS: comma-separated Fernet keys, newest first. Rotation: put a new key
  first, keep the old ones after it (they still decrypt), run `manage.py rotate_identity_keys`
  (re-encrypts every number under the newest key), then drop the old keys.
- IDENTITY_HASH_KEY: the HMAC key of the lookup hashes (changing it means recomputing them, which
  `rotate_identity_keys --rehash` does).

Without these settings (development, tests) both keys are derived from SECRET_KEY, so a
deployment must set them: `manage.py check --deploy` warns otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "enc1:"  # marks a stored value as ciphertext (and its scheme version)


class IdentityDecryptionError(RuntimeError):
    pass


def _derived_key(purpose: str) -> bytes:
    digest = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def configured_keys() -> list[bytes]:
    keys = [k.strip().encode() for k in getattr(settings, "IDENTITY_ENCRYPTION_KEYS", []) if k]
    return keys or [_derived_key("identity-encryption")]


@cache
def _cipher(keys: tuple[bytes, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def cipher() -> MultiFernet:
    return _cipher(tuple(configured_keys()))


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def encrypt(value: str) -> str:
    if not value:
        return ""
    return PREFIX + cipher().encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored or not is_encrypted(stored):
        return stored
    try:
        return cipher().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise IdentityDecryptionError(
            "an identity number cannot be decrypted with IDENTITY_ENCRYPTION_KEYS "
            "(was a key removed before `rotate_identity_keys` ran?)"
        ) from error


def reencrypt(stored: str) -> str:
    """The same number under the newest key."""
    if not stored or not is_encrypted(stored):
        return encrypt(stored)
    try:
        token = cipher().rotate(stored[len(PREFIX) :].encode())
    except InvalidToken as error:
        raise IdentityDecryptionError("cannot re-encrypt: no configured key opens it") from error
    return PREFIX + token.decode()


def lookup_hash(value: str) -> str:
    """Keyed hash of a normalised number: equal numbers, equal hashes; not reversible."""
    if not value:
        return ""
    key = getattr(settings, "IDENTITY_HASH_KEY", "") or _derived_key("identity-hash").decode()
    normalised = value.strip().upper()
    return hmac.new(key.encode(), normalised.encode(), hashlib.sha256).hexdigest()
