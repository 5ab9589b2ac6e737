"""Deletion asked for through the API: a confirmation link by e-mail, then `delete_account`.

The storefront confirms with the person's password instead (`storefront.privacy_views`).
"""

from __future__ import annotations

from functools import partial
from urllib.parse import quote

from django.db import transaction

from backend.accounts.models import User
from backend.personal_data.erasure import deletion_blockers
from backend.personal_data.errors import AccountDeletionBlocked, NoEmailAddress
from backend.personal_data.events import account_deletion_requested_event
from backend.personal_data.tokens import account_deletion_tokens


def request_account_deletion(user: User, *, link_pattern: str) -> None:
    """E-mail the person a link (`link_pattern` with `{token}` and `{email}`) after commit.

    Raises AccountDeletionBlocked when something is in flight (the link would not work),
    NoEmailAddress when there is nowhere to send it.
    """
    if not user.email:
        raise NoEmailAddress
    blockers = deletion_blockers(user)
    if blockers:
        raise AccountDeletionBlocked(blockers)
    from backend.personal_data.tasks import send_deletion_link_task

    with transaction.atomic(durable=True):
        account_deletion_requested_event(user)
        transaction.on_commit(partial(send_deletion_link_task.delay, user.pk, link_pattern))


def deletion_link(user: User, link_pattern: str) -> str:
    return link_pattern.format(
        token=account_deletion_tokens.make_token(user), email=quote(user.email or "")
    )


def deletion_token_is_valid(user: User, token: str) -> bool:
    return user.is_active and account_deletion_tokens.check_token(user, token)
