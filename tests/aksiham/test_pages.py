"""Pages and console: who sees which kab/kota, the report form, rates, import/export."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from aksiham.models import Action, ActionPlan, ActionReport
from aksiham.services.reports import report_evidence_attach, report_submit
from aksiham.transfer import plan_export_bytes, plan_import, read_plan_dataset
from tests.aksiham.moments import AFTER_GRACE, DAY, IN_B04, YEAR, at
from tests.files import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_now(periods):
    """The clock inside B04's window (28 April 2026), so that the views see it open."""
    with time_machine.travel(IN_B04, tick=True):
        yield periods["B04"]


@pytest.mark.clock
def test_grid_by_scope(
    client_for,
    plan,
    periods,
    salatiga,
    regency_staff,
    other_regency_staff,
    verifier,
    foreign_verifier,
    ministry,
):
    url = reverse("aksiham:grid", args=[YEAR, "33.73"])
    for person in (regency_staff, verifier, ministry):
        response = client_for(person).get(url)
        assert response.status_code == 200, person
        assert "CONTOH" in response.content.decode()
    for person in (other_regency_staff, foreign_verifier):
        assert client_for(person).get(url).status_code == 404


def test_report_form_saves_uploads_and_sends(
    client_for, open_now, plan, salatiga, regency_staff
):
    client = client_for(regency_staff)
    action = plan.actions.get(number=2)
    args = ["33.73", open_now.pk, action.pk]
    response = client.post(
        reverse("aksiham:report-save", args=args),
        {
            "achievement": "85% kasus ditangani",
            "achievement_percent": "85,5",
            "narrative": "",
            "version": 0,
        },
    )
    assert response.status_code == 302
    report = ActionReport.objects.get(action=action, regency=salatiga, period=open_now)
    assert str(report.achievement_percent) == "85.50"
    response = client.post(
        reverse("aksiham:evidence-upload", args=args), {"files": [pdf_upload()]}
    )
    assert response.status_code == 302
    response = client.post(reverse("aksiham:report-submit", args=args))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ActionReport.Status.SUBMITTED
    grid = client.get(reverse("aksiham:grid", args=[YEAR, "33.73"])).content.decode()
    assert 'data-action="2" data-period="B04" data-status="submitted"' in grid


def test_a_stale_form_keeps_what_was_typed(
    client_for, open_now, plan, salatiga, regency_staff
):
    client = client_for(regency_staff)
    action = plan.actions.get(number=3)
    args = ["33.73", open_now.pk, action.pk]
    client.post(
        reverse("aksiham:report-save", args=args),
        {"achievement": "versi 1", "narrative": "", "version": 0},
    )
    response = client.post(
        reverse("aksiham:report-save", args=args),
        {"achievement": "ketikan saya", "narrative": "", "version": 0},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "sudah diubah" in page and "ketikan saya" in page
    assert (
        ActionReport.objects.get(action=action, regency=salatiga).achievement
        == "versi 1"
    )


def test_out_of_scope_posts_and_downloads_are_refused(
    client_for, draft, regency_staff, other_regency_staff, foreign_verifier, verifier
):
    evidence = report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )[0]
    args = ["33.73", draft.period_id, draft.action_id]
    assert (
        client_for(other_regency_staff)
        .post(
            reverse("aksiham:report-save", args=args),
            {"achievement": "x", "narrative": "", "version": 0},
        )
        .status_code
        == 404
    )
    download = reverse("aksiham:evidence-download", args=[evidence.pk])
    assert client_for(foreign_verifier).get(download).status_code == 404
    assert client_for(verifier).get(download).status_code == 404  # a draft's file
    report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )
    response = client_for(verifier).get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert (
        client_for(other_regency_staff)
        .post(reverse("aksiham:evidence-delete", args=[evidence.pk]))
        .status_code
        == 404
    )


@pytest.mark.clock
def test_rates_per_province_nationally_and_per_regency_for_a_kanwil(
    client_for, draft, regency_staff, ministry, verifier, foreign_verifier, palu
):
    report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )
    report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )
    url = reverse("aksiham:rates", args=[YEAR]) + "?periode=B04"
    national = client_for(ministry).get(url)
    assert national.status_code == 200, national.content[:3000]
    jateng = next(r for r in national.context["tables"][0]["items"] if r.code == "33")
    assert (jateng.submitted, jateng.on_time, jateng.accepted) == (1, 1, 0)
    assert jateng.expected == 35 * 6
    assert len(national.context["tables"][0]["items"]) == 38
    kanwil = client_for(verifier).get(url)
    rows = {r.code: r for r in kanwil.context["tables"][0]["items"]}
    # Kanwil Jawa Tengah: the 35 kab/kota of Jawa Tengah and the 5 of DIY.
    assert {c[:2] for c in rows} == {"33", "34"} and len(rows) == 40
    assert rows["33.73"].submitted == 1
    sulteng = {
        r.code: r
        for r in client_for(foreign_verifier).get(url).context["tables"][0]["items"]
    }
    # Kanwil Sulawesi Tengah: with Sulawesi Utara and Gorontalo.
    assert "72.71" in sulteng and {code[:2] for code in sulteng} == {"71", "72", "75"}
    assert sum(r.submitted for r in sulteng.values()) == 0  # Salatiga's is not there
    assert client_for(regency_staff).get(url).status_code == 404


