"""A kab/kota's evidence for one year as a ZIP, with an index of every file.

Files are copied in 256 KB chunks straight from storage into the archive, so memory
stays flat whatever the size of the evidence.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from collections.abc import Callable
from typing import BinaryIO

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from exports.models import ExportJob
from reporting.models import Evidence

CHUNK = 256 * 1024


def evidence_for(job: ExportJob):
    return (
        Evidence.objects.filter(
            answer__assessment__catalogue=job.catalogue,
            answer__assessment__regency=job.regency,
        )
        .select_related("answer__indicator", "uploaded_by")
        .order_by(
            "answer__indicator__category__order", "answer__indicator__order", "pk"
        )
    )


def write_evidence_zip(
    job: ExportJob, target: BinaryIO, progress: Callable[[int], None]
) -> None:
    files = list(evidence_for(job))
    index = io.StringIO()
    writer = csv.writer(index)
    with translation.override(settings.LANGUAGE_CODE):
        if job.catalogue.is_sample:
            writer.writerow([job.catalogue.sample_label])
        writer.writerow(
            [
                _("Kode indikator"),
                _("Nama berkas"),
                _("Ukuran (bita)"),
                "SHA-256",
                _("Diunggah oleh"),
                _("Tanggal unggah"),
            ]
        )
        with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
            for n, evidence in enumerate(files, start=1):
                code = evidence.answer.indicator.code
                name = (
                    f"{code}/{evidence.pk}-{get_valid_filename(evidence.original_name)}"
                )
                info = zipfile.ZipInfo(
                    name,
                    date_time=timezone.localtime(evidence.uploaded_at).timetuple()[:6],
                )
                # Scans and PDFs are compressed already: store them as they are.
                info.compress_type = zipfile.ZIP_STORED
                with (
                    evidence.file.open("rb") as source,
                    archive.open(info, "w", force_zip64=True) as sink,
                ):
                    shutil.copyfileobj(source, sink, CHUNK)
                uploader = evidence.uploaded_by
                writer.writerow(
                    [
                        code,
                        name,
                        evidence.size,
                        evidence.sha256,
                        uploader.get_full_name() or uploader.username,
                        formats.date_format(
                            timezone.localtime(evidence.uploaded_at),
                            "SHORT_DATETIME_FORMAT",
                        ),
                    ]
                )
                progress(10 + 85 * n // max(len(files), 1))
            archive.writestr(
                "indeks.csv", "\ufeff" + index.getvalue(), zipfile.ZIP_DEFLATED
            )
