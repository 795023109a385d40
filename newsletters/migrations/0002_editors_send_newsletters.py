"""Editors compose and send newsletters; moderators may compose and preview them but not send.

The groups come from Wagtail's own migrations; a site without them gets nothing here
(members.demo recreates them with the same rights)."""

from django.db import migrations

from core.migration_permissions import actions_on, group_grants

grant, revoke = group_grants(
    {
        "Editors": {"newsletters": actions_on(("newsletter",), ("view", "add", "change", "delete", "send"))},
        "Moderators": {"newsletters": actions_on(("newsletter",), ("view", "add", "change"))},
    }
)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
