"""Data migrations that give Wagtail's groups the permissions of an app's models, all written the same way.

A migration calls ``group_grants({"Editors": {"members": ["view_profileclaim", ...]}})`` and runs the two
functions it returns. The groups come from Wagtail's own migrations; a site without them gets nothing (the demo
recreates them with the same rights)."""


def group_grants(grants):
    """RunPython functions (grant, revoke) for ``{group name: {app label: [codename, ...]}}``."""
    app_labels = sorted({app_label for by_app in grants.values() for app_label in by_app})

    def each_grant(apps):
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        for group in Group.objects.filter(name__in=grants):
            for app_label, codenames in grants[group.name].items():
                permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
                yield group, list(permissions)

    def grant(apps, schema_editor):
        from django.contrib.auth.management import create_permissions

        # Permissions of models are normally made after all migrations; make them now.
        for app_label in app_labels:
            app_config = apps.get_app_config(app_label)
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        for group, permissions in each_grant(apps):
            group.permissions.add(*permissions)

    def revoke(apps, schema_editor):
        for group, permissions in each_grant(apps):
            group.permissions.remove(*permissions)

    return grant, revoke


def actions_on(models, actions=("view", "add", "change", "delete")):
    """Codenames such as ``view_organisation`` for every action on every model."""
    return [f"{action}_{model}" for model in models for action in actions]
