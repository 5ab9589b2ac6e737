from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
import structlog
from django.test import Client

from backend.observability.logging_config import SHARED_PROCESSORS
from backend.observability.redaction import mask_text


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(ensure_ascii=False),
            ],
            foreign_pre_chain=SHARED_PROCESSORS,
        )
    )
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_request_log_line_is_json_with_the_request_id_and_no_query_string(
    client: Client, json_lines: io.StringIO
) -> None:
    # when
    response = client.get("/health/live?email=someone@example.test&mobile=13800138000")

    # then
    (line,) = [x for x in _lines(json_lines) if x.get("event") == "request"]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["route"] == "^health/live/?$"
    assert line["status"] == 200
    assert "13800138000" not in json_lines.getvalue()
    assert "someone@example.test" not in json_lines.getvalue()


def test_stdlib_log_line_personal_data_masked(json_lines: io.StringIO) -> None:
    # when
    logging.getLogger("sunshine.test").warning(
        "seller 110101199003071234 called from 13912345678 (a@b.cn)"
    )

    # then
    (line,) = _lines(json_lines)
    assert line["event"] == "seller [id-number] called from [mobile] ([email])"
    assert line["level"] == "warning"


def test_structlog_sensitive_keys_redacted(json_lines: io.StringIO) -> None:
    # when
    structlog.get_logger("sunshine.test").warning(
        "signed up", mobile="13912345678", password="x", user_id=7
    )

    # then
    (line,) = _lines(json_lines)
    assert (line["mobile"], line["password"], line["user_id"]) == ("[redacted]", "[redacted]", 7)


def test_mask_text_disability_certificate_with_suffix_masked() -> None:
    # when / then
    assert mask_text("证号 11010119900307123X42 已核验") == "证号 [id-number] 已核验"
