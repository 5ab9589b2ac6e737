"""Batches a portal user may see or change, and the public ones (tenant filter in the query)."""

from __future__ import annotations

from django.db.models import QuerySet

from backend.accounts.models import User
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction, SellerOwnedPolicy
from backend.traceability.codes import normalise_code
from backend.traceability.models import Batch

batch_policy: SellerOwnedPolicy[Batch] = SellerOwnedPolicy(Batch, seller_field="seller")


def batches_for_actor(actor: User, action: SellerAction) -> QuerySet[Batch]:
    return batch_policy.instances_for(actor, action)


def batches_of_seller(seller: Producer) -> QuerySet[Batch]:
    return Batch.objects.filter(seller_id=seller.pk)


def get_batch_for_seller(batch_id: int, seller: Producer) -> Batch:
    """Raises Batch.DoesNotExist for a missing batch and for another seller's alike."""
    return (
        batches_of_seller(seller)
        .select_related("variant__product", "origin__parent", "seller")
        .get(pk=batch_id)
    )


def public_batches() -> QuerySet[Batch]:
    """Batches whose page is online: not taken offline, of an active shop."""
    return Batch.objects.filter(withdrawn_at__isnull=True, seller__is_active=True)


def get_public_batch(code: str) -> Batch:
    """Raises Batch.DoesNotExist (also for a batch taken offline)."""
    return public_batches().get(code=normalise_code(code))
