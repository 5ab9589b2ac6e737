"""One-time tokens that confirm an account deletion asked for through the API (Saleor's
`accountRequestDeletion` → e-mail → `accountDelete(token)`). Same machinery as password reset
links, another salt: a reset token never deletes an account."""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class AccountDeletionTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "backend.personal_data.tokens.AccountDeletionTokenGenerator"


account_deletion_tokens = AccountDeletionTokenGenerator()
