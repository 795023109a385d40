"""One service per (organisation, theme it helps with), so that existing profiles keep showing their help.
The service says nothing of its own about how to get it: it takes its organisation's facts."""

from django.db import migrations


def forwards(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    Service = apps.get_model("members", "Service")
    for organisation in Organisation.objects.prefetch_related("services").iterator(chunk_size=200):
        for order, theme in enumerate(organisation.services.order_by("name")):
            service, created = Service.objects.get_or_create(
                organisation=organisation, name=theme.name[:160], defaults={"sort_order": order}
            )
            if created:
                service.themes.add(theme)


class Migration(migrations.Migration):
    dependencies = [("members", "0011_services")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
