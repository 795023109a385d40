"""Index updates run as tasks, so that publishing never waits for (or fails on) the search backend."""

import datetime
import logging

from django.utils import timezone

from core.tasks import task

from . import services

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAY = datetime.timedelta(minutes=1)


@task()
def sync_index(model_label, pks, attempt=1):
    """(Re)index the public ones of these objects and drop the rest; retried later if the backend is down."""
    try:
        return services.sync(model_label, pks)
    except Exception:  # any backend failure: log, retry, never raise into publishing
        logger.exception("Updating the search index for %s %s failed (attempt %d).", model_label, pks, attempt)
        if attempt >= MAX_ATTEMPTS:
            logger.error("Gave up updating the search index for %s %s; run search_reindex.", model_label, pks)
            return None
        if not sync_index.get_backend().supports_defer:
            logger.error("The task backend cannot retry later; run search_reindex when the search backend is back.")
            return None
        sync_index.using(run_after=timezone.now() + RETRY_DELAY * attempt).enqueue(model_label, pks, attempt + 1)
        return None
