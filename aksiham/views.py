"""Aksi HAM pages of the kab/kota (grid, report form, evidence) and reporting rates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access
from aksiham import permissions, selectors, windows
from aksiham.charts import rates_chart
from aksiham.forms import ReportEvidenceForm, ReportForm
from aksiham.models import (
    Action,
    ActionReport,
    Period,
    ReportEvidence,
)
from aksiham.services.reports import (
    ReportConflict,
    report_evidence_attach,
    report_evidence_remove,
    report_for,
    report_save,
    report_submit,
)
from aksiham.services.scoring import yearly_score
from exports.registry import offers_in_scope
from files.downloads import private_download
from indicators.models import Catalogue
from kernel import clock
from kernel.conflicts import (
    CONFLICT,
    EDIT,
    THEIRS,
    Conflict,
    ResolutionForm,
    Row,
    conflict_of,
)
from kernel.errors import Refusal, flash_refusal
from regions.models import Regency


def _regency(request: HttpRequest, code: str) -> Regency:
    regency = get_object_or_404(Regency.objects.select_related("province"), code=code)
    if not access.can_view_regency(request.user, regency):
        raise Http404
    return regency


def _refused(request: HttpRequest, exc: Exception) -> None:
    flash_refusal(request, exc)


def _plan_context(plan) -> dict:
    return {"plan": plan, "sample_label": plan.sample_label if plan else ""}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    years = selectors.years()
    own = access.scope_of(request.user).own_regency_codes
    if years and len(own) == 1:
        return redirect("aksiham:grid", years[0], next(iter(own)))
    return render(request, "aksiham/home.html", {"years": years, "own": sorted(own)})


@login_required
def grid(request: HttpRequest, year: int, regency: str) -> HttpResponse:
    regency_obj = _regency(request, regency)
    plan = selectors.regency_plan(year)
    if plan is None:
        raise Http404
    mine = None
    if not permissions.sees_whole_regency(request.user, regency_obj):
        mine = permissions.assigned_action_ids(request.user, regency)
    now = clock.now()
    periods, rows = selectors.grid(plan=plan, regency=regency_obj, mine=mine, now=now)
    rows = [row for row in rows if row.mine]  # an OPD sees only its own actions
    yearly = yearly_score(regency_code=regency, year=year)
    return render(
        request,
        "aksiham/grid.html",
        {
            **_plan_context(plan),
            "regency": regency_obj,
            "periods": periods,
            "period_cards": selectors.periods_in(
                periods, regency_obj.province.zone, now=now
            ),
            "rows": rows,
            "is_coordinator": permissions.is_coordinator(request.user, regency),
            "yearly": yearly,
            "period_scores": [yearly.parts.get(p.code) for p in periods],
        },
    )


def _report_objects(request, regency: str, period: int, action: int):
    regency_obj = _regency(request, regency)
    period_obj = get_object_or_404(Period, pk=period)
    plan = selectors.regency_plan(period_obj.year)
    action_obj = get_object_or_404(
        permissions.actions_for_regency(Action.objects.filter(plan=plan), regency_obj),
        pk=action,
    )
    if not permissions.can_view_action(request.user, action_obj, regency_obj):
        raise Http404
    report = ActionReport.objects.filter(
        action=action_obj, period=period_obj, regency=regency_obj
    ).first()
    return regency_obj, period_obj, action_obj, report


def _render_report(
    request,
    regency,
    period,
    action,
    report,
    form=None,
    upload=None,
    status=200,
    conflict=None,
):
    now = clock.now()
    refusal = permissions.edit_refusal(
        request.user, action, period, regency.code, report, now=now
    )
    context = {
        **_plan_context(action.plan),
        "regency": regency,
        "period": period,
        "times": period.times(regency.province.zone),
        "state_label": period.state_label(now, regency.province.zone),
        "action": action,
        "report": report,
        "window": windows.window_for(report, period, regency.code, now=now),
        "refusal": refusal,
        "form": form or ReportForm.for_report(report),
        "upload_form": upload or ReportEvidenceForm(),
        "evidence": permissions.evidence_for(request.user)
        .filter(report=report)
        .select_related("uploaded_by")
        if report
        else [],
        "events": report.events.select_related("actor") if report else [],
        "is_coordinator": permissions.is_coordinator(request.user, regency.code),
        "can_submit": report is not None
        and permissions.can_submit(request.user, report, now=now),
        "conflict": conflict,
    }
    return render(request, "aksiham/report.html", context, status=status)


def _back(regency, period, action):
    return redirect("aksiham:report", regency.code, period.pk, action.pk)


@login_required
def report_page(
    request: HttpRequest, regency: str, period: int, action: int
) -> HttpResponse:
    return _render_report(request, *_report_objects(request, regency, period, action))


@login_required
@require_POST
def report_save_view(
    request: HttpRequest, regency: str, period: int, action: int
) -> HttpResponse:
    """Save the draft, or apply the choice made on a conflict (reporting.conflicts)."""
    objects = _report_objects(request, regency, period, action)
    regency_obj, period_obj, action_obj, report = objects
    form = ReportForm(request.POST)
    choice = ResolutionForm(request.POST)
    if not form.is_valid() or not choice.is_valid():
        if not choice.is_valid():
            messages.error(request, choice.problems())
        return _render_report(request, *objects, form=form, status=400)
    mine = {
        key: form.cleaned_data[key]
        for key in ("achievement", "narrative", "achievement_percent")
    }
    resolution = choice.cleaned_data["resolution"]
    if resolution == THEIRS:
        typed = report_conflict(report, mine).typed() if report else ""
        messages.info(
            request,
            _("Laporan yang tersimpan dimuat. Isian Anda tidak disimpan: %(typed)s.")
            % {"typed": typed},
        )
        return _back(regency_obj, period_obj, action_obj)
    version = form.cleaned_data["version"]
    if resolution:  # a choice is made at the version the person was shown
        version = choice.cleaned_data["seen_version"]
    if resolution == EDIT and (report is None or report.version == version):
        messages.info(
            request,
            _(
                "Sunting isian Anda; laporan yang tersimpan tampil sebagai pembanding. "
                "Simpan bila sudah benar."
            ),
        )
        form = ReportForm(initial={**mine, "version": version})
        conflict = report and report_conflict(
            report, mine, viewer=request.user, mode=EDIT
        )
        return _render_report(request, *objects, form=form, conflict=conflict)
    try:
        if resolution == EDIT:  # someone saved again after the person looked
            raise ReportConflict(report, mine)
        report, created = report_for(
            action=action_obj,
            period=period_obj,
            regency=regency_obj,
            actor=request.user,
        )
        report_save(
            report=report,
            actor=request.user,
            achievement=mine["achievement"],
            narrative=mine["narrative"],
            achievement_percent=mine["achievement_percent"],
            version=report.version if created and version == 0 else version,
        )
    except ReportConflict as exc:
        _refused(request, exc)
        conflict = report_conflict(exc.report, exc.yours, viewer=request.user)
        return _render_report(
            request, *objects[:3], exc.report, form=form, conflict=conflict, status=409
        )
    except (Refusal, ValidationError) as exc:
        _refused(request, exc)
        return _render_report(request, *objects, form=form, status=409)
    messages.success(request, _("Laporan disimpan."))
    return _back(regency_obj, period_obj, action_obj)


def report_conflict(
    report: ActionReport, mine: dict, *, viewer=None, mode=CONFLICT
) -> Conflict:
    """Both sides of a report edited by two people, field by field."""

    def percent(value) -> str:
        return "" if value in (None, "") else f"{formats.number_format(value)}%"

    stored = {
        "achievement": report.achievement,
        "narrative": report.narrative,
        "achievement_percent": report.achievement_percent,
    }
    rows = [
        Row(str(ReportForm.base_fields[key].label), stored[key], mine[key] or "")
        for key in ("achievement", "narrative")
    ]
    rows.insert(
        1,
        Row(
            str(ReportForm.base_fields["achievement_percent"].label),
            percent(stored["achievement_percent"]),
            percent(mine["achievement_percent"]),
        ),
    )
    return conflict_of(
        prefix="",
        version=report.version,
        by=report.updated_by,
        at=report.updated_at,
        rows=rows,
        viewer=viewer,
        mode=mode,
    )


@login_required
@require_POST
def evidence_upload(
    request: HttpRequest, regency: str, period: int, action: int
) -> HttpResponse:
    regency_obj, period_obj, action_obj, report = _report_objects(
        request, regency, period, action
    )
    upload = ReportEvidenceForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _render_report(
            request,
            regency_obj,
            period_obj,
            action_obj,
            report,
            upload=upload,
            status=400,
        )
    try:
        report, _created = report_for(
            action=action_obj,
            period=period_obj,
            regency=regency_obj,
            actor=request.user,
        )
        stored = report_evidence_attach(
            report=report, uploads=upload.cleaned_data["files"], actor=request.user
        )
    except (Refusal, ValidationError) as exc:
        _refused(request, exc)
        return _render_report(
            request, regency_obj, period_obj, action_obj, report, status=400
        )
    messages.success(request, _("%(n)d berkas diunggah.") % {"n": len(stored)})
    return _back(regency_obj, period_obj, action_obj)


@login_required
@require_POST
def report_submit_view(
    request: HttpRequest, regency: str, period: int, action: int
) -> HttpResponse:
    regency_obj, period_obj, action_obj, report = _report_objects(
        request, regency, period, action
    )
    if report is None:
        messages.error(request, _("Isi dan simpan laporan terlebih dahulu."))
        return _back(regency_obj, period_obj, action_obj)
    try:
        report = report_submit(report=report, actor=request.user)
    except (Refusal, ValidationError) as exc:
        _refused(request, exc)
        return _render_report(
            request, regency_obj, period_obj, action_obj, report, status=409
        )
    if report.is_late:
        messages.warning(request, _("Laporan dikirim dan ditandai terlambat."))
    else:
        messages.success(request, _("Laporan dikirim ke Kanwil."))
    return redirect("aksiham:grid", period_obj.year, regency_obj.code)


def _evidence(request: HttpRequest, pk: int) -> ReportEvidence:
    return get_object_or_404(
        permissions.evidence_for(request.user).select_related(
            "report__period", "report__action"
        ),
        pk=pk,
    )


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = _evidence(request, pk)
    return private_download(
        evidence.file, evidence.original_name, evidence.content_type
    )


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    report = evidence.report
    try:
        report_evidence_remove(
            evidence=evidence,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except Refusal as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Berkas dihapus."))
    return redirect(
        "aksiham:report", report.regency_id, report.period_id, report.action_id
    )


@login_required
def rates_page(request: HttpRequest, year: int) -> HttpResponse:
    """Reporting rate per period: per province nationally, per kab/kota for a Kanwil."""
    scope = access.scope_of(request.user)
    if not (scope.national or scope.province_codes):
        raise Http404
    plan = selectors.regency_plan(year)
    if plan is None:
        raise Http404
    province = request.GET.get("provinsi", "")
    regencies = access.regencies_for(request.user)
    by_province = scope.national and not province
    if province:
        regencies = regencies.filter(province_id=province)
    periods = list(Period.objects.filter(year=year).order_by("code"))
    chosen = request.GET.get("periode") or getattr(
        selectors.current_period(year, clock.now()), "code", ""
    )
    shown = [p for p in periods if p.code == chosen] or periods[:1]
    tables = []
    for period in shown:
        items = selectors.rates(
            plan=plan, period=period, regencies=regencies, by_province=by_province
        )
        tables.append(
            {
                "period": period,
                "items": items,
                "total": selectors.rate_total(items, _("Jumlah")),
                "chart": rates_chart(
                    period=period, items=items, by_province=by_province, year=year
                ),
            }
        )
    has_year = Catalogue.objects.filter(year=year).exclude(status="draft").exists()
    return render(
        request,
        "aksiham/rates.html",
        {
            **_plan_context(plan),
            "tables": tables,
            "by_province": by_province,
            "province": province,
            "periods": periods,
            "chosen": shown[0].code if shown else "",
            "export_offers": offers_in_scope(
                request.user, year=year, province_code=province, programme="aksiham"
            )
            if has_year
            else [],
        },
    )
