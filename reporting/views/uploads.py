"""Large evidence over a bad connection: a page that sends files in chunks with the
tus protocol (tus-js-client), and the protocol's endpoints for an answer.

Every request is checked again: the upload belongs to the person, its answer is
in their scope and still editable. The finished file goes through
``evidence_attach``, the same service and checks as the one-request form.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from files import checks, tus
from files.models import PartialUpload
from files.services import partial
from kernel.errors import Refusal, refusal_messages
from reporting import permissions
from reporting.models import Answer
from reporting.services.evidence import evidence_attach
from reporting.views.common import get_answer, header_flags

PURPOSE = "reporting.evidence"


@login_required
def large_upload_page(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_answer(request, pk)
    assessment = answer.assessment
    return render(
        request,
        "reporting/large_upload.html",
        {
            "answer": answer,
            "assessment": assessment,
            "catalogue": assessment.catalogue,
            "refusal": permissions.edit_refusal(request.user, answer),
            "max_bytes": checks.max_file_bytes(),
            "max_mb": checks.max_file_bytes() // 1024 // 1024,
            "chunk_bytes": min(partial.chunk_max_bytes(), 2 * 1024 * 1024),
            "allowed": checks.ALLOWED_LABEL,
            "extensions": ",".join(
                "." + e for e in [*checks.ALLOWED_TYPES, *checks.NAME_ALIASES]
            ),
            **header_flags(request, assessment),
        },
    )


def _editable_answer(request: HttpRequest, pk: int) -> Answer | HttpResponse:
    answer = get_answer(request, pk)  # 404 outside the person's scope
    refusal = permissions.edit_refusal(request.user, answer)
    if refusal:
        return tus.respond(403, refusal)
    return answer


@login_required
@require_http_methods(["OPTIONS", "POST"])
def tus_create(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "OPTIONS":
        return tus.options()
    refused = tus.version_refusal(request)
    if refused:
        return refused
    answer = _editable_answer(request, pk)
    if isinstance(answer, HttpResponse):
        return answer
    return tus.create(
        request,
        purpose=PURPOSE,
        target_id=answer.pk,
        location=lambda key: reverse("reporting:tus-upload", args=[key]),
    )


def _finish(request: HttpRequest, answer: Answer):
    def finish(upload: PartialUpload) -> HttpResponse | None:
        file = partial.assembled(upload)
        try:
            evidence_attach(answer=answer, uploads=[file], actor=request.user)
        except (ValidationError, Refusal) as exc:
            return tus.respond(422, " ".join(refusal_messages(exc)))
        finally:
            file.close()
            partial.partial_end(upload=upload)
        return None

    return finish


@login_required
@require_http_methods(["OPTIONS", "HEAD", "PATCH", "DELETE"])
def tus_upload(request: HttpRequest, key: str) -> HttpResponse:
    if request.method == "OPTIONS":
        return tus.options()
    refused = tus.version_refusal(request)
    if refused:
        return refused
    upload = PartialUpload.objects.filter(
        key=key[:64], owner=request.user, purpose=PURPOSE
    ).first()
    if upload is None:
        raise Http404
    answer = _editable_answer(request, upload.target_id)
    if isinstance(answer, HttpResponse):
        return answer
    if request.method == "DELETE":
        return tus.terminate(upload)
    if partial.is_expired(upload):
        return tus.gone(upload)
    if request.method == "HEAD":
        return tus.head(upload)
    return tus.patch(request, upload, finish=_finish(request, answer))
