"""Editors and moderators manage the editor's picks (the groups come from Wagtail's own migrations)."""

from django.db import migrations

from core.migration_permissions import actions_on, group_grants

grant, revoke = group_grants({group: {"search": actions_on(("editorspick",))} for group in ("Editors", "Moderators")})


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_index"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
