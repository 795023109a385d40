"""Editors and moderators decide on claims of profiles without an admin in the Wagtail admin (they are
emailed about each claim). The groups come from Wagtail's own migrations; a site without them gets nothing."""

from django.db import migrations

from core.migration_permissions import group_grants

CODENAMES = ["view_profileclaim", "change_profileclaim"]
grant, revoke = group_grants({group: {"members": CODENAMES} for group in ("Editors", "Moderators")})


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0015_profile_claims"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
