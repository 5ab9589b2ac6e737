from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from backend.audit.models import AuditEvent, AuditEventType
from backend.personal_data.access import producers_with_identity_number
from backend.personal_data.encryption import IdentityDecryptionError
from backend.producers.models import Producer
from backend.producers.tests.factories import DisabledSellerFactory
from backend.sellers.tests.scenarios import build_people
from backend.verification.tests.scenarios import submitted_application

CERTIFICATE = "11010119900307123X42"


def _raw(producer: Producer) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT disability_certificate_number, disability_certificate_number_hash "
            "FROM producers_producer WHERE id = %s",
            [producer.pk],
        )
        row = cursor.fetchone()
    assert row is not None
    return row[0], row[1]


@pytest.mark.django_db
def test_certificate_number_stored_encrypted_and_read_back_plain() -> None:
    # given
    producer = DisabledSellerFactory(disability_certificate_number=CERTIFICATE)

    # when
    stored, digest = _raw(producer)
    reloaded = Producer.objects.get(pk=producer.pk)

    # then
    assert stored.startswith("enc1:")
    assert CERTIFICATE not in stored
    assert CERTIFICATE[:6] not in digest
    assert reloaded.disability_certificate_number == CERTIFICATE


@pytest.mark.django_db
def test_producers_with_identity_number_found_by_hash_not_by_other_number() -> None:
    # given
    producer = DisabledSellerFactory(disability_certificate_number=CERTIFICATE)
    DisabledSellerFactory(disability_certificate_number="11010119900307124542")

    # when
    found = list(producers_with_identity_number(CERTIFICATE.lower()))

    # then
    assert found == [producer]


@pytest.mark.django_db
def test_update_fields_save_keeps_the_hash_in_step() -> None:
    # given
    producer = DisabledSellerFactory(disability_certificate_number=CERTIFICATE)
    new_number = "11010119900307124542"

    # when
    producer.disability_certificate_number = new_number  # type: ignore[assignment]
    producer.save(update_fields=["disability_certificate_number"])

    # then
    assert list(producers_with_identity_number(new_number)) == [producer]
    assert list(producers_with_identity_number(CERTIFICATE)) == []


@pytest.mark.django_db
def test_rotate_identity_keys_reencrypts_under_the_new_key() -> None:
    # given: a number written under the old key
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(IDENTITY_ENCRYPTION_KEYS=[old_key]):
        producer = DisabledSellerFactory(disability_certificate_number=CERTIFICATE)
    before, _ = _raw(producer)

    # when: the new key first, the old one still listed
    with override_settings(IDENTITY_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_identity_keys", verbosity=0)
    after, _ = _raw(producer)

    # then: only the new key is needed from now on
    assert after != before
    with override_settings(IDENTITY_ENCRYPTION_KEYS=[new_key]):
        assert Producer.objects.get(pk=producer.pk).disability_certificate_number == CERTIFICATE
    with (
        override_settings(IDENTITY_ENCRYPTION_KEYS=[old_key]),
        pytest.raises(IdentityDecryptionError),
    ):
        Producer.objects.get(pk=producer.pk)


@pytest.mark.django_db
def test_operator_viewing_full_numbers_writes_an_audit_row(client: Client) -> None:
    # given: the county operator who may decide on a submitted application
    people = build_people()
    application = submitted_application(people)
    operator = people.user("county_operator")
    client.force_login(operator)

    # when
    response = client.get(f"/admin/verification/verificationapplication/{application.pk}/change/")

    # then
    assert response.status_code == 200
    event = AuditEvent.objects.get(event_type=AuditEventType.IDENTITY_NUMBER_VIEWED)
    assert event.actor_id == operator.pk
    number = people.shop.disability_certificate_number
    assert number
    assert number not in str(event.extra_data)
    assert number in response.content.decode()


@pytest.mark.django_db
def test_operator_of_another_county_sees_masked_numbers_and_no_view_is_recorded(
    client: Client,
) -> None:
    # given
    people = build_people()
    application = submitted_application(people)
    client.force_login(people.user("other_county_operator"))

    # when
    client.get(f"/admin/verification/verificationapplication/{application.pk}/change/")

    # then
    assert not AuditEvent.objects.filter(event_type=AuditEventType.IDENTITY_NUMBER_VIEWED).exists()
