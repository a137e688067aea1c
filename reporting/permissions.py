"""Who may see, change, send and decide assessments, answers and evidence: role,
region and state. The one vocabulary of KKPHAM.

Views fetch through ``assessments_for``/``answers_for`` (404 outside scope) and ask
``edit_refusal`` before showing an editable form; services ask again before writing.
Views, the console and templates use the ``can_*``/``is_*`` predicates (templates
receive their booleans, never lists of statuses to test against).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts import access
from accounts.independence import year_start
from accounts.models import Role, User
from files.contributors import contributor_ids as files_contributor_ids
from kernel.clock import when
from regions.models import Regency
from reporting.models import Answer, Assessment, Evidence, ViolationCase

EDITABLE_ANSWER = {
    Answer.Status.DRAFT,
    Answer.Status.READY,
    Answer.Status.RETURNED,
    Answer.Status.REVISED,
}
EDITABLE_ASSESSMENT = {Assessment.Status.DRAFT, Assessment.Status.RETURNED}


def assessments_for(user: User) -> QuerySet[Assessment]:
    """Assessments of the kab/kota the user may see."""
    return Assessment.objects.filter(access.regency_filter(user, "regency__"))


def _sees_whole_regency(user: User, assessment: Assessment) -> bool:
    scope = access.scope_of(user)
    return (
        scope.national
        or assessment.regency_id in scope.regency_codes
        or assessment.regency.province_id in scope.province_codes
    )


def answers_for(user: User, assessment: Assessment) -> QuerySet[Answer]:
    """All answers for coordinators and reviewers; an operator's own agency only."""
    answers = assessment.answers.all()
    if _sees_whole_regency(user, assessment):
        return answers
    return answers.filter(agency_id__in=access.scope_of(user).agency_ids)


def is_coordinator(user: User, assessment: Assessment) -> bool:
    return assessment.regency_id in access.scope_of(user).regency_codes


def works_in(user: User, assessment: Assessment) -> bool:
    """The kab/kota's coordinator or an operator of one of its OPD."""
    return assessment.regency_id in access.scope_of(user).own_regency_codes


def is_verifier(user: User, assessment: Assessment) -> bool:
    """A verifier of the Kanwil of the kab/kota's province (independence is checked
    again on every decision)."""
    return assessment.regency.province_id in access.scope_of(user).province_codes


def is_kanwil(user: User) -> bool:
    """Holds a Kanwil verifier role (of some province): the console starts with the
    queue for them."""
    return access.has_role(user, Role.VERIFIER)


def is_assessor(user: User) -> bool:
    """The ministry's assessment team (central adjustments, finalisation)."""
    return access.has_role(user, Role.ASSESSOR)


def can_decide(user: User, answer: Answer) -> bool:
    """Accept or return this answer: the province's verifier, while it waits."""
    return answer.status == Answer.Status.SUBMITTED and is_verifier(
        user, answer.assessment
    )


def can_accept(user: User, answer: Answer) -> bool:
    """Accept this answer: it can be decided and what was typed is a valid answer."""
    return not answer.input_invalid and can_decide(user, answer)


def can_correct(user: User, answer: Answer) -> bool:
    """Correct the value of this answer: the province's verifier, during verification."""
    return (
        answer.assessment.status == Assessment.Status.IN_VERIFICATION
        and answer.status in {Answer.Status.SUBMITTED, Answer.Status.ACCEPTED}
        and is_verifier(user, answer.assessment)
    )


def can_finalise(user: User, assessment: Assessment) -> bool:
    """Central adjustments and finalisation of a verified assessment."""
    return assessment.status == Assessment.Status.VERIFIED and is_assessor(user)


def can_edit(user: User, answer: Answer, *, now=None) -> bool:
    return edit_refusal(user, answer, now=now) is None


def can_submit(user: User, assessment: Assessment, *, now=None) -> bool:
    return submit_refusal(user, assessment, now=now) is None


def works_on(user: User, answer: Answer) -> bool:
    """The answer's own OPD operator, or the kab/kota coordinator."""
    scope = access.scope_of(user)
    return answer.agency_id in scope.agency_ids or is_coordinator(
        user, answer.assessment
    )


def edit_refusal(user: User, answer: Answer, *, now=None) -> str | None:
    """Why this user may not change this answer now, or None when they may."""
    if not works_on(user, answer):
        return _("Indikator ini ditugaskan kepada OPD lain.")
    return state_refusal(answer, now=now)


