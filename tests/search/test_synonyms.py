"""Synonyms kept by editors in the Wagtail admin, used by the next search on the site."""

import pytest

from search import services
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.models import SynonymGroup
from tests.conftest import with_totp

from .conftest import doc

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/search/synonymgroup/add/"


def test_editors_keep_synonyms_and_the_next_search_uses_them(client, editor, member):
    backend = DatabaseBackend()
    backend.rebuild([doc("s:1", "Schulddienstverlening in Utrecht"), doc("s:2", "Iets anders")])
    assert backend.search(SearchQuery(text="schuldhulpverlening")).total == 0

    client.force_login(member)
    assert client.get(ADD).status_code in (302, 403)
    with_totp(editor)
    client.force_login(editor)
    response = client.post(ADD, {"terms": "schuldhulpverlening", "note": ""})
    assert response.status_code == 200
    assert "Vul minstens twee termen in" in response.content.decode()
    client.post(ADD, {"terms": "Schuldhulpverlening\n\nschulddienstverlening\n", "note": "Oude en nieuwe naam"})
    assert SynonymGroup.objects.get().term_list() == ["Schuldhulpverlening", "schulddienstverlening"]

    results = backend.search(SearchQuery(text="schuldhulpverlening"))
    assert [hit.key for hit in results.hits] == ["s:1"]


def test_the_demo_content_has_synonyms_that_find_material(demo_content):
    assert SynonymGroup.objects.count() >= 3
    _query, results = services.run(SearchQuery(text="geldproblemen"), backend=DatabaseBackend(), log=False)
    assert "Jongeren met geldzorgen vinden elkaar in de sportclub" in [hit.title for hit in results.hits[:3]]
