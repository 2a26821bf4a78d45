"""Editors start from the built-in Persian texts, visible and editable in the Wagtail admin."""

from django.db import migrations


def seed(apps, schema_editor):
    from notifications.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for (event, channel), (subject, body, informational) in DEFAULT_TEMPLATES.items():
        MessageTemplate.objects.get_or_create(
            event=str(event), channel=str(channel),
            defaults={"subject": subject, "body": body, "informational": informational},
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
