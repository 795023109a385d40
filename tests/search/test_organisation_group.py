"""The compact group of organisations beside the material (services.organisation_group)."""

import pytest

from search import services
from search.backends.base import SearchQuery

from .conftest import doc

pytestmark = pytest.mark.django_db


def test_the_best_matching_organisations_come_as_a_group_with_their_count(backend):
    backend.rebuild(
        [doc(f"o:{i}", f"Moskee Al-Hoeda {city}", type="organisation", date=None, municipalities=(city.lower(),))
         for i, city in enumerate(["Almere", "Ede", "Utrecht", "Rotterdam"])]
        + [doc("o:story", "Noodhulpbureau en moskee", summary="Kennismaken aan tafel.")]
    )  # fmt: skip
    group = services.organisation_group(SearchQuery(text="moskee", limit=10), backend=backend)
    assert group.total == 4
    assert len(group.hits) == 3
    assert {hit.type for hit in group.hits} == {"organisation"}
    # The page's other filters hold for the group too.
    group = services.organisation_group(SearchQuery(text="moskee", filters={"municipality": ("ede",)}), backend=backend)
    assert [hit.key for hit in group.hits] == ["o:1"]
    # No text, or a type already chosen: no group.
    assert services.organisation_group(SearchQuery(), backend=backend) is None
    assert (
        services.organisation_group(SearchQuery(text="moskee", filters={"type": ("story",)}), backend=backend) is None
    )
    # The one list keeps the story above the profiles.
    assert [hit.key for hit in backend.search(SearchQuery(text="moskee")).hits][0] == "o:story"
