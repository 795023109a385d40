from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Nieuwsbrieven")

    def ready(self):
        # Add this app's part to core's personal-data registry.
        from . import personal_data  # noqa: F401
