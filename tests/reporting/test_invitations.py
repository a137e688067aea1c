"""A coordinator's invitation never borrows an existing account.

A new e-mail gets a new account; an e-mail that already has one becomes a request an
administrator decides on. The coordinator sees the same words either way, and every
role grant records who granted it and why.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role, RoleAssignment, RoleRequest, User
from accounts.services.invitations import (
    InviteOutcome,
    role_request_approve,
    role_request_refuse,
)
from kernel.errors import Refusal
from reporting.services.assessments import assessment_extend, operator_invite
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def disdik(assessment):
    return assessment.regency.agencies.get(agency_type__code="disdik")


@pytest.fixture
def banyumas_operator(banyumas):
    from accounts.services import role_grant

    user = UserFactory(username="opd_banyumas", email="opd@banyumas.example.go.id")
    role_grant(
        user=user,
        role=Role.OPERATOR,
        actor=None,
        agency=banyumas.agencies.get(agency_type__code="dinkes"),
    )
    return user


def _invite(client, assessment, agency, email, name="Siti Rahma"):
    """POST the invitation; the page the coordinator lands on, and its messages."""
    response = client.post(
        reverse("reporting:invite", args=[assessment.pk]),
        {"full_name": name, "email": email, "agency": agency.pk},
    )
    assert response.status_code == 302
    assert response["Location"] != reverse("accounts:login"), "not signed in"
    assert response["Location"].startswith(
        reverse("reporting:assignment", args=[assessment.pk])
    )
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    page = client.get(response["Location"])
    return page, messages


def _roles(user: User) -> set[tuple]:
    return set(
        RoleAssignment.objects.filter(user=user).values_list(
            "role", "office_id", "regency_id", "agency_id"
        )
    )


@pytest.mark.parametrize("who", ["banyumas_operator", "verifier", "ministry"])
def test_inviting_an_existing_account_changes_nothing_and_reveals_nothing(
    who,
    request,
    client_for,
    regency_staff,
    assessment,
    disdik,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    account = request.getfixturevalue(who)
    before = _roles(account)
    with django_capture_on_commit_callbacks(execute=True):
        response, _messages = _invite(
            client_for(regency_staff), assessment, disdik, account.email.upper()
        )
    assert response.status_code == 200
    # The account holds exactly what it held: no role in Salatiga.
    assert _roles(account) == before
    assert mailoutbox == []
    pending = RoleRequest.objects.get(user=account)
    assert pending.status == RoleRequest.Status.PENDING
    assert pending.agency == disdik
    assert pending.requested_by == regency_staff
    # Nothing on the page names the account or what it holds.
    body = response.content.decode().replace(account.email.lower(), "")
    assert account.username not in body
    assert account.get_full_name() not in body
    for assignment in account.role_assignments.all():
        assert assignment.get_role_display() not in body
        if assignment.regency is not None:
            assert assignment.regency.name not in body


def test_the_coordinator_reads_the_same_words_for_a_new_and_an_existing_email(
    client_for, regency_staff, assessment, disdik, verifier
):
    client = client_for(regency_staff)
    _response, existing = _invite(client, assessment, disdik, verifier.email)
    _response, new = _invite(client, assessment, disdik, "baru@disdik.example.go.id")
    assert len(existing) == len(new) == 1
    assert existing[0].replace(verifier.email.lower(), "X") == new[0].replace(
        "baru@disdik.example.go.id", "X"
    )
    assert "nama pengguna" not in new[0].lower()


def test_a_new_email_gets_an_account_whose_grant_names_the_coordinator(
    client_for,
    regency_staff,
    assessment,
    disdik,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response, _messages = _invite(
            client_for(regency_staff), assessment, disdik, "siti@disdik.example.go.id"
        )
    user = User.objects.get(email="siti@disdik.example.go.id")
    grant = user.role_assignments.get()
    assert (grant.role, grant.agency) == (Role.OPERATOR, disdik)
    assert grant.granted_by == regency_staff
    assert "siti@disdik.example.go.id" in grant.reason
    assert not RoleRequest.objects.exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["siti@disdik.example.go.id"]
    # The username goes to its owner only, never onto the coordinator's screen.
    assert user.username in mailoutbox[0].body
    page = response.content.decode().replace("siti@disdik.example.go.id", "")
    assert user.username not in page


def test_a_second_invitation_of_the_same_account_waits_in_the_same_request(
    regency_staff, assessment, disdik, verifier
):
    first = operator_invite(
        assessment=assessment,
        agency=disdik,
        email=verifier.email,
        full_name="A",
        actor=regency_staff,
    )
    again = operator_invite(
        assessment=assessment,
        agency=disdik,
        email=verifier.email,
        full_name="A",
        actor=regency_staff,
    )
    assert (first, again) == (InviteOutcome.REQUESTED, InviteOutcome.UNCHANGED)
    assert RoleRequest.objects.count() == 1


def test_an_administrator_approves_and_the_grant_names_both_people(
    regency_staff, assessment, disdik, banyumas_operator, administrator
):
    operator_invite(
        assessment=assessment,
        agency=disdik,
        email=banyumas_operator.email,
        full_name="Budi",
        actor=regency_staff,
    )
    pending = RoleRequest.objects.get()
    grant = role_request_approve(
        role_request=pending, actor=administrator, note="Pindah tugas ke Salatiga."
    )
    assert (grant.user, grant.agency, grant.role) == (
        banyumas_operator,
        disdik,
        Role.OPERATOR,
    )
    assert grant.granted_by == administrator
    assert regency_staff.username in grant.reason
    assert "Pindah tugas ke Salatiga." in grant.reason
    pending.refresh_from_db()
    assert pending.status == RoleRequest.Status.APPROVED
    assert pending.decided_by == administrator
    assert pending.decided_at is not None
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        role_request_refuse(role_request=pending, actor=administrator)


def test_a_refused_request_leaves_the_account_as_it_was(
    regency_staff, assessment, disdik, verifier, administrator
):
    before = _roles(verifier)
    operator_invite(
        assessment=assessment,
        agency=disdik,
        email=verifier.email,
        full_name="Verifikator",
        actor=regency_staff,
    )
    pending = RoleRequest.objects.get()
    role_request_refuse(role_request=pending, actor=administrator, note="Verifikator.")
    assert _roles(verifier) == before
    pending.refresh_from_db()
    assert pending.status == RoleRequest.Status.REFUSED
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        role_request_approve(role_request=pending, actor=administrator)


def test_only_administrators_decide_requests(
    regency_staff, assessment, disdik, verifier, ministry
):
    operator_invite(
        assessment=assessment,
        agency=disdik,
        email=verifier.email,
        full_name="X",
        actor=regency_staff,
    )
    pending = RoleRequest.objects.get()
    for actor in (regency_staff, verifier, ministry):
        with pytest.raises(PermissionDenied):
            role_request_approve(role_request=pending, actor=actor)
    assert RoleRequest.objects.get().status == RoleRequest.Status.PENDING


@pytest.mark.clock
def test_invitations_are_refused_after_the_deadline_unless_extended(
    regency_staff, assessment, disdik, administrator
):
    after = assessment.deadline + datetime.timedelta(minutes=1)
    with time_machine.travel(after, tick=False):
        with pytest.raises(Refusal, match="Batas waktu pengisian sudah lewat"):
            operator_invite(
                assessment=assessment,
                agency=disdik,
                email="telat@disdik.example.go.id",
                full_name="Telat",
                actor=regency_staff,
            )
        assert not User.objects.filter(email="telat@disdik.example.go.id").exists()
        assessment_extend(
            assessment=assessment,
            until=after + datetime.timedelta(days=3),
            reason="Banjir",
            actor=administrator,
        )
        outcome = operator_invite(
            assessment=assessment,
            agency=disdik,
            email="telat@disdik.example.go.id",
            full_name="Telat",
            actor=regency_staff,
        )
    assert outcome == InviteOutcome.CREATED


@pytest.mark.clock
def test_the_invitation_page_says_why_after_the_deadline(
    client_for, regency_staff, assessment, disdik
):
    with time_machine.travel(assessment.deadline + datetime.timedelta(hours=1)):
        _response, messages = _invite(
            client_for(regency_staff), assessment, disdik, "telat@disdik.example.go.id"
        )
    assert any("Batas waktu pengisian sudah lewat" in m for m in messages)
    assert not User.objects.filter(email="telat@disdik.example.go.id").exists()


@pytest.mark.clock
def test_invitation_emails_are_rate_limited_per_email_and_per_coordinator(
    settings, client_for, regency_staff, assessment, disdik, mailoutbox
):
    settings.INVITATION_RATE_PER_EMAIL = (2, 24 * 60 * 60)
    settings.INVITATION_RATE_PER_COORDINATOR = (4, 60 * 60)
    # Ten days before the deadline, at the start of an hour (the windows are aligned).
    start = (assessment.deadline - datetime.timedelta(days=10)).replace(
        minute=0, second=0, microsecond=0
    )
    with time_machine.travel(start, tick=False):
        client = client_for(regency_staff)
        for _attempt in range(2):
            _response, messages = _invite(
                client, assessment, disdik, "sama@disdik.example.go.id"
            )
            assert messages and not any("Terlalu banyak" in m for m in messages)
        _response, messages = _invite(
            client, assessment, disdik, "sama@disdik.example.go.id"
        )
        assert any("Terlalu banyak undangan dikirim" in m for m in messages), messages
        # Other e-mails until the coordinator's own limit.
        _invite(client, assessment, disdik, "lain1@disdik.example.go.id")
        _response, messages = _invite(
            client, assessment, disdik, "lain2@disdik.example.go.id"
        )
        assert any("Terlalu banyak undangan dikirim" in m for m in messages)
        assert not User.objects.filter(email="lain2@disdik.example.go.id").exists()
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        _response, messages = _invite(
            client_for(regency_staff), assessment, disdik, "lain2@disdik.example.go.id"
        )
    assert messages and not any("Terlalu banyak" in m for m in messages)
    assert User.objects.filter(email="lain2@disdik.example.go.id").exists()
