"""The offline spreadsheet round trip: plan the changes of an uploaded sheet, then
apply them all or none through ``answer_save`` (the same rules as the page).

Reading a sheet compares each row with the answer as stored now:

- unchanged rows (the same value and note as on the site, or as written into the
  file) are skipped;
- a row the person changed whose answer was saved on the site since the download
  (another version) is a **conflict**: listed with both sides, never applied;
- a row changing an answer the person may not edit (submitted, accepted, another
  OPD's, past the deadline) is **refused** with its code and the reason;
- a cell that is not a valid answer is a **problem** (row, column, reason): the
  file is refused as a whole until it is fixed;
- the rest are **changes** (old → new), shown for confirmation.

The plan is kept server-side (``AnswerSheetPlan``, an hour) under a random token tied to the person
and the assessment; the confirmation applies what was planned, never what a form
posts back, and refuses the lot when any answer moved since the preview.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from kernel import clock, conflicts
from kernel.errors import Refusal
from reporting import answer_sheet, permissions
from reporting.models import Answer, AnswerSheetPlan, Assessment
from reporting.services.answers import AnswerConflict, answer_save, clean_input

NOTE_MAX = 5000
PLAN_LIFETIME = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Change:
    answer_id: int
    code: str
    row: int
    version: int
    old_value: str
    new_value: str
    old_note: str
    new_note: str


@dataclass(frozen=True)
class Conflict:
    code: str
    row: int
    site_value: str
    site_note: str
    file_value: str
    file_note: str
    who: str
    when: str


@dataclass(frozen=True)
class Locked:
    code: str
    row: int
    reason: str


@dataclass
class Plan:
    assessment_id: int
    user_id: int
    file_name: str
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    locked: list[Locked] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0

    @property
    def can_apply(self) -> bool:
        return bool(self.changes) and not self.problems


def sheet_answers(*, user: User, assessment: Assessment):
    """The answers a person fills in: the whole kab/kota for its coordinator, the
    person's OPD for an operator (None when the person works on none of them)."""
    if not permissions.works_in(user, assessment):
        return None
    answers = permissions.answers_for(user, assessment)
    if not permissions.is_coordinator(user, assessment):
        answers = answers.filter(
            agency_id__in=permissions.access.scope_of(user).agency_ids
        )
    return answers.select_related(
        "indicator", "updated_by", "assessment__regency", "assessment__catalogue"
    ).order_by("indicator__category__order", "indicator__order")


def sheet_title(assessment: Assessment) -> str:
    return _("Lembar isian %(regency)s, penilaian %(year)s") % {
        "regency": assessment.regency.name,
        "year": assessment.catalogue.year,
    }


def plan_sheet(
    *, user: User, assessment: Assessment, content: bytes, file_name: str
) -> Plan:
    """Read an uploaded sheet and compare it with the stored answers (no writes)."""
    rows = answer_sheet.read_sheet(content)
    answers = sheet_answers(user=user, assessment=assessment)
    if answers is None:
        raise Refusal(_("Tidak ada indikator yang ditugaskan kepada Anda."))
    by_code = {a.indicator.code: a for a in answers}
    plan = Plan(assessment_id=assessment.pk, user_id=user.pk, file_name=file_name)
    seen: dict[str, int] = {}
    label = answer_sheet.column_label
    for row in rows:
        if row.assessment and row.assessment != str(assessment.pk):
            raise ValidationError(
                _(
                    "Lembar ini diunduh untuk penilaian lain (baris %(row)d). Unduh "
                    "lembar isian dari halaman penilaian ini."
                )
                % {"row": row.row}
            )
        answer = by_code.get(row.code)
        if answer is None:
            plan.problems.append(
                Problem(
                    row.row,
                    label(answer_sheet.CODE),
                    _(
                        "Kode “%(code)s” tidak termasuk indikator yang ditugaskan kepada Anda."
                    )
                    % {"code": row.code or "—"},
                )
            )
            continue
        if row.code in seen:
            plan.problems.append(
                Problem(
                    row.row,
                    label(answer_sheet.CODE),
                    _("Kode %(code)s sudah ada pada baris %(first)d.")
                    % {"code": row.code, "first": seen[row.code]},
                )
            )
            continue
        seen[row.code] = row.row
        _plan_row(plan, user, answer, row)
    return plan


