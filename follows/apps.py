from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "follows"
    verbose_name = _("Volgen en e-mailvoorkeuren")

    def ready(self):
        from . import personal_data, sections  # noqa: F401  export/erasure; the button and account section
