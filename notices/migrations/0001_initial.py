"""Notification moves here from reporting: the state is taken over, its link to a
KKPHAM assessment becomes a link to whatever the notice is about (``about``), then the
table is renamed."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def assessment_to_about(apps, schema_editor):
    Notification = apps.get_model("notices", "Notification")
    linked = Notification.objects.exclude(assessment=None)
    if not linked.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _ = ContentType.objects.get_or_create(app_label="reporting", model="assessment")
    for notice in linked.only("pk", "assessment_id").iterator():
        Notification.objects.filter(pk=notice.pk).update(
            about_type=kind, about_id=notice.assessment_id
        )


def about_to_assessment(apps, schema_editor):
    Notification = apps.get_model("notices", "Notification")
    for notice in Notification.objects.filter(
        about_type__app_label="reporting", about_type__model="assessment"
    ).only("pk", "about_id"):
        Notification.objects.filter(pk=notice.pk).update(assessment_id=notice.about_id)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('reporting', '0008_preview_moves_to_files'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('event_key', models.CharField(max_length=100, verbose_name='kunci peristiwa')),
                        ('subject', models.CharField(max_length=200, verbose_name='judul')),
                        ('body', models.TextField(verbose_name='isi')),
                        ('url', models.CharField(max_length=300, verbose_name='tautan')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='dibuat')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='dibaca')),
                        ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='dikirim lewat surel')),
                        ('assessment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='reporting.assessment', verbose_name='penilaian')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='penerima')),
                    ],
                    options={
                        'verbose_name': 'pemberitahuan',
                        'verbose_name_plural': 'pemberitahuan',
                        'ordering': ['-created_at'],
                        'db_table': 'reporting_notification',
                        'constraints': [models.UniqueConstraint(fields=('recipient', 'event_key'), name='notification_once_per_event')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name='notification',
            name='about_type',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='jenis pokok'),
        ),
        migrations.AddField(
            model_name='notification',
            name='about_id',
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name='nomor pokok'),
        ),
        migrations.RunPython(assessment_to_about, about_to_assessment),
        migrations.RemoveField(model_name='notification', name='assessment'),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(fields=['about_type', 'about_id'], name='notification_about_idx'),
        ),
        migrations.AlterModelTable(name='notification', table=None),
    ]
