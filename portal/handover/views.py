"""The coordinator's handover page and the onboarding page a successor is sent to."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access
from accounts.models import Handover, Role, RoleAssignment, User
from accounts.zones import zone_of
from kernel.errors import Refusal, flash_refusal
from kernel.review import ReturnReason
from portal.handover.services import operator_handover, operators_of
from regions.models import Regency
from reporting.models import Answer, Assessment


class OperatorChoice(forms.ModelChoiceField):
    """An operator as the coordinator tells people apart: name, username, OPD."""

    def __init__(self, *args, agencies: dict[int, str] | None = None, **kwargs):
        self.agencies = agencies or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: User) -> str:
        return f"{obj} ({obj.get_username()}) — {self.agencies.get(obj.pk, '')}"


class HandoverForm(forms.Form):
    leaving = OperatorChoice(
        queryset=User.objects.none(), label=gettext_lazy("Operator yang keluar")
    )
    successor = OperatorChoice(
        queryset=User.objects.none(),
        label=gettext_lazy("Penerus"),
        help_text=gettext_lazy(
            "Operator OPD aktif di kabupaten/kota ini. Staf baru diundang dulu dari "
            "halaman penugasan."
        ),
    )

    def __init__(
        self, *args, operators: list[User], regency_code: str, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        queryset = User.objects.filter(pk__in=[u.pk for u in operators]).order_by(
            "first_name", "last_name", "username"
        )
        agencies: dict[int, list[str]] = {}
        for user_id, name in RoleAssignment.objects.filter(
            user__in=operators, role=Role.OPERATOR, regency_id=regency_code
        ).values_list("user_id", "agency__name"):
            agencies.setdefault(user_id, []).append(name)
        for name in ("leaving", "successor"):
            self.fields[name].queryset = queryset
            self.fields[name].agencies = {k: ", ".join(v) for k, v in agencies.items()}


@login_required
def handover(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the kab/kota's operators and past handovers; POST: hand over."""
    regency = get_object_or_404(Regency, code=code)
    if not access.can_view_regency(request.user, regency):
        raise Http404
    if regency.code not in access.scope_of(request.user).regency_codes:
        raise PermissionDenied
    form = HandoverForm(
        request.POST or None, operators=operators_of(regency), regency_code=regency.code
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                record = operator_handover(
                    coordinator=request.user,
                    regency=regency,
                    leaving=form.cleaned_data["leaving"],
                    successor=form.cleaned_data["successor"],
                )
            except Refusal as exc:
                flash_refusal(request, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Tugas %(leaving)s diserahkan kepada %(successor)s: "
                        "%(answers)d indikator dan %(actions)d Aksi HAM dipindahkan."
                    )
                    % {
                        "leaving": record.leaving,
                        "successor": record.successor,
                        "answers": record.answers_moved,
                        "actions": record.actions_moved,
                    },
                )
                return redirect("portal:handover", regency.code)
        else:
            messages.error(request, _("Pilih operator yang keluar dan penerusnya."))
    return render(
        request,
        "portal/handover.html",
        {
            "regency": regency,
            "form": form,
            "past": Handover.objects.filter(regency=regency)
            .select_related("leaving", "successor", "performed_by")
            .prefetch_related("agencies")[:20],
        },
    )


@login_required
def onboarding(request: HttpRequest) -> HttpResponse:
    """A short guide for a new OPD operator: the three indicator types, the common
    return reasons, and the deadline of their kab/kota in their own zone."""
    scope = access.scope_of(request.user)
    zone = zone_of(request.user)
    assessments = [
        {
            "assessment": a,
            "deadline": a.deadline_text(zone),
            "mine": Answer.objects.filter(
                assessment=a, agency_id__in=scope.agency_ids
            ).count(),
        }
        for a in Assessment.objects.filter(
            regency_id__in=scope.own_regency_codes,
            status__in=[Assessment.Status.DRAFT, Assessment.Status.RETURNED],
        ).select_related("regency", "catalogue")
    ]
    return render(
        request,
        "portal/onboarding.html",
        {
            "reasons": ReturnReason.choices,
            "assessments": assessments,
        },
    )
