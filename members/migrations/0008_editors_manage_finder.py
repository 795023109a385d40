"""Editors keep the finder's questions and the national help in the Wagtail admin (Wegwijzer)."""

from django.db import migrations

ACTIONS = ("view", "add", "change", "delete")
MODELS = ("finderquestion", "nationalhelp")


def _permissions(Permission):
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    return list(Permission.objects.filter(content_type__app_label="members", codename__in=codenames))


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions of models are normally made after all migrations; make them now.
    app_config = apps.get_app_config("members")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*_permissions(Permission))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*_permissions(Permission))


class Migration(migrations.Migration):
    dependencies = [("members", "0007_finderquestion_nationalhelp")]

    operations = [migrations.RunPython(grant, revoke)]
