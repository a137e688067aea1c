"""The shared cast: two kab/kota in province 33, one in 72, and one user per role.

- regency_staff: coordinator of Kota Salatiga (33.73, Jawa Tengah)
- operator: OPD operator of Dinas Kesehatan Kota Salatiga
- other_regency_staff: coordinator of Kabupaten Banyumas (33.02, Jawa Tengah)
- verifier: Kanwil verifier of Jawa Tengah (33)
- foreign_verifier: Kanwil verifier of Sulawesi Tengah (72)
- ministry: national assessor
- administrator: national administrator
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection
from django.db.models.signals import post_migrate

from accounts.models import Role, User
from outbox import services as outbox_services
from regions.models import Province, Regency
from regions.services import agencies_create_from_template, regions_load
from tests.cast import person
from tests.chromium import (  # noqa: F401 - shared by tests/browser and tests/e2e
    browser,
    page,
    pytest_runtest_makereport,
)
from tests.clock import (  # noqa: F401 - the clock marker and --clock-at/--clock-sweep
    _clock_at,
    pytest_addoption,
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_generate_tests,
)

pytest_plugins = ["tests.plugin", "tests.storage"]


@pytest.fixture(autouse=True)
def _media_storage(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def _process_state_as_configured(settings) -> None:
    """Every test starts with the portal's Celery app current and its tasks run as
    the test settings say (in-process, on the configured broker and queue), and
    with no broker remembered down by the outbox. A test that sends to a real
    worker changes this for itself; what it leaves behind (another app made
    current, a failing eager task taken for a broker failure) never reaches the
    next test."""
    from portal.celery import app

    app.set_current()
    app.conf.update(
        task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
        task_default_queue=settings.CELERY_TASK_DEFAULT_QUEUE,
        broker_url=settings.CELERY_BROKER_URL,
    )
    outbox_services._down_until = 0.0


def _regions_after_flush(sender, using, **kwargs) -> None:
    """A transactional test's closing flush empties every table and then sends
    ``post_migrate`` (without a migration plan, which tells it from a real
    migration): the regions are loaded again, committed, for the tests after it."""
    if sender.label == "regions" and "plan" not in kwargs:
        regions_load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """Each test database starts with the regions committed (38 provinces, 514
    kab/kota, the agency types and Kanwil offices): reference data that about a
    thousand tests read, loaded once instead of in each of them."""
    with django_db_blocker.unblock():
        regions_load()
    post_migrate.connect(_regions_after_flush, dispatch_uid="tests-regions-after-flush")


@pytest.fixture
def without_regions(transactional_db) -> None:
    """For a transactional test that builds its own map (a few kab/kota, an old
    schema): the committed regions are emptied first; its closing flush loads
    them again."""
    tables = [m._meta.db_table for m in apps.get_app_config("regions").get_models()]
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(sql)


@pytest.fixture
def regions(db) -> None:
    """The regions, as ``regions_load`` leaves them (committed once per database;
    loaded here only when this test's database has none)."""
    if not Province.objects.exists():
        regions_load()


@pytest.fixture
def salatiga(regions) -> Regency:
    regency = Regency.objects.get(code="33.73")
    agencies_create_from_template(regency=regency)
    return regency


@pytest.fixture
def banyumas(regions) -> Regency:
    regency = Regency.objects.get(code="33.02")
    agencies_create_from_template(regency=regency)
    return regency


@pytest.fixture
def palu(regions) -> Regency:
    regency = Regency.objects.get(code="72.71")
    agencies_create_from_template(regency=regency)
    return regency


@pytest.fixture
def jayapura(regions) -> Regency:
    """Kota Jayapura, Papua: WIT."""
    regency = Regency.objects.get(code="91.71")
    agencies_create_from_template(regency=regency)
    return regency


@pytest.fixture
def banda_aceh(regions) -> Regency:
    """Kota Banda Aceh: WIB, the country's western end."""
    return Regency.objects.get(code="11.71")


@pytest.fixture
def papua_staff(jayapura) -> User:
    return person("koordinator_jayapura", Role.COORDINATOR, regency=jayapura)


@pytest.fixture
def regency_staff(salatiga) -> User:
    return person("koordinator_salatiga", Role.COORDINATOR, regency=salatiga)


@pytest.fixture
def operator(salatiga) -> User:
    agency = salatiga.agencies.get(agency_type__code="dinkes")
    return person("opd_salatiga", Role.OPERATOR, regency=salatiga, agency=agency)


@pytest.fixture
def other_regency_staff(banyumas) -> User:
    return person("koordinator_banyumas", Role.COORDINATOR, regency=banyumas)


@pytest.fixture
def verifier(regions) -> User:
    return person(
        "kanwil_jateng", Role.VERIFIER, province=Province.objects.get(code="33")
    )


@pytest.fixture
def foreign_verifier(regions) -> User:
    return person(
        "kanwil_sulteng", Role.VERIFIER, province=Province.objects.get(code="72")
    )


@pytest.fixture
def ministry(regions) -> User:
    return person("penilai_pusat", Role.ASSESSOR)


@pytest.fixture
def administrator(regions) -> User:
    return person("admin_pusat", Role.ADMINISTRATOR)


@pytest.fixture
def client_for(client):
    """Log a user in on the test client: ``client_for(verifier).get(...)``."""

    def login(user: User):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login
