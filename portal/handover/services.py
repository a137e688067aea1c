"""Handing a departed OPD operator's work to a successor, in one step.

It sits in ``portal`` because it moves both programmes' assignments: KKPHAM answers
(``reporting``) and Aksi HAM actions (``aksiham``). Everything it does, the
coordinator could already do piece by piece (assign indicators and actions to an OPD
of their kab/kota), except ending the operator's role, which only this step allows a
coordinator, for an operator of their own kab/kota, with a successor there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts import access
from accounts.models import Handover, Role, RoleAssignment, User
from aksiham.models import ActionAssignment, ActionPlan
from kernel.errors import Refusal
from notices.services import notice_send
from regions.models import Agency, Regency
from reporting import permissions
from reporting.models import Answer
from reporting.services.workflow import history_note


@dataclass(frozen=True)
class HandoverPlan:
    """What the handover would do: the leaving operator's roles in the kab/kota and,
    for each of their OPD, the OPD that receives its open work."""

    regency: Regency
    roles: list[RoleAssignment]
    receiving: dict[int, Agency]  # leaving agency id → the successor's agency


def operators_of(regency: Regency) -> list[User]:
    """The active operators of a kab/kota (invited ones included), by name."""
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.OPERATOR,
            role_assignments__regency=regency,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def handover_plan(
    *, coordinator: User, regency: Regency, leaving: User, successor: User
) -> HandoverPlan:
    """Check who may hand over what to whom; raise ``Refusal`` with the reason."""
    if regency.code not in access.scope_of(coordinator).regency_codes:
        raise Refusal(
            _("Hanya koordinator kabupaten/kota ini yang dapat melakukannya.")
        )
    if leaving.pk in (successor.pk, coordinator.pk):
        raise Refusal(_("Penerus harus orang lain daripada operator yang keluar."))
    roles = list(
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("agency")
        .filter(user=leaving, role=Role.OPERATOR, regency=regency)
    )
    if not roles:
        raise Refusal(
            _("%(who)s bukan operator OPD di %(regency)s.")
            % {"who": leaving, "regency": regency.name}
        )
    held = {
        r.agency_id: r.agency
        for r in RoleAssignment.objects.select_related("agency").filter(
            user=successor, role=Role.OPERATOR, regency=regency
        )
    }
    if not successor.is_active or not held:
        raise Refusal(
            _(
                "Penerus harus operator OPD aktif di %(regency)s. Undang dulu staf "
                "baru sebagai operator, lalu lakukan serah terima."
            )
            % {"regency": regency.name}
        )
    receiving = {}
    for role in roles:
        if role.agency_id in held:
            receiving[role.agency_id] = role.agency
        elif len(held) == 1:
            receiving[role.agency_id] = next(iter(held.values()))
        else:
            raise Refusal(
                _(
                    "%(who)s memegang beberapa OPD, tetapi bukan %(agency)s; pilih "
                    "penerus yang memegang satu OPD atau OPD yang sama."
                )
                % {"who": successor, "agency": role.agency}
            )
    return HandoverPlan(regency=regency, roles=roles, receiving=receiving)


def _open_answers(regency: Regency, agency_id: int):
    return Answer.objects.filter(
        assessment__regency=regency,
        assessment__status__in=permissions.EDITABLE_ASSESSMENT,
        agency_id=agency_id,
    ).select_related("assessment")


def _open_actions(regency: Regency, agency_id: int):
    return ActionAssignment.objects.filter(
        regency=regency,
        agency_id=agency_id,
        action__plan__status=ActionPlan.Status.OPEN,
    )


@transaction.atomic
def operator_handover(
    *, coordinator: User, regency: Regency, leaving: User, successor: User
) -> Handover:
    """End the leaving operator's roles in the kab/kota (their account, if they hold
    no other role, is deactivated; the user row and every trace of their work stay),
    give their OPD's open indicators and open Aksi HAM actions to the successor's
    OPD when it is another one, notify the successor, and record it all."""
    plan = handover_plan(
        coordinator=coordinator, regency=regency, leaving=leaving, successor=successor
    )
    moved_answers: list[Answer] = []
    moved_actions = 0
    for role in plan.roles:
        target = plan.receiving[role.agency_id]
        if target.pk != role.agency_id:
            answers = list(_open_answers(regency, role.agency_id))
            for answer in answers:
                answer.agency = target
            bulk_update_with_history(
                answers, Answer, ["agency"], batch_size=500, default_user=coordinator
            )
            moved_answers += answers
            moved_actions += _open_actions(regency, role.agency_id).update(
                agency=target
            )
    for role in plan.roles:
        # The role's history keeps who ended it and why.
        role._history_user = coordinator
        role._change_reason = _("Serah terima kepada %(who)s.") % {"who": successor}
        role.delete()
    access.forget_scope(leaving)
    deactivated = not leaving.role_assignments.exists()
    if deactivated:
        leaving.is_active = False
        leaving.save(update_fields=["is_active"])
    record = Handover.objects.create(
        regency=regency,
        leaving=leaving,
        successor=successor,
        answers_moved=len(moved_answers),
        actions_moved=moved_actions,
        account_deactivated=deactivated,
        performed_by=coordinator,
    )
    record.agencies.set([r.agency_id for r in plan.roles])
    _note_in_assessments(record, moved_answers, coordinator)
    _tell_successor(record)
    return record


def _note_in_assessments(record: Handover, moved: list[Answer], actor: User) -> None:
    by_assessment: dict[int, list[Answer]] = {}
    for answer in moved:
        by_assessment.setdefault(answer.assessment_id, []).append(answer)
    for answers in by_assessment.values():
        history_note(
            assessment=answers[0].assessment,
            actor=actor,
            note=_(
                "Serah terima: tugas %(leaving)s diserahkan kepada %(successor)s; "
                "%(n)d indikator dipindahkan ke %(agency)s."
            )
            % {
                "leaving": record.leaving,
                "successor": record.successor,
                "n": len(answers),
                "agency": answers[0].agency,
            },
        )


def _tell_successor(record: Handover) -> None:
    notice_send(
        recipients=[record.successor],
        event_key=f"handover:{record.pk}",
        subject=_("Anda menerima tugas dari %(who)s") % {"who": record.leaving},
        body=_(
            "Koordinator %(regency)s menyerahkan tugas %(who)s kepada Anda: indikator "
            "dan Aksi HAM OPD-nya kini Anda isi. Baca halaman panduan singkat untuk "
            "memulai."
        )
        % {"regency": record.regency.name, "who": record.leaving},
        url=reverse("portal:onboarding"),
        about=record,
    )
