from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnertoken",
            name="allowed_unit_codes",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Unit codes a letter event of this partner may move a request to, besides the units on the request's own routing plan.",
                verbose_name="units it may route to",
            ),
        ),
        migrations.AddField(
            model_name="partnertoken",
            name="webhook_secret",
            field=models.CharField(blank=True, editable=False, max_length=100, verbose_name="webhook secret"),
        ),
    ]
