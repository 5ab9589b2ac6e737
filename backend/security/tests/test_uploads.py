"""Upload limits: the WSGI door refuses oversized bodies before reading them; Django bounds
fields and files; user files are served with a name, nosniff and a sandbox; evidence has no
public URL; nginx's limit says the same as the app's."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backend.config.wsgi import application
from backend.security.uploads import DEFAULT_MAX_BYTES, RequestBodyLimit

ROOT = Path(__file__).resolve().parents[3]


class UnreadableInput(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def environ(length: str | None, method: str = "POST") -> dict[str, Any]:
    env: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/graphql/",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": UnreadableInput(),
        "wsgi.errors": io.StringIO(),
    }
    if length is not None:
        env["CONTENT_LENGTH"] = length
        env["CONTENT_TYPE"] = "application/json"
    return env


class Recorder:
    def __init__(self) -> None:
        self.status = ""
        self.headers: dict[str, str] = {}

    def __call__(self, status: str, headers: list[tuple[str, str]], *args: Any) -> None:
        self.status = status
        self.headers = dict(headers)


def inner_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"reached"]


def test_body_limit_declared_length_over_limit_refused_413_unread():
    # given
    door = RequestBodyLimit(inner_app, max_bytes=1024)
    answer = Recorder()
    # when
    body = b"".join(door(environ("1025"), answer))
    # then
    assert answer.status.startswith("413")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "请求内容太大".encode() in body
    assert b"reached" not in body


def test_body_limit_declared_length_at_limit_passes_through():
    # given
    door = RequestBodyLimit(inner_app, max_bytes=1024)
    answer = Recorder()
    # when
    body = b"".join(door(environ("1024"), answer))
    # then
    assert answer.status == "200 OK"
    assert body == b"reached"


@pytest.mark.parametrize("length", ["abc", "-5", "1e9"])
def test_body_limit_nonsense_length_refused_400(length: str):
    # given
    door = RequestBodyLimit(inner_app, max_bytes=1024)
    answer = Recorder()
    # when
    b"".join(door(environ(length), answer))
    # then
    assert answer.status.startswith("400")


def test_project_wsgi_application_refuses_a_gigabyte_before_django_reads_it(settings):
    # given: the application gunicorn serves
    settings.REQUEST_BODY_MAX_BYTES = 1024 * 1024
    answer = Recorder()
    # when
    body = b"".join(application(environ(str(1024**3)), answer))
    # then
    assert answer.status.startswith("413")
    assert b"too large" in body


def test_project_default_body_limit_matches_nginx_client_max_body_size():
    # given
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    # when
    sizes = set(re.findall(r"client_max_body_size\s+(\d+)m;", nginx))
    # then
    assert sizes == {str(DEFAULT_MAX_BYTES // (1024 * 1024))}
    assert settings.REQUEST_BODY_MAX_BYTES == DEFAULT_MAX_BYTES


@pytest.mark.django_db
def test_form_fields_over_data_upload_limit_answer_400(settings):
    # given: the CSRF check reads the form, as every browser POST has it read
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "k" * 32
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    # when
    response = client.post("/en/checkout/contact/", {"email": "x" * 2000 + "@example.test"})
    # then
    assert response.status_code == 400


@pytest.mark.django_db
def test_more_files_than_allowed_answer_400():
    # given
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "k" * 32
    files = {
        f"file{index}": SimpleUploadedFile(f"{index}.png", b"\x89PNG", content_type="image/png")
        for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    # when
    response = client.post("/en/checkout/contact/", files)
    # then
    assert response.status_code == 400


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "media"
    (root / "reviews").mkdir(parents=True)
    settings.MEDIA_ROOT = str(root)
    return root


def test_media_image_served_inline_with_name_nosniff_and_sandbox(client: Client, media_root):
    # given
    (media_root / "reviews" / "苹果.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    # when
    response = client.get("/media/reviews/苹果.png")
    # then
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline; filename")
    assert "%E8%8B%B9%E6%9E%9C.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "script-src" not in response["Content-Security-Policy"]


def test_media_non_image_is_a_download(client: Client, media_root):
    # given: a file that a browser would run as a page if it were shown inline
    (media_root / "reviews" / "page.html").write_text("<script>alert(1)</script>")
    # when
    response = client.get("/media/reviews/page.html")
    # then
    assert response["Content-Disposition"] == 'attachment; filename="page.html"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/media/../private/evidence/secret.png",
        "/media/%2e%2e/private/evidence/secret.png",
        "/media/..%2fprivate%2fevidence%2fsecret.png",
    ],
)
def test_media_route_never_climbs_out_to_private_evidence(
    client: Client, media_root: Path, path: str
):
    # given: a private file beside the media folder
    private = media_root.parent / "private" / "evidence"
    private.mkdir(parents=True)
    (private / "secret.png").write_bytes(b"\x89PNG")
    # when
    response = client.get(path)
    # then
    assert response.status_code == 404


def test_media_route_refuses_writes(client: Client, media_root):
    # given
    (media_root / "reviews" / "a.png").write_bytes(b"\x89PNG")
    # when
    response = client.post("/media/reviews/a.png")
    # then
    assert response.status_code == 405


def test_evidence_root_is_outside_every_public_folder():
    # given
    from backend.verification.conf import evidence_root

    private = evidence_root()
    # when
    public = [Path(settings.MEDIA_ROOT).resolve(), Path(settings.STATIC_ROOT).resolve()]
    # then
    for folder in public:
        assert folder not in private.parents
        assert private != folder