def _plan_row(plan: Plan, user: User, answer: Answer, row) -> None:
    indicator = answer.indicator
    kind = indicator.kind
    label = answer_sheet.column_label
    new_value = kind.sheet_raw(indicator, row.value) if kind.takes_value else ""
    if not kind.takes_value and answer_sheet.cell_text(row.value):
        plan.problems.append(
            Problem(
                row.row,
                label(answer_sheet.VALUE),
                _(
                    "%(code)s dijawab dengan data dukung di portal; kosongkan kolom "
                    "Nilai."
                )
                % {"code": indicator.code},
            )
        )
        return
    site_value = answer_sheet.site_text(answer)
    if (new_value, row.note) == (site_value, answer.note):
        plan.unchanged += 1
        return
    if answer_sheet.fingerprint(new_value, row.note) == row.fingerprint:
        plan.unchanged += 1  # untouched in the file; the site moved on: keep the site
        return
    refusal = permissions.edit_refusal(user, answer)
    if refusal:
        plan.locked.append(Locked(indicator.code, row.row, refusal))
        return
    if row.version != answer.version:
        plan.conflicts.append(
            Conflict(
                code=indicator.code,
                row=row.row,
                site_value=site_value,
                site_note=answer.note,
                file_value=new_value,
                file_note=row.note,
                who=conflicts.person(answer.updated_by),
                when=clock.when(answer.updated_at) if answer.updated_at else "—",
            )
        )
        return
    problem = None
    if len(new_value) > 500:
        problem = (VALUE_COLUMN, _("Isian paling panjang 500 karakter."))
    elif new_value:
        error = clean_input(answer, new_value)[1]
        if error:
            problem = (VALUE_COLUMN, error)
    if problem is None and len(row.note) > NOTE_MAX:
        problem = (
            answer_sheet.NOTE,
            _("Keterangan paling panjang %(n)d karakter.") % {"n": NOTE_MAX},
        )
    if problem:
        plan.problems.append(Problem(row.row, label(problem[0]), problem[1]))
        return
    plan.changes.append(
        Change(
            answer_id=answer.pk,
            code=indicator.code,
            row=row.row,
            version=answer.version,
            old_value=site_value,
            new_value=new_value,
            old_note=answer.note,
            new_note=row.note,
        )
    )


VALUE_COLUMN = answer_sheet.VALUE


# ---------------------------------------------------------------- keeping the plan


@transaction.atomic
def plan_keep(plan: Plan, *, now=None) -> str:
    """Keep the plan for its person and assessment; their older plans go."""
    now = now or clock.now()
    AnswerSheetPlan.objects.filter(
        user_id=plan.user_id, created_at__lt=now - PLAN_LIFETIME
    ).delete()
    token = secrets.token_urlsafe(24)
    AnswerSheetPlan.objects.create(
        token=token,
        assessment_id=plan.assessment_id,
        user_id=plan.user_id,
        plan=asdict(plan),
        created_at=now,
    )
    return token


def plan_load(
    *, token: str, user: User, assessment: Assessment, now=None
) -> Plan | None:
    """The plan kept under ``token`` for this person and assessment, or None."""
    now = now or clock.now()
    row = AnswerSheetPlan.objects.filter(
        token=token[:64],
        user=user,
        assessment=assessment,
        created_at__gte=now - PLAN_LIFETIME,
    ).first()
    if row is None:
        return None
    data = row.plan
    return Plan(
        assessment_id=data["assessment_id"],
        user_id=data["user_id"],
        file_name=data["file_name"],
        changes=[Change(**c) for c in data["changes"]],
        conflicts=[Conflict(**c) for c in data["conflicts"]],
        locked=[Locked(**c) for c in data["locked"]],
        problems=[Problem(**c) for c in data["problems"]],
        unchanged=data["unchanged"],
    )


def plan_forget(token: str) -> None:
    AnswerSheetPlan.objects.filter(token=token[:64]).delete()


@transaction.atomic
def sheet_apply(*, plan: Plan, actor: User) -> int:
    """Save every planned change or none: each through ``answer_save`` with the
    version the file was read at, so a save on the site since the preview refuses
    the lot (nothing is overwritten)."""
    if plan.problems:
        raise Refusal(_("Lembar ini masih memuat isian yang salah; perbaiki dulu."))
    if not plan.changes:
        raise Refusal(_("Tidak ada perubahan untuk disimpan."))
    answers = {
        a.pk: a
        for a in Answer.objects.filter(
            pk__in=[c.answer_id for c in plan.changes],
            assessment_id=plan.assessment_id,
        )
    }
    for change in plan.changes:
        answer = answers.get(change.answer_id)
        if answer is None:
            raise Refusal(
                _("Jawaban %(code)s tidak ditemukan.") % {"code": change.code}
            )
        try:
            result = answer_save(
                answer=answer,
                raw_value=change.new_value,
                note=change.new_note,
                expected_version=change.version,
                actor=actor,
            )
        except AnswerConflict as exc:
            raise Refusal(
                _(
                    "Tidak ada yang disimpan: %(code)s diubah di portal oleh %(who)s "
                    "setelah pratinjau. Unggah lembar isian sekali lagi."
                )
                % {"code": change.code, "who": conflicts.person(exc.answer.updated_by)}
            ) from None
        if result.error:
            raise Refusal(
                _("Tidak ada yang disimpan: %(code)s: %(error)s")
                % {"code": change.code, "error": result.error}
            )
    return len(plan.changes)


def sheet_max_mb() -> int:
    return settings.IMPORT_MAX_FILE_MB
