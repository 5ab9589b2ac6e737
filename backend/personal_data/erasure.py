"""Deleting an account (PIPL's right of deletion) without breaking what others rely on.

`delete_account` runs in ONE transaction that also writes the audit row: every section of the
personal-data policy anonymises or removes its part (in reverse order, so the account row is
anonymised last), the account becomes inactive with an unusable password. Orders, order lines,
payments, ledger entries, sub-order totals and the statistics inputs (producer region and kind,
categories, amounts, supplying households) are KEPT, so every report keeps its totals. Files
(evidence, logos, story photos) are deleted from storage after commit, and closed shops'
products leave the search index.

Deletion is refused while something is in flight (`deletion_blockers`): an unpaid or
undelivered order, an unfinished sub-order or unpaid balance of a shop that would close, a
contract under way, the last administrator of an enterprise with members.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.personal_data.errors import AccountAlreadyDeleted, AccountDeletionBlocked, NotYourData
from backend.personal_data.events import account_deleted_event, shop_closed_event
from backend.personal_data.locks import lock_carts, lock_user
from backend.personal_data.registry import Erasure, ErasureBlocker, get_personal_data_policy

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeletedAccount:
    user_id: int
    counts: dict[str, int]
    closed_shop_ids: list[int]


def deletion_blockers(user: User) -> list[ErasureBlocker]:
    """What must finish before the account can be deleted (empty: it can be, now)."""
    return [
        blocker
        for section in get_personal_data_policy().sections()
        for blocker in section.blockers(user)
    ]


def delete_account(user: User, *, actor: User) -> DeletedAccount:
    """Erase the person's data and close the account; raises AccountDeletionBlocked (nothing
    changed), AccountAlreadyDeleted or NotYourData."""
    if actor.pk != user.pk:
        raise NotYourData
    with transaction.atomic(durable=True):
        locked = lock_user(user.pk)
        if not locked.is_active:
            raise AccountAlreadyDeleted
        # A checkout completing now holds its cart's row: wait for it, so its order is seen
        # below (and blocks); a completion that starts later finds its cart gone.
        lock_carts(locked)
        blockers = deletion_blockers(locked)
        if blockers:
            raise AccountDeletionBlocked(blockers)
        erasure = Erasure(user=locked, now=timezone.now())
        for section in reversed(get_personal_data_policy().sections()):
            section.erase(locked, erasure)
        for shop in erasure.closed_shops:
            shop_closed_event(shop, actor=locked)
        account_deleted_event(locked, actor=locked, counts=dict(sorted(erasure.counts.items())))
        for storage, name in erasure.files:
            transaction.on_commit(partial(_delete_file, storage, name))
        for storage, name in erasure.images:
            transaction.on_commit(partial(_delete_image, storage, name))
        for shop in erasure.closed_shops:
            transaction.on_commit(partial(_reindex_shop, shop.pk))
    return DeletedAccount(
        user_id=locked.pk,
        counts=erasure.counts,
        closed_shop_ids=[shop.pk for shop in erasure.closed_shops],
    )


def _delete_file(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        # The rows no longer name the file; an operator's storage sweep finds what is left.
        logger.warning("personal_data.file_not_deleted", extra={"storage": type(storage).__name__})


def _delete_image(storage: Storage, name: str) -> None:
    from backend.images.processing import delete_image_files

    try:
        delete_image_files(name, storage=storage)
    except OSError:
        logger.warning("personal_data.image_not_deleted")


def _reindex_shop(producer_id: int) -> None:
    from backend.search.tasks import index_producer_products_task

    index_producer_products_task.delay(producer_id)
