"""Editors keep the finder's questions and the national help in the Wagtail admin (Wegwijzer)."""

from django.db import migrations

from core.migration_permissions import actions_on, group_grants

grant, revoke = group_grants({"Editors": {"members": actions_on(("finderquestion", "nationalhelp"))}})


class Migration(migrations.Migration):
    dependencies = [("members", "0007_finderquestion_nationalhelp")]

    operations = [migrations.RunPython(grant, revoke)]