def state_refusal(answer: Answer, *, now=None) -> str | None:
    """Why nobody in the region may change this answer now (its state, the deadline)."""
    assessment = answer.assessment
    if assessment.status not in EDITABLE_ASSESSMENT:
        return _("Penilaian sudah dikirim (%(status)s); isian terkunci.") % {
            "status": assessment.get_status_display()
        }
    if answer.status not in EDITABLE_ANSWER:
        return _("Jawaban berstatus %(status)s dan terkunci.") % {
            "status": answer.get_status_display()
        }
    if assessment.status == Assessment.Status.RETURNED and answer.status not in {
        Answer.Status.RETURNED,
        Answer.Status.REVISED,
    }:
        return _("Hanya jawaban yang dikembalikan yang dapat diperbaiki.")
    return deadline_refusal(assessment, now=now)


def deadline_refusal(assessment: Assessment, *, now=None) -> str | None:
    """After the deadline nothing of the year changes in the kab/kota: answers,
    evidence, assignment, approval records, invitations."""
    if assessment.is_past_deadline(now):
        return _(
            "Batas waktu pengisian sudah lewat (%(deadline)s). Mintalah perpanjangan "
            "kepada administrator."
        ) % {"deadline": when(assessment.effective_deadline)}
    return None


def submit_refusal(user: User, assessment: Assessment, *, now=None) -> str | None:
    if not is_coordinator(user, assessment):
        return _("Hanya koordinator kabupaten/kota yang dapat mengirim penilaian.")
    if assessment.status not in EDITABLE_ASSESSMENT:
        return _("Penilaian sudah dikirim.")
    if assessment.is_past_deadline(now):
        return _(
            "Batas waktu pengiriman sudah lewat. Mintalah perpanjangan kepada "
            "administrator."
        )
    return None


def visible_answer_filter(user: User) -> Q:
    """For listing answers across assessments (e.g. "my indicators")."""
    scope = access.scope_of(user)
    return Q(agency_id__in=scope.agency_ids) | Q(
        assessment__regency_id__in=scope.regency_codes
    )


def can_view_score(user: User, assessment: Assessment) -> bool:
    """The kab/kota's coordinator, its Kanwil and the ministry (not OPD operators)."""
    return can_view_scores_of(user, assessment.regency)


def can_view_working_score(user: User, assessment: Assessment) -> bool:
    """The working total of a kab/kota still in verification, labelled as such: the
    Kanwil verifiers of its province and the ministry's assessors, who need it for
    their work. Everyone else sees the verification's progress until it is complete."""
    return is_verifier(user, assessment) or is_assessor(user)


def can_view_scores_of(user: User, regency: Regency) -> bool:
    """Score explanations of a kab/kota, any year: as ``can_view_score``."""
    scope = access.scope_of(user)
    return (
        scope.national
        or regency.province_id in scope.province_codes
        or regency.code in scope.regency_codes
    )


def ranking_provinces(user: User) -> set[str] | None:
    """Provinces whose ranking the user may see: None means all, empty means none."""
    scope = access.scope_of(user)
    if scope.national:
        return None
    return set(scope.province_codes)


def independence_since(assessment: Assessment) -> datetime.datetime:
    """From when a regional role disqualifies a decision: the start of the year (or
    the opening of the assessment, if earlier)."""
    return min(year_start(assessment.catalogue.year), assessment.created_at)


def contributor_ids(answers: QuerySet[Answer]) -> set[int]:
    """Everyone who ever entered, changed or evidenced these answers (their whole
    history, removed files included)."""
    return files_contributor_ids(answers, files=Evidence, owner="answer")


# ---------------------------------------------------------------- the case register


def cases_for(user: User) -> QuerySet[ViolationCase]:
    """Cases the user may see: the kab/kota's coordinator, the Kanwil of its province,
    the ministry. OPD operators see none."""
    scope = access.scope_of(user)
    if scope.national:
        return ViolationCase.objects.all()
    return ViolationCase.objects.filter(
        Q(regency_id__in=scope.regency_codes)
        | Q(regency__province_id__in=scope.province_codes)
    )


def can_view_cases(user: User, regency: Regency) -> bool:
    scope = access.scope_of(user)
    return (
        scope.national
        or regency.code in scope.regency_codes
        or regency.province_id in scope.province_codes
    )


def can_follow_up(user: User, case: ViolationCase) -> bool:
    """Upload follow-up: the kab/kota's coordinator, until the Kanwil verified it."""
    return (
        case.status != ViolationCase.Status.RESOLVED
        and case.regency_id in access.scope_of(user).regency_codes
    )


def can_verify_case(user: User, case: ViolationCase) -> bool:
    """Verify (or refuse) the resolution: the Kanwil of the province, while it waits."""
    return (
        case.status == ViolationCase.Status.AWAITING
        and case.regency.province_id in access.scope_of(user).province_codes
    )


def can_register_cases(user: User) -> bool:
    """The ministry registers cases (assessors and administrators)."""
    return access.has_role(user, Role.ASSESSOR, Role.ADMINISTRATOR)
