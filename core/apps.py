from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .siteurl import sync_site_record


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Basis")

    def ready(self):
        from . import lookups, signals  # noqa: F401  (registers the lookup, connects the receivers)
        from .pagecache import connect_signals

        connect_signals()

        # `migrate` runs on every `./dev run` and deploy, so the Site record follows SITE_URL.
        post_migrate.connect(sync_site_record, sender=self, dispatch_uid="core.sync_site_record")
