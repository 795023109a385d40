"""Editors and moderators manage the editor's picks (the groups come from Wagtail's own migrations)."""

from django.db import migrations

CODENAMES = ["add_editorspick", "change_editorspick", "delete_editorspick", "view_editorspick"]
GROUPS = ["Editors", "Moderators"]


def granting(codenames):
    """Migration functions that give (and take back) these permissions of the search app; 0008 uses them too."""

    def grant(apps, schema_editor):
        _grant(apps, codenames)

    def revoke(apps, schema_editor):
        _revoke(apps, codenames)

    return grant, revoke


def _grant(apps, codenames):
    from django.contrib.auth.management import create_permissions

    # Permissions of new models are normally made after all migrations; make them now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="search", codename__in=codenames))
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def _revoke(apps, codenames):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="search", codename__in=codenames)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_index"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(*granting(CODENAMES))]
