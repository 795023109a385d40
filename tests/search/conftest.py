import datetime

import pytest

from search.backends.base import SearchDocument

try:
    from tests.search.es import elasticsearch_backend  # fixture, written with the Elasticsearch backend
except ImportError:
    elasticsearch_backend = None


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request):
    if request.param == "database":
        from search.backends.database import DatabaseBackend

        return DatabaseBackend()
    if elasticsearch_backend is None:
        pytest.skip("tests/search/es.py (the Elasticsearch fixture) does not exist yet")
    return request.getfixturevalue("elasticsearch_backend")


@pytest.fixture
def site_backend(backend, monkeypatch):
    """``backend`` as the one views, the API, tasks and commands use, whatever ELASTICSEARCH_URL says."""
    from search import services

    monkeypatch.setattr(services, "get_backend", lambda name=None: backend)
    return backend


def doc(key, title, **fields):
    """A SearchDocument with sensible defaults: a story dated 2024-03-04."""
    fields.setdefault("type", "story")
    fields.setdefault("url", f"/{key.replace(':', '-')}/")
    fields.setdefault("date", datetime.date(2024, 3, 4))
    return SearchDocument(key=key, title=title, **fields)
