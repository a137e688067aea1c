"""Every export kind × who asks: in scope, out of scope, and a role revoked before download.

Requests go through the HTTP view (out of scope answers 404 and records nothing);
downloads through the permission-checked view (only the requester, only while their
roles still cover the export).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.services import role_revoke
from exports.models import ExportJob

pytestmark = pytest.mark.django_db

REQUEST = reverse("exports:request")

# (who, kind, format, province, regency, allowed)
CASES = [
    ("ministry", "ranking_national", "pdf", "", "", True),
    ("administrator", "ranking_national", "xlsx", "", "", True),
    ("ministry", "ranking_province", "pdf", "72", "", True),
    ("ministry", "award_list", "pdf", "", "", True),
    ("ministry", "pembina_list", "xlsx", "", "", True),
    ("ministry", "scorecard", "pdf", "", "72.71", True),
    ("ministry", "evidence_zip", "zip", "", "72.71", True),
    ("verifier", "ranking_national", "pdf", "", "", False),
    ("verifier", "ranking_province", "pdf", "33", "", True),
    ("verifier", "ranking_province", "pdf", "72", "", False),
    ("verifier", "award_list", "pdf", "33", "", True),
    ("verifier", "award_list", "pdf", "72", "", False),
    ("verifier", "award_list", "pdf", "", "", False),
    ("verifier", "pembina_list", "pdf", "", "", False),
    ("verifier", "scorecard", "pdf", "", "33.02", True),
    ("verifier", "scorecard", "pdf", "", "72.71", False),
    ("verifier", "evidence_zip", "zip", "", "33.73", True),
    ("verifier", "evidence_zip", "zip", "", "72.71", False),
    ("foreign_verifier", "ranking_province", "xlsx", "33", "", False),
    ("regency_staff", "scorecard", "pdf", "", "33.73", True),
    ("regency_staff", "scorecard", "xlsx", "", "33.02", False),
    ("regency_staff", "evidence_zip", "zip", "", "33.73", True),
    ("regency_staff", "evidence_zip", "zip", "", "33.02", False),
    ("regency_staff", "ranking_province", "pdf", "33", "", False),
    ("regency_staff", "award_list", "pdf", "33", "", False),
    ("regency_staff", "ranking_national", "pdf", "", "", False),
    ("operator", "scorecard", "pdf", "", "33.73", False),
    ("operator", "evidence_zip", "zip", "", "33.73", False),
]


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST a request; its render task runs after commit, as in production."""

    def send(client, kind, fmt, province, regency):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                REQUEST,
                {
                    "kind": kind,
                    "format": fmt,
                    "year": 2026,
                    "province": province,
                    "regency": regency,
                },
            )

    return send


@pytest.mark.parametrize(
    ("who", "kind", "fmt", "province", "regency", "allowed"), CASES
)
def test_request_scope(
    request, client_for, post, scored_year, who, kind, fmt, province, regency, allowed
):
    user = request.getfixturevalue(who)
    response = post(client_for(user), kind, fmt, province, regency)
    jobs = ExportJob.objects.filter(requested_by=user)
    if allowed:
        assert response.status_code == 302
        job = jobs.get()
        assert (job.kind, job.format, job.status) == (kind, fmt, "done")
    else:
        # Operators have no export page at all; the others get 404 for the target.
        assert response.status_code in (403, 404)
        assert response.status_code == (403 if who == "operator" else 404)
        assert not jobs.exists()


ALLOWED = [c for c in CASES if c[-1]]


@pytest.mark.parametrize(
    ("who", "kind", "fmt", "province", "regency", "allowed"), ALLOWED
)
def test_download_only_for_the_requester_while_in_scope(
    request,
    client_for,
    post,
    scored_year,
    administrator,
    who,
    kind,
    fmt,
    province,
    regency,
    allowed,
):
    user = request.getfixturevalue(who)
    client = client_for(user)
    post(client, kind, fmt, province, regency)
    job = ExportJob.objects.get(requested_by=user)
    url = reverse("exports:download", args=[job.pk])
    response = client.get(url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="{job.file_name}"' in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert body[:4] in (b"%PDF", b"PK\x03\x04")
    # Someone else, even national, does not get another person's file.
    other = (
        administrator if user != administrator else request.getfixturevalue("ministry")
    )
    assert client_for(other).get(url).status_code == 404
    # The requester whose role was revoked does not get it either.
    for assignment in user.role_assignments.all():
        role_revoke(assignment=assignment, actor=administrator)
    assert client_for(user).get(url).status_code == 404


def test_a_verifier_moved_to_another_province_loses_the_old_files(
    client_for, post, scored_year, verifier, administrator
):
    from accounts.models import Role
    from accounts.services import role_grant
    from regions.selectors import office_of

    client = client_for(verifier)
    post(client, "ranking_province", "pdf", "33", "")
    job = ExportJob.objects.get(requested_by=verifier)
    role_revoke(assignment=verifier.role_assignments.get(), actor=administrator)
    role_grant(
        user=verifier,
        role=Role.VERIFIER,
        actor=administrator,
        reason="Pindah tugas ke Kanwil Sulawesi Tengah",
        office=office_of("72"),
    )
    url = reverse("exports:download", args=[job.pk])
    assert client_for(verifier).get(url).status_code == 404


def test_a_file_not_yet_ready_is_not_served(client_for, scored_year, ministry):
    from exports.services import export_request

    job = export_request(
        kind="ranking_national", fmt="pdf", actor=ministry, catalogue=scored_year
    )  # never committed, so never run
    url = reverse("exports:download", args=[job.pk])
    assert client_for(ministry).get(url).status_code == 404
