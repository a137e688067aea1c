"""Files in an S3-compatible bucket stay private: objects carry no public grant, no
public URL is ever built, and a download is either streamed through the portal or,
when set, a redirect to a short-lived presigned URL whose response the object store
itself makes a safe attachment (checked here against moto's S3 server)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.storage import default_storage
from django.urls import reverse

from files.downloads import attachment_disposition
from reporting.services.evidence import evidence_attach
from tests.files import PDF, pdf_upload
from tests.storage import s3_client

pytestmark = pytest.mark.django_db
on_s3 = pytest.mark.parametrize("storage_backend", ["s3"], indirect=True)
NAME = 'SK "Tim HAM" Désa.pdf'


def _evidence(answer, operator):
    return evidence_attach(
        answer=answer, uploads=[pdf_upload(NAME)], actor=operator
    ).stored[0]


@on_s3
def test_objects_are_private_and_never_get_a_public_url(
    storage_backend, s3_endpoint, s3_bucket, dinkes_answer, operator
):
    evidence = _evidence(dinkes_answer, operator)
    key = default_storage._normalize_name(evidence.file.name)
    acl = s3_client(s3_endpoint).get_object_acl(Bucket=s3_bucket, Key=key)
    grantees = {grant["Grantee"].get("URI", "owner") for grant in acl["Grants"]}
    assert grantees == {"owner"}  # no AllUsers / AuthenticatedUsers grant
    url = default_storage.url(evidence.file.name)
    assert "X-Amz-Signature=" in url  # every URL is signed, none is public


@on_s3
def test_downloads_stream_through_the_portal_by_default(
    storage_backend, client_for, operator, dinkes_answer
):
    evidence = _evidence(dinkes_answer, operator)
    response = client_for(operator).get(
        reverse("reporting:evidence-download", args=[evidence.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == attachment_disposition(NAME)


@on_s3
def test_a_presigned_redirect_forces_the_attachment_name_and_type(
    storage_backend, settings, client_for, operator, foreign_verifier, dinkes_answer
):
    settings.DOWNLOAD_REDIRECT_SECONDS = 60
    evidence = _evidence(dinkes_answer, operator)
    url = reverse("reporting:evidence-download", args=[evidence.pk])
    # The permission check comes first: out of scope is 404, never a signed URL.
    assert client_for(foreign_verifier).get(url).status_code == 404
    response = client_for(operator).get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    location = response["Location"]
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == ["60"]
    # What the object store answers to that URL (no cookie, no portal in between).
    stored = requests.get(location, timeout=10)
    assert stored.status_code == 200
    assert stored.content == PDF
    assert stored.headers["Content-Disposition"] == attachment_disposition(NAME)
    assert stored.headers["Content-Type"] == "application/pdf"
    assert stored.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("storage_backend", ["filesystem"], indirect=True)
def test_the_redirect_setting_streams_from_the_local_folder(
    storage_backend, settings, client_for, operator, dinkes_answer
):
    settings.DOWNLOAD_REDIRECT_SECONDS = 60
    evidence = _evidence(dinkes_answer, operator)
    response = client_for(operator).get(
        reverse("reporting:evidence-download", args=[evidence.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
