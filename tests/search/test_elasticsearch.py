"""What only the Elasticsearch backend does: the index alias, its mapping, and failing clearly.

Searching itself is covered for both backends by the contract suite. These run
against osmem, or against the cluster ELASTICSEARCH_URL names.
"""

import copy
import datetime
import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from search.backends.base import SearchDocument, SearchQuery
from search.backends.elasticsearch import ElasticsearchBackend, SearchUnavailable

from .es import PlainJsonNode, elasticsearch_backend  # noqa: F401 (fixture)

# A search reads the synonyms editors keep (search.models.SynonymGroup) from the database.
pytestmark = pytest.mark.django_db


def document(number, title, **fields):
    fields.setdefault("date", datetime.date(2024, 1, number % 28 + 1))
    return SearchDocument(
        key=f"library.storypage:{number}", type="story", title=title, url=f"/verhaal-{number}/", **fields
    )


def titles(backend, text=""):
    return sorted(hit.title for hit in backend.search(SearchQuery(text=text, limit=50)).hits)


def indices_behind_alias(backend, alias=None):
    return sorted(name for name, aliases in backend._indices().items() if (alias or backend.alias) in aliases)


def all_indices(backend):
    return sorted(backend._indices())


def test_indexing_before_any_rebuild_creates_the_index_behind_the_alias(elasticsearch_backend):
    backend = elasticsearch_backend
    assert backend.search(SearchQuery(text="schulden")).total == 0
    backend.delete(["library.storypage:1"])  # nothing indexed yet: nothing to do, no error

    backend.index([document(1, "Schulden voorkomen")])

    assert titles(backend, "schulden") == ["Schulden voorkomen"]
    assert len(indices_behind_alias(backend)) == 1


def test_rebuild_fills_a_new_index_and_swaps_the_alias_when_it_is_complete(elasticsearch_backend):
    backend = elasticsearch_backend
    backend.index([document(1, "Oud verhaal over armoede")])
    [old_index] = indices_behind_alias(backend)
    seen_during_rebuild = []

    def progress(count):
        # Searchers keep seeing the old index until the new one is complete.
        seen_during_rebuild.append(titles(backend))

    new = [document(n, f"Nieuw verhaal {n} over noodhulp") for n in range(2, 1203)]
    assert backend.rebuild(new, progress=progress) == 1201

    assert seen_during_rebuild and all(seen == ["Oud verhaal over armoede"] for seen in seen_during_rebuild)
    [new_index] = indices_behind_alias(backend)
    assert new_index != old_index
    assert all_indices(backend) == [new_index]  # the old index is gone
    assert backend.search(SearchQuery(text="noodhulp")).total == 1201
    assert backend.search(SearchQuery(text="armoede")).total == 0


def test_changes_made_during_a_rebuild_survive_the_swap(elasticsearch_backend):
    backend = elasticsearch_backend
    backend.index([document(1, "Verhaal over de voedselbank")])
    changed = []

    def progress(count):
        if not changed:  # once, after the first chunk went in
            backend.index([document(5000, "Gepubliceerd tijdens het herbouwen")])
            backend.delete(["library.storypage:2"])
            changed.append(count)

    backend.rebuild([document(n, f"Verhaal {n} over schulden") for n in range(1, 1001)], progress=progress)

    assert changed
    assert titles(backend, "herbouwen") == ["Gepubliceerd tijdens het herbouwen"]
    assert backend.search(SearchQuery(text="schulden")).total == 999  # 1,000 minus the deleted one
    assert indices_behind_alias(backend, backend.building_alias) == []


def test_a_failed_rebuild_leaves_the_old_index_in_place(elasticsearch_backend):
    backend = elasticsearch_backend
    backend.index([document(1, "Vrijwilligers bij de voedselbank")])
    [old_index] = indices_behind_alias(backend)

    def documents():
        yield document(2, "Half verhaal")
        raise RuntimeError("database weg")

    with pytest.raises(RuntimeError):
        backend.rebuild(documents())

    assert indices_behind_alias(backend) == [old_index]
    assert all_indices(backend) == [old_index]  # the half-built index is deleted
    assert titles(backend) == ["Vrijwilligers bij de voedselbank"]


