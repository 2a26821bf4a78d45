"""Store on each outbox row whether it is informational, decided once from the template used at enqueue.

Rows still waiting to be delivered get the flag their text was rendered with: the editor's active
template for the event and channel, else the built-in default.
"""

from django.db import migrations, models


def backfill_waiting_rows(apps, schema_editor):
    from notifications.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    active = {
        (t.event, t.channel): t.informational for t in MessageTemplate.objects.filter(is_active=True)
    }
    waiting = OutboxMessage.objects.filter(status__in=["pending", "sending"])
    for event, channel in waiting.values_list("event", "channel").distinct():
        default = DEFAULT_TEMPLATES.get((event, channel))
        informational = active.get((event, channel), default[2] if default else False)
        if informational:
            waiting.filter(event=event, channel=channel).update(informational=True)


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_seed_message_templates'),
    ]

    operations = [
        migrations.AddField(
            model_name='outboxmessage',
            name='informational',
            field=models.BooleanField(default=False, verbose_name='informational'),
        ),
        migrations.RunPython(backfill_waiting_rows, migrations.RunPython.noop),
    ]
