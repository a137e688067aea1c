"""Plain helpers shared by several test folders (import them; never import a conftest)."""

from __future__ import annotations

import datetime
from pathlib import Path

from accounts.models import Role, User
from accounts.services import role_grant
from tests.factories import UserFactory

PASSWORD = "rahasia-uji-123"

SAMPLE_CATALOGUE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "catalogue_sample.yaml"
)


def person(username: str, role: Role, **scope: object) -> User:
    """A user holding one role (scope: ``regency=``, ``agency=``, ``province=``)."""
    user = UserFactory(username=username)
    role_grant(user=user, role=role, actor=None, **scope)
    return user


def approve(assessment, actor) -> None:
    """Record the regional head's approval letter of ``assessment``."""
    from reporting.services.assessments import approval_record
    from tests.files import pdf_upload

    approval_record(
        assessment=assessment,
        approver_name="Drs. Contoh",
        approver_position="Sekretaris Daerah",
        approved_on=datetime.date(2026, 3, 1),
        letter=pdf_upload("surat.pdf"),
        actor=actor,
    )
