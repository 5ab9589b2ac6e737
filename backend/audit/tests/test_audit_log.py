"""The audit log is append-only: in the model, in the queryset, and in PostgreSQL itself."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from backend.accounts.tests.factories import UserFactory
from backend.audit.context import (
    REQUEST_ID_HEADER,
    RequestIdMiddleware,
    bound_request_id,
    current_request_id,
)
from backend.audit.events import AuditOutsideTransaction, record_audit_event
from backend.audit.models import AuditEvent, AuditEventType, AuditLogIsAppendOnly
from backend.producers.models import Producer

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(producer: Producer) -> AuditEvent:
    actor = UserFactory.create()
    with transaction.atomic():
        return record_audit_event(
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=producer,
            seller=producer,
            old={"story": "旧"},
            new={"story": "新"},
            reason="typo",
        )


def test_record_audit_event_writes_every_field(producer: Producer):
    # given
    actor, owner = UserFactory.create(), UserFactory.create()
    # when
    with transaction.atomic(), bound_request_id("req-42"):
        event = record_audit_event(
            AuditEventType.PRODUCT_UPDATED,
            actor=actor,
            subject=producer,
            seller=producer,
            on_behalf_of=owner,
            old={"price": "1.00"},
            new={"price": "2.00"},
            extra={"field": "price"},
        )
    # then
    event.refresh_from_db()
    assert (event.actor, event.on_behalf_of, event.seller) == (actor, owner, producer)
    assert (event.subject_type, event.subject_id) == ("producers.producer", str(producer.pk))
    assert event.extra_data == {
        "old": {"price": "1.00"},
        "new": {"price": "2.00"},
        "field": "price",
    }
    assert event.request_id == "req-42"
    assert event.event_time.utcoffset() is not None


def test_record_audit_event_drops_on_behalf_of_oneself(producer: Producer):
    # given
    owner = UserFactory.create()
    # when
    with transaction.atomic():
        event = record_audit_event(
            AuditEventType.PRODUCT_CREATED,
            actor=owner,
            subject=producer,
            seller=producer,
            on_behalf_of=owner,
        )
    # then
    assert event.on_behalf_of is None


# available_apps: flush only these tables afterwards, so the session's regions survive.
@pytest.mark.django_db(
    transaction=True,
    available_apps=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "backend.accounts",
        "backend.producers",
        "backend.audit",
    ],
)
def test_record_audit_event_outside_a_transaction_is_refused(producer: Producer):
    # given / when / then
    with pytest.raises(AuditOutsideTransaction):
        record_audit_event(
            AuditEventType.PRODUCT_CREATED, actor=None, subject=producer, seller=producer
        )
    assert AuditEvent.objects.count() == 0


def test_audit_event_save_of_existing_row_raises(event: AuditEvent):
    # given
    event.request_id = "changed"
    # when / then
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()


def test_audit_event_delete_raises(event: AuditEvent):
    # given / when / then
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_queryset_update_delete_and_bulk_update_raise(event: AuditEvent):
    # given
    rows = AuditEvent.objects.filter(pk=event.pk)
    # when / then
    with pytest.raises(AuditLogIsAppendOnly):
        rows.update(request_id="x")
    with pytest.raises(AuditLogIsAppendOnly):
        rows.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_update([event], ["request_id"])


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET request_id = 'forged' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_audit_table_trigger_rejects_raw_update_and_delete(event: AuditEvent, sql):
    # given / when
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [event.pk])
    # then
    assert "append-only" in str(error.value)
    event_again = AuditEvent.objects.get(pk=event.pk)
    assert event_again.request_id == event.request_id


def test_audit_event_types_are_grouped_by_domain_range():
    # given / when
    verification = AuditEventType.in_range(2000)
    # then
    assert AuditEventType.VERIFICATION_APPROVED in verification
    assert all(2000 <= t.value < 3000 for t in verification)
    assert AuditEventType.HELPER_GRANTED not in verification


def test_request_id_middleware_binds_and_echoes_a_safe_id():
    # given
    seen: list[str] = []

    def view(request):  # type: ignore[no-untyped-def]
        from django.http import HttpResponse

        seen.append(current_request_id())
        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    factory = RequestFactory()
    # when
    kept = middleware(factory.get("/", HTTP_X_REQUEST_ID="proxy-123"))
    middleware(factory.get("/", HTTP_X_REQUEST_ID="<script>"))
    # then
    assert seen[0] == "proxy-123"
    assert kept[REQUEST_ID_HEADER] == "proxy-123"
    assert seen[1] != "<script>"
    assert len(seen[1]) == 32
    assert current_request_id() == ""
