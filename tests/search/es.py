"""The ``elasticsearch_backend`` fixture: a real cluster when ELASTICSEARCH_URL is set, else osmem.

osmem-server (a test dependency; its binary comes in the wheel) is an
in-memory OpenSearch-compatible engine. Two of its quirks are handled here and
nowhere else: it refuses the versioned media types (``compatible-with=9``) the
Elasticsearch 8/9 client always sends, and it has no Dutch stemmer (so the
backend is built with ``stems_dutch=False`` and stemming tests skip).
"""

import os
import uuid

import pytest
from elastic_transport import HttpHeaders, Urllib3HttpNode

from search.backends.elasticsearch import ElasticsearchBackend


class PlainJsonNode(Urllib3HttpNode):
    """Sends plain ``application/json`` (or ``x-ndjson``) instead of the versioned media types."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = HttpHeaders(headers)
            for name in ("accept", "content-type"):
                value = headers.get(name)
                if value and "compatible-with" in value:
                    headers[name] = "application/x-ndjson" if "ndjson" in value else "application/json"
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def osmem_backend(url, **kwargs):
    return ElasticsearchBackend(
        url, f"test-{uuid.uuid4().hex[:8]}", stems_dutch=False, node_class=PlainJsonNode, **kwargs
    )


@pytest.fixture
def elasticsearch_backend(request):
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if url:
        backend = ElasticsearchBackend(url, f"test-{uuid.uuid4().hex[:12]}")
        yield backend
        backend.drop()
        return
    clone = request.getfixturevalue("osmem_clone")
    yield osmem_backend(clone.url)
