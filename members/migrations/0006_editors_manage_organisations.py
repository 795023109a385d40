"""Editors verify and maintain organisations and the vocabularies of the social map in the Wagtail admin.

membership.py emails the Editors and Moderators groups when an organisation waits for verification,
so both must be able to open and verify it:

- Editors: view, add, change and delete organisations, their categories and languages, and the
  shared vocabularies (themes, target groups, municipalities). They keep the lists clean.
- Moderators: view and change organisations, enough to verify or archive one. They moderate
  content; the vocabularies and deleting organisations stay with the editors.

The groups come from Wagtail's own migrations; a site without them gets nothing here
(members.demo recreates them with the same rights).
"""

from django.db import migrations

ACTIONS = ("view", "add", "change", "delete")
GRANTS = {
    "Editors": {
        "members": {model: ACTIONS for model in ("organisation", "organisationcategory", "language")},
        "core": {model: ACTIONS for model in ("theme", "targetgroup", "municipality")},
    },
    "Moderators": {"members": {"organisation": ("view", "change")}},
}


def _permissions(Permission, app_label, models):
    codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions of models are normally made after all migrations; make them now.
    for app_label in ("members", "core"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        for app_label, models in GRANTS[group.name].items():
            group.permissions.add(*_permissions(Permission, app_label, models))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        for app_label, models in GRANTS[group.name].items():
            group.permissions.remove(*_permissions(Permission, app_label, models))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_invitation_profile_joinrequest"),
        ("core", "0003_load_municipalities"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
