from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from core.pagecache import page_served_from_cache

        from . import personal_data, signals, views  # noqa: F401  (personal_data: the statistics' retention)

        # Each app declares its searchable models in <app>/search_index.py.
        autodiscover_modules("search_index")
        signals.connect()
        page_served_from_cache.connect(views.count_cached_search, dispatch_uid="search.count_cached_search")
