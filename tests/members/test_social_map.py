import datetime
import zoneinfo

import pytest
from django.http import QueryDict

from members.models import Organisation
from members.socialmap import SocialMapFilters

from .conftest import make

pytestmark = pytest.mark.django_db
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def names(response):
    return [organisation.name for organisation in response.context["page_obj"].object_list]


def counts(response, param):
    return {o.value: o.count for f in response.context["facets"] if f.param == param for o in f.options}


def test_only_verified_organisations_are_listed(client, social_map):
    response = client.get("/sociale-kaart/")
    assert names(response) == ["Gemeente Almere", "Moskee Rotterdam", "Ocan Almere"]
    assert "Nog niet geverifieerd" not in response.content.decode()
    assert client.get("/organisaties/nog-niet-geverifieerd/").status_code == 404


def test_filters_combine_with_counts_and_text_search(client, social_map):
    response = client.get("/sociale-kaart/", {"hulp": "schulden", "soort": "informeel"})
    assert names(response) == ["Ocan Almere"]
    assert counts(response, "soort") == {"formeel": 1, "informeel": 1}
    assert counts(response, "hulp") == {"schulden": 1, "urgente-nood": 1}
    assert names(client.get("/sociale-kaart/", {"gemeente": "rotterdam"})) == ["Moskee Rotterdam"]
    assert names(client.get("/sociale-kaart/", {"taal": "papiamento"})) == ["Ocan Almere"]
    assert names(client.get("/sociale-kaart/", {"wijk": "Stad", "categorie": "gemeente"})) == ["Gemeente Almere"]
    assert names(client.get("/sociale-kaart/", {"doelgroep": "caribische-nederlanders"})) == ["Ocan Almere"]
    assert names(client.get("/sociale-kaart/", {"q": "moskee"})) == ["Moskee Rotterdam"]


def test_walk_in_now_and_in_the_next_seven_days_with_a_frozen_clock(social_map):
    thursday_ten = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM)
    now_open = SocialMapFilters(QueryDict("open=nu"), now=thursday_ten).apply(Organisation.objects.public())
    assert [o.name for o in now_open] == ["Ocan Almere"]

    thursday_noon = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=AMSTERDAM)  # closes at 12:00
    assert not SocialMapFilters(QueryDict("open=nu"), now=thursday_noon).apply(Organisation.objects.public()).exists()

    def next_seven_days(now):
        return [
            o.name
            for o in SocialMapFilters(QueryDict("open=week"), now=now)
            .apply(Organisation.objects.public())
            .order_by("name")
        ]

    # On Saturday both come within seven days: Tuesday's (Gemeente) and Thursday's (Ocan) of next week.
    assert next_seven_days(datetime.datetime(2026, 11, 28, 8, 0, tzinfo=AMSTERDAM)) == [
        "Gemeente Almere",
        "Ocan Almere",
    ]
    # On Thursday morning Ocan is still to come today; once it has closed, its next walk-in is in eight days.
    assert next_seven_days(datetime.datetime(2026, 11, 26, 11, 0, tzinfo=AMSTERDAM)) == [
        "Gemeente Almere",
        "Ocan Almere",
    ]
    assert next_seven_days(thursday_noon) == ["Gemeente Almere"]


@pytest.mark.parametrize(
    "moment, open_now",
    [
        (datetime.datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM), ["Ocan Almere"]),  # Thursday 09:00–12:00
        (datetime.datetime(2026, 11, 24, 15, 59, tzinfo=AMSTERDAM), ["Gemeente Almere"]),  # Tuesday 13:00–16:00
        (datetime.datetime(2026, 11, 26, 12, 0, tzinfo=AMSTERDAM), []),
    ],
)
def test_open_now_on_the_page_with_a_frozen_clock(client, social_map, monkeypatch, moment, open_now):
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    response = client.get("/sociale-kaart/", {"open": "nu"})
    assert names(response) == open_now
    assert counts(response, "open")["nu"] == len(open_now)
    assert counts(response, "open")["week"] == (1 if moment.hour == 12 else 2)
    html = response.content.decode()
    assert "Inloop in de komende 7 dagen" in html
    if not open_now:
        assert "Ocan Almere" not in html