def test_console_review_return_by_the_province_verifier(
    client_for, draft, regency_staff, verifier, foreign_verifier
):
    report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )
    report = report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )
    review = reverse("admin:aksiham_actionreport_review", args=[report.pk])
    assert client_for(foreign_verifier).get(review).status_code == 404
    client = client_for(verifier)
    assert "decision-form" in client.get(review).content.decode()
    client.post(
        reverse("admin:aksiham_actionreport_decide", args=[report.pk]),
        {
            "decision": "return",
            "reasons": ["mismatch"],
            "note": "Foto tanpa keterangan",
        },
    )
    report.refresh_from_db()
    assert report.status == ActionReport.Status.RETURNED
    assert report.review_note == "Foto tanpa keterangan"


def test_a_decision_goes_on_to_the_periods_next_waiting_report_in_scope(
    client_for,
    b04,
    action1,
    action2,
    salatiga,
    regency_staff,
    banyumas,
    other_regency_staff,
    jayapura,
    papua_staff,
    verifier,
):
    """The Kanwil works through a period's reports without going back to the list:
    after each decision the next report still waiting in its provinces opens, the
    one sent the longest ago first; a refused decision stays where it was."""
    from aksiham.demo import report_fill

    def sent(action, regency, actor, minutes):
        return report_fill(
            action=action,
            period=b04,
            regency=regency,
            actor=actor,
            achievement="Sudah dilaksanakan",
            uploads=[pdf_upload()],
            now=IN_B04 + datetime.timedelta(minutes=minutes),
            send=True,
        )

    sent(action1, jayapura, papua_staff, 0)  # waiting longest, another Kanwil's
    first = sent(action1, salatiga, regency_staff, 10)
    second = sent(action2, banyumas, other_regency_staff, 20)
    third = sent(action2, salatiga, regency_staff, 30)
    client = client_for(verifier)

    def decide(report, **data):
        url = reverse("admin:aksiham_actionreport_decide", args=[report.pk])
        return client.post(url, data)["Location"]

    def review(report):
        return reverse("admin:aksiham_actionreport_review", args=[report.pk])

    assert decide(first, decision="return") == review(first)  # no reason given
    assert decide(first, decision="accept") == review(second)
    assert decide(second, decision="return", reasons=["mismatch"]) == review(third)
    listed = decide(third, decision="accept")
    assert listed == (
        reverse("admin:aksiham_actionreport_changelist")
        + f"?period__id__exact={b04.pk}"
    )
    page = client.get(listed).content.decode()
    assert "Tidak ada lagi laporan" in page
    statuses = dict(ActionReport.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in (first, second, third)] == [
        ActionReport.Status.ACCEPTED,
        ActionReport.Status.RETURNED,
        ActionReport.Status.ACCEPTED,
    ]


def test_plan_export_import_round_trip_and_broken_rows(plan, administrator):
    content = plan_export_bytes(plan, "xlsx")
    draft = ActionPlan.objects.create(
        year=YEAR + 1, level=ActionPlan.Level.REGENCY, title="Draf"
    )
    outcome = plan_import(
        plan=draft,
        dataset=read_plan_dataset(content, "xlsx"),
        actor=administrator,
        dry_run=False,
    )
    assert outcome.ok and outcome.new == 6
    copied = Action.objects.filter(plan=draft).order_by("number")
    original = plan.actions.order_by("number")
    assert [(a.title, a.target_groups, a.dki_reports) for a in copied] == [
        (a.title, a.target_groups, a.dki_reports) for a in original
    ]
    broken = read_plan_dataset(
        b"nomor,aksi,kelompok_sasaran,ukuran_keberhasilan,data_dukung\n1,A,lansia,U,D\n1,B,anak,U,D\n",
        "csv",
    )
    other = ActionPlan.objects.create(
        year=YEAR + 2, level=ActionPlan.Level.REGENCY, title="Draf 2"
    )
    outcome = plan_import(
        plan=other, dataset=broken, actor=administrator, dry_run=False
    )
    text = " ".join(str(p) for p in outcome.problems)
    assert "lansia" in text and "kelompok_sasaran" in text
    assert "Nomor 1 sudah dipakai" in text
    assert not other.actions.exists()


