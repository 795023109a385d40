from django.db import migrations


def load(apps, schema_editor):
    from core.municipalities import load_municipalities

    load_municipalities(apps.get_model("core", "Municipality"))


class Migration(migrations.Migration):
    """A fresh site starts with all 342 municipalities (CBS, 1 January 2025)."""

    dependencies = [("core", "0002_municipality_targetgroup_theme")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
