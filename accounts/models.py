"""Users and the roles they hold, each role bound to one scope (region or nation)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kernel.fields import actor_field
from kernel.zones import zone_field
from regions.models import Agency, KanwilOffice, Regency


class User(AbstractUser):
    """A person; what they may do comes from their RoleAssignments, not from flags."""

    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    time_zone = zone_field(
        _("zona waktu"),
        help_text=_(
            "Zona waktu tampilan bagi staf nasional dan Kanwil. Pengguna daerah "
            "selalu melihat zona waktu provinsinya."
        ),
    )
    is_demo = models.BooleanField(
        _("akun demo"),
        default=False,
        help_text=_("Dibuat oleh perintah data demo; tidak untuk pemakaian nyata."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    OPERATOR = "operator", _("Operator OPD")
    COORDINATOR = "coordinator", _("Koordinator kabupaten/kota")
    VERIFIER = "verifier", _("Verifikator Kanwil")
    ASSESSOR = "assessor", _("Tim Penilai Kementerian")
    ADMINISTRATOR = "administrator", _("Administrator")


# Which scope field each role must carry; the others must be empty.
ROLE_SCOPE = {
    Role.OPERATOR: {"regency", "agency"},
    Role.COORDINATOR: {"regency"},
    Role.VERIFIER: {"office"},
    Role.ASSESSOR: set(),
    Role.ADMINISTRATOR: set(),
}


def _scope_check(role: Role) -> Q:
    needed = ROLE_SCOPE[role]
    q = Q(role=role)
    for field in ("office", "regency", "agency"):
        q &= Q(**{f"{field}__isnull": field not in needed})
    return q


class RoleAssignment(models.Model):
    """One role held by one user in one scope. A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("pengguna"),
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    office = models.ForeignKey(
        KanwilOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("kantor wilayah"),
        help_text=_(
            "Verifikator: memverifikasi provinsi yang dicakup kantor ini pada hari itu."
        ),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("kabupaten/kota"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("OPD"),
    )
    created_at = models.DateTimeField(_("diberikan"), auto_now_add=True)
    granted_by = actor_field(
        _("diberikan oleh"),
        on_delete=models.SET_NULL,
        optional=True,
        help_text=_("Kosong: diberikan oleh perintah sistem (data awal, demo)."),
    )
    reason = models.TextField(_("alasan"), blank=True)
    # Every grant, change and revocation (also those made in the console) stays on
    # record: independence rules ask who held a role in a kab/kota during a year.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.CheckConstraint(
                condition=(
                    _scope_check(Role.OPERATOR)
                    | _scope_check(Role.COORDINATOR)
                    | _scope_check(Role.VERIFIER)
                    | _scope_check(Role.ASSESSOR)
                    | _scope_check(Role.ADMINISTRATOR)
                ),
                name="role_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "agency"],
                condition=Q(role=Role.OPERATOR),
                name="role_unique_operator_agency",
            ),
            models.UniqueConstraint(
                fields=["user", "regency"],
                condition=Q(role=Role.COORDINATOR),
                name="role_unique_coordinator_regency",
            ),
            models.UniqueConstraint(
                fields=["user", "office"],
                condition=Q(role=Role.VERIFIER),
                name="role_unique_verifier_office",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(role__in=[Role.ASSESSOR, Role.ADMINISTRATOR]),
                name="role_unique_national_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency or self.regency or self.office or _("nasional")
        return f"{self.get_role_display()} — {scope}"


class RoleRequest(models.Model):
    """A coordinator's invitation of an e-mail that already has an account.

    The account is not changed until an administrator approves; the coordinator is
    never told which account it is or what roles it holds.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu keputusan")
        APPROVED = "approved", _("Disetujui")
        REFUSED = "refused", _("Ditolak")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_requests",
        verbose_name=_("akun yang ada"),
    )
    email = models.EmailField(_("surel yang diundang"))
    full_name = models.CharField(_("nama yang diketik koordinator"), max_length=150)
    role = models.CharField(
        _("peran"), max_length=20, choices=Role.choices, default=Role.OPERATOR
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="role_requests",
        verbose_name=_("kabupaten/kota"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="role_requests",
        verbose_name=_("OPD"),
    )
    requested_by = actor_field(_("diminta oleh"), on_delete=models.SET_NULL, null=True)
    requested_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = actor_field(
        _("diputuskan oleh"), on_delete=models.SET_NULL, optional=True
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        verbose_name = _("permintaan peran")
        verbose_name_plural = _("permintaan peran")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"],
                condition=Q(status="pending"),
                name="role_request_one_pending_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.agency}"


class Handover(models.Model):
    """A coordinator handed a departed operator's work to a successor: the record
    that stays (the roles' own history has the revocation, the answers' history the
    moves, the assessment's history a note)."""

    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        related_name="handovers",
        verbose_name=_("kabupaten/kota"),
    )
    leaving = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handovers_given",
        verbose_name=_("operator yang keluar"),
    )
    successor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handovers_received",
        verbose_name=_("penerus"),
    )
    agencies = models.ManyToManyField(
        Agency, related_name="+", verbose_name=_("OPD yang diserahkan")
    )
    answers_moved = models.PositiveIntegerField(_("indikator dipindahkan"), default=0)
    actions_moved = models.PositiveIntegerField(_("Aksi HAM dipindahkan"), default=0)
    account_deactivated = models.BooleanField(_("akun dinonaktifkan"), default=False)
    performed_by = actor_field(_("dilakukan oleh"))
    performed_at = models.DateTimeField(_("dilakukan pada"), auto_now_add=True)

    class Meta:
        ordering = ["-performed_at", "-pk"]
        verbose_name = _("serah terima akun")
        verbose_name_plural = _("serah terima akun")

    def __str__(self) -> str:
        return f"{self.leaving} → {self.successor} ({self.regency})"
