import uuid

import django.utils.timezone
from django.db import migrations, models

# The ids the first HSDS export derived from database ids: kept, so that what others loaded still matches.
NAMESPACE = uuid.UUID("5b7f2c1e-8a51-4f4e-9a3c-6f1f0d0b7a11")


def derived_ids(apps, schema_editor):
    for model_name, kind in (("Organisation", "organisation"), ("Service", "service")):
        model = apps.get_model("members", model_name)
        rows = list(model.objects.only("pk"))
        for row in rows:
            row.uuid = uuid.uuid5(NAMESPACE, f"{kind}:{row.pk}")
        model.objects.bulk_update(rows, ["uuid"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("members", "0013_merge_services_and_walk_ins")]

    operations = [
        migrations.AddField(model_name="organisation", name="uuid", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="service", name="uuid", field=models.UUIDField(editable=False, null=True)),
        migrations.RunPython(derived_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="service", name="uuid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
        migrations.AddField(
            model_name="organisation",
            name="modified",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="laatst gewijzigd"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="service",
            name="modified",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="laatst gewijzigd"),
            preserve_default=False,
        ),
    ]
