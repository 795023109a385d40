from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from . import personal_data, signals  # noqa: F401  (personal_data: the statistics' retention)

        # Each app declares its searchable models in <app>/search_index.py.
        autodiscover_modules("search_index")
        signals.connect()
