"""Editors compose and send newsletters; moderators may compose and preview them but not send.

The groups come from Wagtail's own migrations; a site without them gets nothing here
(members.demo recreates them with the same rights)."""

from django.db import migrations

GRANTS = {
    "Editors": ("view", "add", "change", "delete", "send"),
    "Moderators": ("view", "add", "change"),
}


def _permissions(Permission, actions):
    codenames = [f"{action}_newsletter" for action in actions]
    return list(Permission.objects.filter(content_type__app_label="newsletters", codename__in=codenames))


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions of models are normally made after all migrations; make them now.
    app_config = apps.get_app_config("newsletters")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.add(*_permissions(Permission, GRANTS[group.name]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*_permissions(Permission, GRANTS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
