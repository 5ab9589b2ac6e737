"""Forgotten passwords: a one-time link by e-mail, then a new password.

`request_password_reset(login, ...)` accepts what people type to sign in — an e-mail address or
a mobile number — and behaves the same whatever it is given: no answer, page or timing tells
whether an account exists (no user enumeration). When an active account with an e-mail address
matches, a link is e-mailed after commit (a Celery task) and an audit row is written. Accounts
with only a mobile number cannot get a link yet (SMS is for a later issue): the pages say to ask
the platform's service line, whose staff reset it in the admin.

Links carry Django's `default_token_generator` token (valid PASSWORD_RESET_TIMEOUT, 3 days by
default; it stops working once the password changes or the person signs in). The storefront's
page and GraphQL's `setPassword` both finish through `set_password_with_token`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from urllib.parse import quote

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from backend.accounts.lookups import get_user_by_login
from backend.accounts.models import User
from backend.audit.events import record_audit_event
from backend.audit.models import AuditEventType

INVALID_TOKEN = "invalid_token"


@dataclass(frozen=True)
class PasswordProblem:
    code: str  # "invalid_token", or a Django password validator code ("password_too_short")
    message: str


class PasswordResetError(Exception):
    def __init__(self, problems: list[PasswordProblem]) -> None:
        self.problems = problems
        super().__init__(", ".join(p.code for p in problems))


def user_can_reset(user: User) -> bool:
    return user.is_active and bool(user.email)


def request_password_reset(login: str, *, link_pattern: str) -> None:
    """E-mail a reset link if an active account with an e-mail address has this login.

    `link_pattern` is an absolute URL with `{uid}`, `{token}` and optionally `{email}`
    placeholders. Returns nothing either way.
    """
    try:
        user = get_user_by_login(login)
    except User.DoesNotExist:
        return
    if not user_can_reset(user):
        return
    from backend.accounts.tasks import send_password_reset_email_task

    with transaction.atomic(durable=True):
        record_audit_event(
            AuditEventType.PASSWORD_RESET_REQUESTED,
            actor=None,
            subject=user,
            extra={"channel": "email"},
        )
        transaction.on_commit(partial(send_password_reset_email_task.delay, user.pk, link_pattern))


def reset_link(user: User, link_pattern: str) -> str:
    return link_pattern.format(
        uid=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
        email=quote(user.email or ""),
    )


def user_from_uid(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first()


def token_is_valid(user: User | None, token: str) -> bool:
    return (
        user is not None
        and user_can_reset(user)
        and default_token_generator.check_token(user, token)
    )


def set_password_with_token(user: User | None, token: str, password: str) -> User:
    """Raises PasswordResetError (an unusable token, or the validators' problems)."""
    if user is None or not token_is_valid(user, token):
        raise PasswordResetError([PasswordProblem(INVALID_TOKEN, "invalid or expired link")])
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise PasswordResetError(
            [
                PasswordProblem(
                    str(item.code or "invalid_password"),
                    str(item.message % item.params if item.params else item.message),
                )
                for item in error.error_list
            ]
        ) from None
    return finish_password_reset(user, password)


def finish_password_reset(user: User, password: str) -> User:
    """Set the new (already validated) password and write the audit row; the token, the
    person's other sessions and access tokens stop working (they hang on the password)."""
    with transaction.atomic(durable=True):
        user.set_password(password)
        user.save(update_fields=["password"])
        record_audit_event(AuditEventType.PASSWORD_RESET_COMPLETED, actor=user, subject=user)
    return user
