from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        # Connect the receivers; add this app's parts to core's registries (personal data, page sections).
        from . import personal_data, sections, signals  # noqa: F401