def test_finder_shows_informal_and_formal_side_by_side(client, social_map):
    response = client.get("/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "schulden", "gemeente": "almere"})
    results = response.context["results"]
    assert [o.name for o in results["informeel"]] == ["Ocan Almere"]
    assert [o.name for o in results["formeel"]] == ["Gemeente Almere"]
    html = response.content.decode()
    assert "Donderdag 09:00–12:00" in html


def test_finder_asks_for_both_choices(client, social_map):
    response = client.get("/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "schulden"})
    assert "Kies uw vraag en uw gemeente." in response.content.decode()
    assert "results" not in response.context


STALE_PAGES = [
    "/organisaties/ocan-almere/",
    "/sociale-kaart/?soort=informeel",
    "/sociale-kaart/waar-kan-ik-terecht/?vraag=schulden&gemeente=almere",
]


@pytest.mark.parametrize("url", STALE_PAGES)
def test_profile_list_card_and_finder_card_warn_of_a_stale_profile(client, social_map, url):
    organisation = Organisation.objects.get(name="Ocan Almere")
    html = client.get(url).content.decode()
    assert "Donderdag 09:00–12:00" in html
    assert "misschien niet meer actueel" not in html
    organisation.last_confirmed = datetime.date.today() - datetime.timedelta(days=400)
    organisation.save()
    html = client.get(url).content.decode()
    assert html.count("misschien niet meer actueel") == 1  # Ocan's only; Gemeente Almere is current


def test_list_runs_a_constant_number_of_queries(page_queries, social_map):
    def count():
        return page_queries("/sociale-kaart/?hulp=schulden")

    few = count()
    for n in range(12):
        make(
            f"Extra {n}",
            kind="informeel" if n % 2 else "formeel",
            municipality=f"Plaats {n % 3}",
            services=["Schulden"],
            groups=["Jongeren"],
            languages=["Turks"],
            neighbourhood=f"Wijk {n}",
            category="Kerk",
            walk_ins=[(n % 7, datetime.time(9), datetime.time(11))],
        )
    assert count() == few


def test_finder_runs_a_constant_number_of_queries(page_queries, social_map):
    def count():
        return page_queries("/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "schulden", "gemeente": "almere"})

    few = count()
    for n in range(8):
        make(
            f"Finder {n}",
            kind="informeel" if n % 2 else "formeel",
            services=["Schulden"],
            category=f"Soort {n}",
            walk_ins=[(n % 7, datetime.time(9), datetime.time(11))],
        )
    assert count() == few


def test_editor_verifies_an_organisation_in_the_admin(client, superuser, social_map):
    from tests.conftest import with_totp

    with_totp(superuser)
    client.force_login(superuser)
    assert client.get("/admin/snippets/members/organisation/").status_code == 200
    assert client.get("/admin/snippets/members/organisation/?status=awaiting").status_code == 200
    organisation = Organisation.objects.get(name="Nog niet geverifieerd")
    assert client.get(f"/admin/snippets/members/organisation/edit/{organisation.pk}/").status_code == 200


def test_profile_page_lists_its_published_stories_not_drafts(client, social_map):
    from library.models import StoryPage
    from tests.factories import StoryPageFactory

    ocan = Organisation.objects.get(name="Ocan Almere")
    published = StoryPageFactory(title="Samen de inloop draaien")
    published.organisations = [ocan]
    published.save_revision().publish()
    # A new story saved as a draft in the admin: the page row and its links exist, but it is not live.
    draft = StoryPage.objects.get(pk=StoryPageFactory(title="Nog niet af", publish=False).pk)
    draft.organisations = [ocan]
    draft.save()
    assert not draft.live and set(ocan.stories.all()) == {published, draft}

    html = client.get("/organisaties/ocan-almere/").content.decode()
    assert "Samen de inloop draaien" in html and published.url in html
    assert "Nog niet af" not in html
    assert "Samen de inloop draaien" not in client.get("/organisaties/gemeente-almere/").content.decode()


def test_the_page_links_its_markers_instead_of_embedding_them(client, social_map):
    Organisation.objects.filter(status=Organisation.Status.VERIFIED).update(latitude=52.37, longitude=5.22)
    response = client.get("/sociale-kaart/", {"soort": "informeel", "pagina": "1"})
    html = response.content.decode()
    assert 'data-points-url="/sociale-kaart/kaart.geojson?soort=informeel"' in html
    assert 'id="map-points"' not in html and "52.37" not in html


def test_markers_come_as_geojson_filtered_like_the_page(client, social_map):
    Organisation.objects.filter(status=Organisation.Status.VERIFIED).update(latitude=52.37, longitude=5.22)
    Organisation.objects.filter(name="Nog niet geverifieerd").update(latitude=52.0, longitude=5.0)
    response = client.get("/sociale-kaart/kaart.geojson", {"soort": "informeel"})
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"] for f in collection["features"]] == [
        {"name": "Moskee Rotterdam", "url": "/organisaties/moskee-rotterdam/", "kind": "informeel"},
        {"name": "Ocan Almere", "url": "/organisaties/ocan-almere/", "kind": "informeel"},
    ]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [5.22, 52.37]}
    everyone = client.get("/sociale-kaart/kaart.geojson").json()["features"]
    assert "Nog niet geverifieerd" not in [f["properties"]["name"] for f in everyone]


def test_markers_cost_a_constant_number_of_queries(client, social_map, django_assert_num_queries):
    client.get("/sociale-kaart/kaart.geojson")
    with django_assert_num_queries(1):
        client.get("/sociale-kaart/kaart.geojson")
    for n in range(5):
        make(f"Extra {n}").__class__.objects.filter(name=f"Extra {n}").update(latitude=52, longitude=5)
    with django_assert_num_queries(1):
        assert len(client.get("/sociale-kaart/kaart.geojson").json()["features"]) == 5
