"""Demo content ends with a complete search index, so that search works right after `./dev run`."""

import logging

from . import services

logger = logging.getLogger(__name__)


def load():
    try:
        indexed = services.rebuild()
    except Exception:  # noqa: BLE001  (an unreachable Elasticsearch must not stop the demo)
        logger.exception("Building the search index failed; run `manage.py search_reindex` later.")
        return ["Zoekindex: opbouwen mislukt, draai later `manage.py search_reindex`."]
    return [f"Zoekindex: {indexed} items."]
