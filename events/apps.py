from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        # Connect the receivers; add this app's parts to core's registries (personal data, page sections).
        from core.pagecache import register_scope

        from . import personal_data, sections, signals  # noqa: F401

        # Registrations come every few seconds on a busy day: they drop only the pages that count seats.
        register_scope("seats", self.get_model("Registration"))
