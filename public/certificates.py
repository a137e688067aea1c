"""The certificate (piagam) PDF of an awarded kab/kota or a pembina province.

Drawn on request from published rows and the year's data (programme and award names,
decree, signatory); nothing is stored, so a certificate can be drawn again at any time
and always matches the published result. The QR code (segno) holds the region's public
page, where anyone can check it.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from exports.document import identity_of
from indicators.models import Catalogue


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf(
    *, catalogue: Catalogue, recipient: str, kind: str, detail: str, page_url: str
) -> bytes:
    """``kind`` is "regency" or "province"; ``detail`` the predicate or the share."""
    url = settings.PORTAL_BASE_URL + page_url
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "public/pdf/certificate.html",
            {
                "catalogue": catalogue,
                "publication": catalogue.publication,
                "recipient": recipient,
                "kind": kind,
                "detail": detail,
                "url": url,
                "qr": qr_data_uri(url),
                **identity_of(catalogue),
            },
        )
    from exports.weasy import page_pdf  # about a second to load: see the module

    return page_pdf(html, "css/certificate.css")
