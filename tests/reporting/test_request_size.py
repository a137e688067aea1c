"""An oversize request body is refused from its length, before it streams to disk."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from reporting.models import Evidence
from tests.files import PDF
from tests.fuzzing import multipart

pytestmark = pytest.mark.django_db


class _Unread(io.BytesIO):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _temporary_files() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("*.upload*"))


def test_oversize_upload_is_refused_before_the_body_is_read(
    client_for, operator, dinkes_answer, settings
):
    settings.REQUEST_MAX_BODY_MB = 1
    client = client_for(operator)
    url = reverse("reporting:evidence-upload", args=[dinkes_answer.pk])
    before = _temporary_files()
    response = client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
        **{"wsgi.input": _Unread()},
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "Kiriman terlalu besar" in body
    assert "paling banyak 1 MB" in body
    assert not Evidence.objects.exists()
    assert _temporary_files() == before


def test_a_real_oversize_multipart_upload_gets_the_indonesian_page(
    client_for, operator, dinkes_answer, settings
):
    settings.REQUEST_MAX_BODY_MB = 1
    body, content_type = multipart(
        {}, f"e{dinkes_answer.pk}-files", "besar.pdf", PDF + b"0" * (1024 * 1024)
    )
    response = client_for(operator).generic(
        "POST",
        reverse("reporting:evidence-upload", args=[dinkes_answer.pk]),
        body,
        content_type=content_type,
    )
    assert response.status_code == 413
    assert "Tidak ada yang tersimpan" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_upload_within_the_limit_still_works(
    client_for, operator, dinkes_answer, settings
):
    settings.REQUEST_MAX_BODY_MB = 1
    body, content_type = multipart({}, f"e{dinkes_answer.pk}-files", "sk.pdf", PDF)
    response = client_for(operator).generic(
        "POST",
        reverse("reporting:evidence-upload", args=[dinkes_answer.pk]),
        body,
        content_type=content_type,
    )
    assert response.status_code == 302
    assert Evidence.objects.get().original_name == "sk.pdf"


def test_chunked_body_without_length_is_refused_without_a_server_error(
    client_for, operator, dinkes_answer
):
    body, content_type = multipart({}, f"e{dinkes_answer.pk}-files", "sk.pdf", PDF)
    client = client_for(operator)
    client.raise_request_exception = True
    # What gunicorn hands over for "Transfer-Encoding: chunked": no CONTENT_LENGTH.
    response = client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=reverse("reporting:evidence-upload", args=[dinkes_answer.pk]),
        CONTENT_TYPE=content_type,
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body)},
    )
    assert response.status_code == 411
    assert "Content-Length" in response.content.decode()
    assert not Evidence.objects.exists()


def test_invalid_length_is_a_clear_refusal(client_for, operator, dinkes_answer):
    response = client_for(operator).generic(
        "POST",
        reverse("reporting:evidence-upload", args=[dinkes_answer.pk]),
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="banyak",
    )
    assert response.status_code == 400
    assert "tidak sah" in response.content.decode()


def test_default_limit_leaves_room_for_one_answer_of_evidence(settings):
    from portal.settings import base

    assert base.REQUEST_MAX_BODY_MB > base.EVIDENCE_MAX_ANSWER_MB
    # First, so that no other middleware (CSRF reads POST) touches the body before.
    assert settings.MIDDLEWARE[0] == "portal.middleware.RequestSizeLimitMiddleware"
