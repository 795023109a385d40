from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("Correcties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Add this app's parts to core's registries (personal data, the profile's sections).
        from . import personal_data, sections  # noqa: F401
