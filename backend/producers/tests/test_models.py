from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from backend.producers.models import ProducerKind
from backend.producers.tests.factories import DisabledSellerFactory, make_certificate

pytestmark = pytest.mark.django_db


def test_producer_clean_fills_category_and_grade_from_certificate():
    # given
    producer = DisabledSellerFactory.build(
        disability_certificate_number=make_certificate(5, category=2, grade=1),
        disability_category=None,
        disability_grade=None,
    )
    # when
    producer.full_clean()
    # then
    assert (producer.disability_category, producer.disability_grade) == (2, 1)


def test_producer_clean_grade_disagreeing_with_certificate_is_refused():
    # given
    producer = DisabledSellerFactory.build(
        disability_certificate_number=make_certificate(5, category=2, grade=1),
        disability_category=2,
        disability_grade=3,
    )
    # when
    with pytest.raises(ValidationError) as exc:
        producer.full_clean()
    # then
    assert exc.value.error_dict["disability_grade"][0].code == "grade_mismatch"


def test_producer_clean_disabled_individual_without_certificate_is_refused():
    producer = DisabledSellerFactory.build(
        kind=ProducerKind.DISABLED_INDIVIDUAL, disability_certificate_number=""
    )
    with pytest.raises(ValidationError) as exc:
        producer.full_clean()
    assert exc.value.error_dict["disability_certificate_number"][0].code == "required"
