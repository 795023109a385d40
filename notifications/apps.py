from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Meldingen")

    def ready(self):
        # Connect the receivers; register this app's personal data with core.
        from . import personal_data, signals  # noqa: F401