def test_an_open_plan_refuses_imports(plan, administrator):
    from kernel.errors import Refusal

    with pytest.raises(Refusal, match="sudah dibuka"):
        plan_import(
            plan=plan,
            dataset=read_plan_dataset(plan_export_bytes(plan, "csv"), "csv"),
            actor=administrator,
            dry_run=True,
        )


def test_sample_export_says_sample_in_every_row(plan):
    dataset = read_plan_dataset(plan_export_bytes(plan, "csv"), "csv")
    assert all("CONTOH" in row for row in dataset["keterangan"])


def test_the_command_imports_and_opens_the_sample_plan(regions, tmp_path):
    from django.core.management import CommandError, call_command

    call_command(
        "import_action_plan", "fixtures/aksiham_sample.yaml", "--year", "2030", "--open"
    )
    plan = ActionPlan.objects.get(year=2030)
    assert (plan.status, plan.is_sample, plan.actions.count()) == ("open", True, 6)
    call_command(
        "import_action_plan",
        "fixtures/aksiham_sample.yaml",
        "--year",
        "2030",
        "--skip-existing",
    )
    broken = tmp_path / "rusak.yaml"
    broken.write_text(
        "plan: {level: kabkota, title: X}\nactions:\n  - {number: 1, title: A, target_groups: [lansia], success_measure: U, evidence_required: D}\n"
    )
    with pytest.raises(CommandError, match="lansia"):
        call_command("import_action_plan", str(broken), "--year", "2031")
    assert not ActionPlan.objects.filter(year=2031).exists()


def test_an_empty_plan_cannot_be_opened(regions, administrator):
    from aksiham.services.plans import plan_open
    from kernel.errors import Refusal

    empty = ActionPlan.objects.create(
        year=2032, level=ActionPlan.Level.REGENCY, title="Kosong"
    )
    with pytest.raises(Refusal, match="tanpa aksi"):
        plan_open(plan=empty, actor=administrator)


def test_console_import_is_for_administrators_and_previews_before_saving(
    client_for, regions, administrator, verifier
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("admin:aksiham_action_import")
    assert client_for(verifier).get(url).status_code == 403
    draft = ActionPlan.objects.create(
        year=2033, level=ActionPlan.Level.REGENCY, title="Draf"
    )
    client = client_for(administrator)
    assert client.get(url).status_code == 200
    csv = 'nomor,aksi,kelompok_sasaran,ukuran_keberhasilan,data_dukung\n1,Aksi uji,"perempuan, anak",Ukuran,Bukti\n'
    response = client.post(
        url,
        {
            "plan": draft.pk,
            "resource": 0,
            "format": 1,
            "import_file": SimpleUploadedFile("aksi.csv", csv.encode(), "text/csv"),
        },
    )
    assert response.status_code == 200
    assert "Aksi uji" in response.content.decode()
    assert not draft.actions.exists()  # preview only


@pytest.mark.clock
def test_the_grid_shows_period_scores_and_the_yearly_mean(
    client_for, periods, salatiga, regency_staff, ministry
):
    from decimal import Decimal

    from aksiham.services.scoring import period_score_record

    late = datetime.datetime(2027, 1, 10, tzinfo=datetime.UTC)
    period_score_record(
        period=periods["B04"],
        regency=salatiga,
        substance=Decimal(90),
        administration=Decimal(80),
        note="",
        actor=ministry,
        now=late,
    )
    page = (
        client_for(regency_staff)
        .get(reverse("aksiham:grid", args=[YEAR, "33.73"]))
        .content.decode()
    )
    assert "<strong>85,00</strong>" in page
    assert "28,33 (sementara)" in page


def test_a_refused_extension_keeps_the_form_filled(
    client_for, b04, salatiga, administrator
):
    with time_machine.travel(AFTER_GRACE, tick=False):  # 1 May has passed
        response = client_for(administrator).post(
            reverse("admin:aksiham_periodextension_add"),
            {
                "period": b04.pk,
                "regency": "33.73",
                "until_0": "2026-05-01",
                "until_1": "08:00",
                "reason": "Banjir bandang",
            },
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Batas perpanjangan harus di masa depan" in page
    assert "Banjir bandang" in page
    assert not b04.extensions.exists()


def test_the_console_lists_sent_reports_not_drafts(
    client_for, draft, regency_staff, verifier
):
    client = client_for(verifier)
    changelist = client.get(reverse("admin:aksiham_actionreport_changelist"))
    assert changelist.context["cl"].result_count == 0
    assert (
        client.get(
            reverse("admin:aksiham_actionreport_review", args=[draft.pk])
        ).status_code
        == 404
    )
    report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )
    report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )
    changelist = client.get(reverse("admin:aksiham_actionreport_changelist"))
    assert changelist.context["cl"].result_count == 1
    assert "Kabupaten/kota" in changelist.content.decode()