def test_a_rebuild_removes_indices_left_behind_by_an_interrupted_one(elasticsearch_backend):
    backend = elasticsearch_backend
    backend.rebuild([document(1, "Eerste versie")])
    leftover = backend._new_index()  # as if a rebuild was killed before the swap

    backend.rebuild([document(1, "Tweede versie")])

    assert leftover not in all_indices(backend)
    assert len(all_indices(backend)) == 1
    assert titles(backend) == ["Tweede versie"]


def test_mapping_is_dutch_with_accent_folding_and_keyword_facets(elasticsearch_backend):
    backend = elasticsearch_backend
    backend.index([document(1, "Financiële hulp", themes=("schulden",))])
    [index] = indices_behind_alias(backend)
    info = backend.client.indices.get(index=index).body[index]
    analysis = info["settings"]["index"]["analysis"]
    filters = analysis["analyzer"]["platform_dutch"]["filter"]
    assert "asciifolding" in filters and "lowercase" in filters
    assert analysis["filter"]["dutch_stop"]["stopwords"] == "_dutch_"
    properties = info["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "platform_dutch"
    for field in ("type", "themes", "target_groups", "municipalities", "organisation_kind", "tags", "year"):
        assert properties[field]["type"] == "keyword"
    assert properties["complete_title"]["type"] == "completion"
    # Without accents and in lower case, the word is still found.
    assert titles(backend, "FINANCIELE") == ["Financiële hulp"]


def test_dutch_stemming_on_a_real_cluster(elasticsearch_backend):
    if not elasticsearch_backend.stems_dutch:
        pytest.skip("osmem has no Dutch stemmer; runs when ELASTICSEARCH_URL names a real cluster")
    elasticsearch_backend.index([document(1, "Gemeenten bundelen schulden")])
    assert titles(elasticsearch_backend, "gemeente schuld") == ["Gemeenten bundelen schulden"]


def test_the_index_gets_the_dutch_stemmer_unless_switched_off(elasticsearch_backend):
    stemming = copy.copy(elasticsearch_backend)
    stemming.stems_dutch = True
    stemmed = stemming._new_index()
    stemming.stems_dutch = False
    unstemmed = stemming._new_index()

    def filters(index):
        settings = stemming.client.indices.get_settings(index=index).body[index]["settings"]["index"]["analysis"]
        return settings["analyzer"]["platform_dutch"]["filter"]

    assert filters(stemmed)[-1] == "dutch_stemmer"
    assert "dutch_stemmer" not in filters(unstemmed)


# Failing clearly -------------------------------------------------------------


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def overloaded_cluster():
    """A server that answers every request with 503, as a cluster does while it restarts."""

    class Handler(BaseHTTPRequestHandler):
        def do_request(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = json.dumps({"error": {"type": "unavailable", "reason": "herstart"}, "status": 503}).encode()
            self.send_response(503)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_request

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "call",
    [
        lambda b: b.search(SearchQuery(text="schulden")),
        lambda b: b.suggest("schul"),
        lambda b: b.index([document(1, "Schulden")]),
        lambda b: b.delete(["library.storypage:1"]),
        lambda b: b.rebuild([document(1, "Schulden")]),
    ],
    ids=["search", "suggest", "index", "delete", "rebuild"],
)
def test_an_unreachable_cluster_raises_search_unavailable_and_logs_where(call, caplog):
    port = closed_port()
    url = f"http://beheer:geheim@127.0.0.1:{port}"
    backend = ElasticsearchBackend(url, "kp", node_class=PlainJsonNode, max_retries=0)
    with caplog.at_level(logging.ERROR, logger="search.backends.elasticsearch"):
        with pytest.raises(SearchUnavailable):
            call(backend)
    [record] = [r for r in caplog.records if r.name == "search.backends.elasticsearch"]
    assert "unreachable" in record.getMessage()
    assert f"http://127.0.0.1:{port}" in record.getMessage()
    assert "geheim" not in record.getMessage()  # credentials never reach the log


def test_an_overloaded_cluster_raises_search_unavailable(overloaded_cluster, caplog):
    backend = ElasticsearchBackend(overloaded_cluster, "kp", node_class=PlainJsonNode, max_retries=0)
    with caplog.at_level(logging.ERROR, logger="search.backends.elasticsearch"):
        with pytest.raises(SearchUnavailable, match="503"):
            backend.search(SearchQuery(text="schulden"))
    assert any("503" in r.getMessage() for r in caplog.records)
