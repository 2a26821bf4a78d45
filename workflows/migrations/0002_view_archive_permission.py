from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="servicerequest",
            options={
                "ordering": ["-submitted_at"],
                "permissions": [
                    ("view_all_requests", "Can see every request"),
                    ("cancel_request", "Can cancel a request with a reason"),
                    ("register_request", "Can register counter and paper requests"),
                    ("view_archive", "Can see every closed request (records)"),
                ],
                "verbose_name": "service request",
                "verbose_name_plural": "service requests",
            },
        ),
    ]