def test_grid_and_rates_pages_use_a_bounded_number_of_queries(
    client_for, draft, regency_staff, ministry, django_assert_max_num_queries
):
    grid = reverse("aksiham:grid", args=[YEAR, "33.73"])
    client = client_for(regency_staff)
    client.get(grid)  # warm the session and scope caches
    with django_assert_max_num_queries(20):
        assert client.get(grid).status_code == 200
    client = client_for(ministry)
    rates = reverse("aksiham:rates", args=[YEAR])
    client.get(rates)
    with django_assert_max_num_queries(
        25
    ):  # three periods × a few aggregates, not per kab/kota
        assert client.get(rates).status_code == 200


def test_rates_come_with_a_chart_of_on_time_late_and_missing(
    client_for, draft, regency_staff, verifier
):
    import xml.etree.ElementTree as ET

    report_evidence_attach(
        report=draft, uploads=[pdf_upload()], actor=regency_staff, now=IN_B04
    )
    report_submit(
        report=ActionReport.objects.get(pk=draft.pk), actor=regency_staff, now=IN_B04
    )
    response = client_for(verifier).get(
        reverse("aksiham:rates", args=[YEAR]) + "?periode=B04"
    )
    chart = response.context["tables"][0]["chart"]
    ET.fromstring(str(chart.svg))  # noqa: S314 - our own SVG, well-formed
    salatiga = next(row for row in chart.rows if row[0].text == "Kota Salatiga")
    texts = [cell.text for cell in salatiga]
    assert texts[1:4] == [
        "1 (16,7%)",
        "0 (0,0%)",
        "5 (83,3%)",
    ]  # on time, late, not sent of 6


def test_home_panels_tell_the_coordinator_and_the_kanwil_about_aksi_ham(
    client_for, open_now, draft, regency_staff, verifier
):
    page = client_for(regency_staff).get(reverse("portal:home")).content.decode()
    assert "Aksi HAM B04 (Dibuka): 0 dari 6 aksi terkirim" in page
    assert (
        "0 laporan Aksi HAM menunggu verifikasi"
        in client_for(verifier).get(reverse("portal:home")).content.decode()
    )


def test_the_waiting_filter_links_work_in_the_console(client_for, b04, verifier):
    client = client_for(verifier)
    url = reverse("admin:aksiham_actionreport_changelist")
    for query in (
        "?status__in=submitted,resubmitted",
        f"?period__id__exact={b04.pk}&status__in=submitted,resubmitted",
    ):
        response = client.get(url + query)
        assert response.status_code == 200, (
            query
        )  # not the "?e=1" redirect of a refused filter


def test_the_rates_page_offers_the_recap_export_in_scope(
    client_for, plan, periods, open_catalogue, verifier, ministry
):
    if open_catalogue.year != YEAR:
        open_catalogue.year = YEAR
        open_catalogue.save()
    url = reverse("aksiham:rates", args=[YEAR])
    kanwil = client_for(verifier).get(url)
    offers = kanwil.context["export_offers"]
    assert [(o["kind"], o["province"]) for o in offers] == [
        ("aksiham_recap", "33"),
        ("aksiham_recap", "34"),
    ]
    national = client_for(ministry).get(url).context["export_offers"]
    assert [(o["kind"], o["province"]) for o in national] == [("aksiham_recap", "")]


@pytest.mark.clock
def test_rates_show_one_period_at_a_time(client_for, plan, periods, ministry):
    client = client_for(ministry)
    url = reverse("aksiham:rates", args=[YEAR])
    b08 = client.get(url + "?periode=B08")
    assert [t["period"].code for t in b08.context["tables"]] == ["B08"]
    assert [p.code for p in b08.context["periods"]] == ["B04", "B08", "B12"]
    unknown = client.get(url + "?periode=B99")
    assert len(unknown.context["tables"]) == 1


@pytest.mark.parametrize(
    ("moment", "states"),
    [
        (IN_B04, ["open", "upcoming", "upcoming"]),
        (at(5, 6), ["grace", "upcoming", "upcoming"]),
        (at(12, 1), ["closed", "closed", "open"]),
        (at(12, 31, 23, 59) + DAY, ["closed", "closed", "closed"]),
    ],
)
def test_the_grid_shows_each_period_as_the_clock_stands(
    client_for, plan, periods, regency_staff, moment, states
):
    with time_machine.travel(moment, tick=False):
        response = client_for(regency_staff).get(
            reverse("aksiham:grid", args=[YEAR, "33.73"])
        )
    page = response.content.decode()
    assert re.findall(r'data-period-state="(\w+)"', page) == states
    # Once every period has closed, no cell offers a report to fill.
    assert ("Isi laporan" in page) == (set(states) != {"closed"})
