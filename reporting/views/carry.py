"""Starting the year from last year's answers: what would be carried, then carry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernel.errors import Refusal, flash_refusal
from reporting.selectors.carry import carry_plan
from reporting.services.carry import answers_carry_forward, carry_refusal
from reporting.views.common import get_assessment, header_flags


@login_required
def carry_forward(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the indicators that would take last year's answer and those that would
    not, with why. POST: carry them (the service checks who and when)."""
    assessment = get_assessment(request, pk)
    if request.method == "POST":
        try:
            result = answers_carry_forward(assessment=assessment, actor=request.user)
        except Refusal as exc:
            flash_refusal(request, exc)
            return redirect("reporting:carry-forward", assessment.pk)
        messages.success(
            request,
            ngettext(
                "%(n)d jawaban dibawa dari tahun %(year)s sebagai draf, dengan "
                "%(files)d data dukung (berkas yang sama, tidak disalin).",
                "%(n)d jawaban dibawa dari tahun %(year)s sebagai draf, dengan "
                "%(files)d data dukung (berkas yang sama, tidak disalin).",
                len(result.carried),
            )
            % {"n": len(result.carried), "year": result.year, "files": result.files},
        )
        if result.skipped:
            messages.info(
                request,
                _("Tidak dibawa: %(list)s.")
                % {"list": "; ".join(f"{c} ({why})" for c, why in result.skipped)},
            )
        return redirect("reporting:assessment-detail", assessment.pk)
    return render(
        request,
        "reporting/carry.html",
        {
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "plan": carry_plan(user=request.user, assessment=assessment),
            "refusal": carry_refusal(request.user, assessment),
            **header_flags(request, assessment),
        },
    )
