from django.db import migrations, models


def expired_to_cancelled(apps, schema_editor):
    """The status "expired" was never set by the code; should a row hold it anyway, it is an unconfirmed request
    that lapsed, which the site treats as a cancelled one (it held no seat and stays out of every count of seats)."""
    Registration = apps.get_model("events", "Registration")
    Registration.objects.filter(status="expired").update(status="cancelled")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_merge_calendar_version_and_image"),
    ]

    operations = [
        migrations.RunPython(expired_to_cancelled, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "wacht op bevestiging per e-mail"),
                    ("confirmed", "aangemeld"),
                    ("waiting", "op de wachtlijst"),
                    ("cancelled", "afgemeld"),
                ],
                max_length=10,
                verbose_name="status",
            ),
        ),
    ]
