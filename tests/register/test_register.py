"""The register of alleged violations: who sees and does what, the follow-up and
verification flow, the cut-off, and the deduction the central team decides on."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from reporting.models import (
    Adjustment,
    Assessment,
    CaseFollowUp,
    ViolationCase,
    YearSettings,
)
from reporting.services.ranking import year_recompute
from reporting.services.register import (
    case_follow_up_add,
    case_register,
    case_resolution_verify,
    deduction_accept,
    deduction_propose,
)
from tests.files import pdf_upload, upload

WIB = datetime.timezone(datetime.timedelta(hours=7))
S = ViolationCase.Status


@pytest.fixture
def case(salatiga, ministry) -> ViolationCase:
    return case_register(
        regency=salatiga,
        title="Penggusuran tanpa musyawarah",
        source=ViolationCase.Source.KOMNAS,
        reference="KOMNAS-001",
        reported_on=datetime.date(2026, 2, 3),
        actor=ministry,
    )


# ---------------------------------------------------------------- who sees what


@pytest.mark.django_db
def test_the_case_page_by_role_and_region(
    client_for,
    case,
    regency_staff,
    operator,
    other_regency_staff,
    verifier,
    foreign_verifier,
    ministry,
):
    url = reverse("reporting:cases", args=["33.73"])
    for user, status in (
        (regency_staff, 200),
        (verifier, 200),
        (ministry, 200),
        (operator, 404),
        (other_regency_staff, 404),
        (foreign_verifier, 404),
    ):
        response = client_for(user).get(url)
        assert response.status_code == status, user.username
        if status == 200:
            assert "KOMNAS-001" in response.content.decode()
    # Only the kab/kota's coordinator gets the upload form.
    assert "Unggah tindak lanjut" in client_for(regency_staff).get(url).content.decode()
    assert "Unggah tindak lanjut" not in client_for(verifier).get(url).content.decode()
    change = reverse("admin:reporting_violationcase_change", args=[case.pk])
    assert client_for(verifier).get(change).status_code == 200
    assert client_for(foreign_verifier).get(change).status_code == 404
    assert client_for(regency_staff).get(change).status_code == 403


@pytest.mark.django_db
def test_only_the_ministry_registers(client_for, salatiga, verifier, ministry):
    from kernel.errors import Refusal

    with pytest.raises(Refusal):
        case_register(
            regency=salatiga,
            title="x",
            source="kanwil",
            reference="K-1",
            reported_on=datetime.date(2026, 1, 1),
            actor=verifier,
        )
    add = reverse("admin:reporting_violationcase_add")
    assert client_for(verifier).get(add).status_code == 403
    response = client_for(ministry).post(
        add,
        {
            "regency": "33.73",
            "title": "Pembubaran diskusi",
            "source": "complaint",
            "reference": "ADU-2026-17",
            "reported_on": "05/03/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = ViolationCase.objects.get(reference="ADU-2026-17")
    assert stored.registered_by == ministry and stored.status == S.OPEN


# ---------------------------------------------------------------- the flow


@pytest.mark.django_db
def test_follow_up_then_kanwil_refuses_then_verifies(
    client_for, case, regency_staff, operator, verifier, foreign_verifier
):
    follow = reverse("reporting:case-follow-up", args=[case.pk])
    # An OPD operator cannot even find the case.
    assert client_for(operator).post(follow).status_code == 404
    # A renamed executable is refused with a message, nothing stored, no 500.
    response = client_for(regency_staff).post(
        follow,
        {f"k{case.pk}-files": upload("surat.pdf", b"MZ\x90\x00" + b"\x00" * 64)},
        follow=True,
    )
    assert response.status_code == 200
    assert not CaseFollowUp.objects.exists()
    assert ViolationCase.objects.get(pk=case.pk).status == S.OPEN
    response = client_for(regency_staff).post(
        follow,
        {
            f"k{case.pk}-files": pdf_upload("mediasi.pdf"),
            f"k{case.pk}-note": "Berita acara mediasi",
        },
    )
    assert response.status_code == 302
    stored = CaseFollowUp.objects.get()
    assert stored.original_name == "mediasi.pdf" and stored.uploaded_by == regency_staff
    assert ViolationCase.objects.get(pk=case.pk).status == S.AWAITING
    # The file is private: the case's people only.
    download = reverse("reporting:case-file", args=[stored.pk])
    assert client_for(verifier).get(download).status_code == 200
    assert client_for(foreign_verifier).get(download).status_code == 404
    assert client_for(operator).get(download).status_code == 404

    refuse = reverse("admin:reporting_violationcase_refuse", args=[case.pk])
    verify = reverse("admin:reporting_violationcase_verify", args=[case.pk])
    assert client_for(foreign_verifier).post(verify).status_code == 404
    client_for(verifier).post(refuse, {"note": ""})
    assert (
        ViolationCase.objects.get(pk=case.pk).status == S.AWAITING
    )  # a note is required
    client_for(verifier).post(refuse, {"note": "Belum ada pemulihan korban"})
    refused = ViolationCase.objects.get(pk=case.pk)
    assert (refused.status, refused.verification_note) == (
        S.OPEN,
        "Belum ada pemulihan korban",
    )
    page = client_for(regency_staff).get(reverse("reporting:cases", args=["33.73"]))
    assert "Belum ada pemulihan korban" in page.content.decode()

    client_for(regency_staff).post(
        follow, {f"k{case.pk}-files": pdf_upload("pemulihan.pdf", b"% dua")}
    )
    client_for(verifier).post(verify, {"note": "Korban sudah dipulihkan"})
    resolved = ViolationCase.objects.get(pk=case.pk)
    assert resolved.status == S.RESOLVED and resolved.resolved_by == verifier
    # Once resolved, the kab/kota uploads no more.
    page = client_for(regency_staff).get(reverse("reporting:cases", args=["33.73"]))
    assert "Unggah tindak lanjut" not in page.content.decode()


# ---------------------------------------------------------------- the cut-off


def _case(regency, ministry, ref: str, day: datetime.date) -> ViolationCase:
    return case_register(
        regency=regency,
        title=f"Kasus {ref}",
        source=ViolationCase.Source.COMPLAINT,
        reference=ref,
        reported_on=day,
        actor=ministry,
    )


def _resolve(case, regency_staff, verifier, at: datetime.datetime) -> None:
    with time_machine.travel(at, tick=False):
        case_follow_up_add(
            case=case,
            uploads=[pdf_upload(f"{case.reference}.pdf", case.reference.encode())],
            note="",
            actor=regency_staff,
        )
        case_resolution_verify(case=case, actor=verifier)


@pytest.mark.django_db
def test_a_case_resolved_after_the_cutoff_counts_as_unresolved_at_it(
    scored_year, ministry, regency_staff, verifier
):
    from regions.models import Regency

    salatiga = Regency.objects.get(code="33.73")
    YearSettings.objects.create(
        catalogue=scored_year, cutoff_date=datetime.date(scored_year.year, 9, 17)
    )
    y = scored_year.year
    late = _case(salatiga, ministry, "LAMBAT", datetime.date(y, 3, 1))
    early = _case(salatiga, ministry, "TEPAT", datetime.date(y, 3, 2))
    _case(salatiga, ministry, "BARU", datetime.date(y, 9, 18))  # after the cut-off
    _case(salatiga, ministry, "TERBUKA", datetime.date(y, 4, 1))
    # Resolved a minute before the end of 17 September (WIB), and a minute after.
    _resolve(
        early, regency_staff, verifier, datetime.datetime(y, 9, 17, 23, 59, tzinfo=WIB)
    )
    _resolve(
        late, regency_staff, verifier, datetime.datetime(y, 9, 18, 0, 1, tzinfo=WIB)
    )

    with time_machine.travel(datetime.datetime(y, 10, 1, 9, tzinfo=WIB), tick=False):
        proposal = deduction_propose(catalogue=scored_year, regency=salatiga)
    assert [c.reference for c in proposal.cases] == ["LAMBAT", "TERBUKA"]
    assert ViolationCase.objects.get(pk=late.pk).status == S.RESOLVED

    # A later cut-off moves the picture: the late resolution now came in time.
    YearSettings.objects.filter(catalogue=scored_year).update(
        cutoff_date=datetime.date(y, 9, 30)
    )
    proposal = deduction_propose(catalogue=scored_year, regency=salatiga)
    assert [c.reference for c in proposal.cases] == ["TERBUKA", "BARU"]


# ---------------------------------------------------------------- the deduction


@pytest.mark.django_db
def test_the_proposal_lists_its_cases_and_changes_nothing_until_accepted(
    client_for, scored_year, ministry, administrator
):
    from regions.models import Regency

    salatiga = Regency.objects.get(code="33.73")
    assessment = Assessment.objects.get(regency=salatiga, catalogue=scored_year)
    YearSettings.objects.create(
        catalogue=scored_year,
        cutoff_date=datetime.date(scored_year.year, 9, 17),
        deduction_per_case=Decimal("1.50"),
    )
    type(scored_year).objects.filter(pk=scored_year.pk).update(deduction_max=10)
    y = scored_year.year
    _case(salatiga, ministry, "ADU-11", datetime.date(y, 2, 1))
    _case(salatiga, ministry, "KOMNAS-12", datetime.date(y, 5, 1))
    before = list(Adjustment.objects.values_list("pk", "points"))

    page = reverse("admin:reporting_violationcase_deduction", args=[assessment.pk])
    response = client_for(ministry).get(page)
    text = response.content.decode()
    assert response.status_code == 200
    assert "ADU-11" in text and "KOMNAS-12" in text
    assert 'value="3,00"' in text  # 2 cases × 1.50, the suggestion only
    assert list(Adjustment.objects.values_list("pk", "points")) == before
    # The administrator sees the proposal but the decision is the team's.
    assert client_for(administrator).get(page).status_code == 200
    ids = [str(c.pk) for c in ViolationCase.objects.order_by("pk")]
    client_for(administrator).post(page, {"case": ids, "points": "3"})
    assert list(Adjustment.objects.values_list("pk", "points")) == before
    # Bad input: a message, nothing recorded, no 500.
    assert (
        client_for(ministry).post(page, {"case": ids, "points": "tiga"}).status_code
        == 302
    )
    assert (
        client_for(ministry).post(page, {"case": ids[:1], "points": "3"}).status_code
        == 302
    )
    assert list(Adjustment.objects.values_list("pk", "points")) == before

    client_for(ministry).post(
        page, {"case": ids, "points": "2,50", "note": "Rapat tim"}
    )
    deduction = Adjustment.objects.get(kind=Adjustment.Kind.DEDUCTION)
    assert deduction.points == Decimal("2.50") and deduction.created_by == ministry
    assert "ADU-11" in deduction.basis and "KOMNAS-12" in deduction.basis
    assert "Rapat tim" in deduction.basis
    assert set(deduction.cases.values_list("reference", flat=True)) == {
        "ADU-11",
        "KOMNAS-12",
    }
    # Deducted once: the next proposal is empty.
    assert deduction_propose(catalogue=scored_year, regency=salatiga).cases == []

    year_recompute(catalogue_id=scored_year.pk)
    explain = client_for(ministry).get(
        reverse("reporting:score-explain", args=[assessment.pk])
    )
    assert "ADU-11" in explain.content.decode()
    assert "KOMNAS-12" in explain.content.decode()


@pytest.mark.django_db
def test_accept_refuses_when_the_cases_changed(scored_year, ministry, regency_staff):
    from kernel.errors import Refusal
    from regions.models import Regency

    salatiga = Regency.objects.get(code="33.73")
    assessment = Assessment.objects.get(regency=salatiga, catalogue=scored_year)
    first = _case(salatiga, ministry, "A-1", datetime.date(scored_year.year, 1, 5))
    _case(salatiga, ministry, "A-2", datetime.date(scored_year.year, 1, 6))
    with pytest.raises(Refusal):
        deduction_accept(
            assessment=assessment,
            case_ids=[first.pk],
            points=Decimal(1),
            actor=ministry,
        )
    assert not Adjustment.objects.filter(kind=Adjustment.Kind.DEDUCTION).exists()


@pytest.mark.django_db
def test_load_demo_adds_one_case_marked_as_a_sample(regions, client_for):
    from django.core.management import call_command

    from accounts.models import User

    call_command("load_demo")
    call_command("load_demo")  # repeatable
    case = ViolationCase.objects.get()
    assert case.is_sample and case.reference.startswith("CONTOH")
    coordinator = User.objects.filter(
        role_assignments__role="coordinator",
        role_assignments__regency_id=case.regency_id,
    ).first()
    page = client_for(coordinator).get(
        reverse("reporting:cases", args=[case.regency_id])
    )
    assert "CONTOH — bukan kasus sebenarnya" in page.content.decode()


@pytest.mark.django_db
def test_a_verifier_who_was_the_coordinator_this_year_cannot_verify_the_case(
    case, regency_staff, verifier, administrator
):
    """The kab/kota's coordinator uploads the follow-up, then moves to the Kanwil
    that covers it: the case is verified by someone else, and stays waiting."""
    from accounts.models import Role
    from accounts.services import role_grant, role_revoke
    from kernel.errors import Refusal
    from regions.selectors import office_of
    from reporting.services.register import case_resolution_refuse

    case_follow_up_add(
        case=case, uploads=[pdf_upload("mediasi.pdf")], note="", actor=regency_staff
    )
    role_revoke(assignment=regency_staff.role_assignments.get(), actor=administrator)
    role_grant(
        user=regency_staff, role=Role.VERIFIER, actor=None, office=office_of("33")
    )
    with pytest.raises(Refusal, match="mengunggah data dukung kasus ini"):
        case_resolution_verify(case=case, actor=regency_staff)
    # Even had someone else uploaded the files, the role held this year counts.
    CaseFollowUp.objects.update(uploaded_by=administrator)
    with pytest.raises(Refusal, match="pernah memegang") as refused:
        case_resolution_refuse(case=case, actor=regency_staff, note="Kurang")
    assert "Kota Salatiga" in str(refused.value)
    assert ViolationCase.objects.get(pk=case.pk).status == S.AWAITING
    # A colleague at the Kanwil who never worked for Salatiga decides.
    assert case_resolution_verify(case=case, actor=verifier).status == S.RESOLVED


@pytest.mark.django_db
def test_the_console_says_why_a_verifier_may_not_decide(
    client_for, case, regency_staff, administrator
):
    from accounts.models import Role
    from accounts.services import role_grant, role_revoke
    from regions.selectors import office_of

    case_follow_up_add(
        case=case, uploads=[pdf_upload("mediasi.pdf")], note="", actor=regency_staff
    )
    role_revoke(assignment=regency_staff.role_assignments.get(), actor=administrator)
    role_grant(
        user=regency_staff, role=Role.VERIFIER, actor=None, office=office_of("33")
    )
    page = client_for(regency_staff).get(
        reverse("admin:reporting_violationcase_change", args=[case.pk])
    )
    body = page.content.decode()
    assert 'id="independence"' in body and "keputusan harus diambil orang lain" in body
    assert reverse("admin:reporting_violationcase_verify", args=[case.pk]) not in body
    # Posting anyway changes nothing and says why.
    response = client_for(regency_staff).post(
        reverse("admin:reporting_violationcase_verify", args=[case.pk]), follow=True
    )
    assert "keputusan harus diambil orang lain" in response.content.decode()
    assert ViolationCase.objects.get(pk=case.pk).status == S.AWAITING
