from django.urls import path
from django.views.generic import RedirectView

from reporting.views import (
    answers,
    carry,
    coordinator,
    register,
    scores,
    sheets,
    timeline,
    uploads,
)

app_name = "reporting"

urlpatterns = [
    path("", answers.assessment_list, name="assessment-list"),
    path("<int:pk>/", answers.assessment_detail, name="assessment-detail"),
    path("<int:pk>/kategori/<str:code>/", answers.category_page, name="category"),
    path("jawaban/<int:pk>/simpan/", answers.answer_save_view, name="answer-save"),
    path("jawaban/<int:pk>/siap/", answers.answer_ready, name="answer-ready"),
    path("jawaban/<int:pk>/sama/", answers.answer_keep, name="answer-keep"),
    path("jawaban/<int:pk>/ubah/", answers.answer_change, name="answer-change"),
    path("<int:pk>/tahun-lalu/", carry.carry_forward, name="carry-forward"),
    path("jawaban/<int:pk>/bukti/", answers.evidence_upload, name="evidence-upload"),
    path("bukti/<int:pk>/unduh/", answers.evidence_download, name="evidence-download"),
    path("bukti/<int:pk>/hapus/", answers.evidence_delete, name="evidence-delete"),
    path(
        "bukti/<int:pk>/pratinjau/", answers.evidence_preview, name="evidence-preview"
    ),
    path(
        "jawaban/<int:pk>/unggah-besar/",
        uploads.large_upload_page,
        name="large-upload",
    ),
    path("jawaban/<int:pk>/tus/", uploads.tus_create, name="tus-create"),
    path("tus/<str:key>/", uploads.tus_upload, name="tus-upload"),
    path("<int:pk>/lembar/unduh/", sheets.sheet_download, name="sheet-download"),
    path("<int:pk>/lembar/", sheets.sheet_upload, name="sheet-upload"),
    path("<int:pk>/lembar/<str:token>/", sheets.sheet_preview, name="sheet-preview"),
    path("<int:pk>/penugasan/", coordinator.assignment, name="assignment"),
    path(
        "<int:pk>/penugasan/otomatis/",
        coordinator.assign_by_type,
        name="assign-by-type",
    ),
    path("<int:pk>/undang/", coordinator.invite, name="invite"),
    path("<int:pk>/tinjau/", coordinator.review, name="review"),
    path("<int:pk>/persetujuan/", coordinator.approval, name="approval"),
    path(
        "persetujuan/<int:pk>/unduh/",
        coordinator.approval_download,
        name="approval-download",
    ),
    path("<int:pk>/kirim/", coordinator.submit, name="submit"),
    path("<int:pk>/riwayat/", timeline.timeline, name="timeline"),
    path("<int:pk>/nilai/", scores.explain, name="score-explain"),
    path("peringkat/", scores.ranking_latest, name="ranking-latest"),
    path("peringkat/<int:year>/", scores.ranking, name="ranking"),
    path("kasus/<str:code>/", register.case_list, name="cases"),
    path(
        "kasus/tindak-lanjut/<int:pk>/", register.case_follow_up, name="case-follow-up"
    ),
    path("kasus/berkas/<int:pk>/unduh/", register.case_file_download, name="case-file"),
    # The notices page moved to /pemberitahuan/ (both programmes); old links still work.
    path("pemberitahuan/", RedirectView.as_view(pattern_name="notices:list")),
]
