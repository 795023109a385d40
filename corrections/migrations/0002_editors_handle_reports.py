"""Editors and moderators see and handle error reports in the Wagtail admin (they are emailed about reports on
profiles without an admin). The groups come from Wagtail's own migrations; a site without them gets nothing."""

from django.db import migrations

from core.migration_permissions import group_grants

CODENAMES = ["view_errorreport", "change_errorreport"]
grant, revoke = group_grants({group: {"corrections": CODENAMES} for group in ("Editors", "Moderators")})


class Migration(migrations.Migration):
    dependencies = [
        ("corrections", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
