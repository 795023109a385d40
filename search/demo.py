"""Demo content ends with a complete search index, so that search works right after `./dev run`."""

import logging

from . import services
from .models import SynonymGroup

logger = logging.getLogger(__name__)

# Words visitors use beside the words in the material; editors keep more in the Wagtail admin.
SYNONYMS = [
    ("geldzorgen\ngeldproblemen\nfinanciële problemen\nfinanciële zorgen", "Wat mensen zelf zeggen."),
    ("schuldhulpverlening\nschulddienstverlening\nschuldhulp", "Oude en nieuwe naam, en het korte woord."),
    ("AVG\nprivacy\npersoonsgegevens", ""),
    ("migranten\nnieuwkomers\nmensen met een migratieachtergrond", ""),
    ("geloofsgemeenschap\nlevensbeschouwelijke organisatie", ""),
]


def load():
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create(SynonymGroup(terms=terms, note=note) for terms, note in SYNONYMS)
    try:
        indexed = services.rebuild()
    except Exception:  # an unreachable Elasticsearch must not stop the demo
        logger.exception("Building the search index failed; run `manage.py search_reindex` later.")
        return ["Zoekindex: opbouwen mislukt, draai later `manage.py search_reindex`."]
    return [f"Zoekindex: {indexed} items."]
