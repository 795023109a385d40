"""The social map that load_demo_content builds: enough to show every feature of the issue."""

import decimal
import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from members.models import (
    Membership,
    Organisation,
    Profile,
    Service,
    SharedWalkIn,
    WalkInChangedHours,
    WalkInClosure,
)
from members.models.services import HELP_TEXT_FIELDS, HELP_YES_NO_FIELDS

ALLIANCE = ["Humanitas Almere", "SchuldHulpMaatje Almere", "Leger des Heils Almere", "Ocan Almere"]


def test_demo_social_map(demo_content):
    organisations = Organisation.objects.all()
    verified = organisations.filter(status=Organisation.Status.VERIFIED)
    assert organisations.count() >= 30
    assert verified.values("municipality").distinct().count() >= 6
    assert set(verified.values_list("kind", flat=True)) == {"formeel", "informeel"}
    assert organisations.filter(status=Organisation.Status.AWAITING).count() == 1

    alliance = verified.filter(name__in=ALLIANCE, municipality__name="Almere")
    assert sorted(alliance.values_list("name", flat=True)) == sorted(ALLIANCE)
    assert set(alliance.values_list("kind", flat=True)) == {"formeel", "informeel"}

    # Every public organisation has walk-in hours and a marker in the Netherlands.
    assert not verified.filter(walk_in_hours__isnull=True).exists()
    assert not verified.filter(latitude__isnull=True).exists()
    for latitude, longitude in verified.values_list("latitude", "longitude"):
        assert decimal.Decimal("50.7") <= latitude <= decimal.Decimal("53.6")
        assert decimal.Decimal("3.3") <= longitude <= decimal.Decimal("7.3")


def test_demo_people_have_each_role_and_visibility(demo_content, client):
    assert set(Membership.objects.values_list("role", flat=True)) == {Membership.Role.ADMIN, Membership.Role.MEMBER}
    assert set(Profile.objects.values_list("visibility", flat=True)) == set(Profile.Visibility.values)
    assert Membership.objects.get(user__email="organisatie@kennisplatform.example").role == Membership.Role.ADMIN
    assert Membership.objects.get(user__email="lid@kennisplatform.example").role == Membership.Role.MEMBER
    # The demo organisation admin edits Ocan Almere on the site.
    admin = Membership.objects.get(user__email="organisatie@kennisplatform.example").user
    client.force_login(admin)
    assert client.get("/organisaties/ocan-almere/bewerken/").status_code == 200


@pytest.mark.django_db
def test_demo_editor_groups_come_back_with_the_rights_to_verify(client):
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    call_command("load_demo_content", force=True, stdout=open(os.devnull, "w"))
    client.force_login(Group.objects.get(name="Editors").user_set.get())  # the demo editor, with TOTP
    awaiting = Organisation.objects.get(status=Organisation.Status.AWAITING)
    assert client.get(f"/admin/snippets/members/organisation/edit/{awaiting.pk}/").status_code == 200
    assert client.get("/admin/snippets/core/theme/add/").status_code == 200
    moderator_rights = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {"view_organisation", "change_organisation"} <= moderator_rights
    assert "delete_organisation" not in moderator_rights


def test_demo_organisations_are_not_clones(demo_content, client):
    verified = Organisation.objects.filter(status=Organisation.Status.VERIFIED)
    descriptions = list(verified.values_list("description", flat=True))
    assert all(descriptions) and len(set(descriptions)) == len(descriptions)
    # No sentence pattern repeated with only the place changed.
    skeletons = {
        description.replace(org.municipality.name, "") for org, description in zip(verified, descriptions, strict=True)
    }
    assert len(skeletons) == len(descriptions)
    assert len({org.name.split()[0] for org in verified}) >= 15  # varied names, not one pattern per city
    for field in ("address", "postcode", "phone", "email", "website"):
        assert not verified.filter(**{field: ""}).exists(), field
    assert len(set(verified.values_list("phone", flat=True))) == verified.count()
    hours = {tuple(org.walk_in_hours.values_list("weekday", "starts", "ends")) for org in verified}
    assert len(hours) >= 20

    html = client.get("/organisaties/humanitas-almere/").content.decode()
    assert "Stationsplein 14" in html and 'href="tel:0365302140"' in html
    assert "https://www.google.com/maps/dir/?api=1&amp;destination=Stationsplein+14%2C+1315+KT+Almere" in html


def test_demo_finder_has_plain_questions_and_national_help(demo_content, client):
    from members.models import FinderQuestion, NationalHelp

    assert FinderQuestion.objects.filter(text="Ik heb vandaag geld nodig voor eten").exists()
    assert NationalHelp.objects.count() >= 5
    html = client.get(
        "/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "geld-voor-eten", "gemeente": "urk"}
    ).content.decode()
    assert "We kennen in Urk nog geen organisaties" in html and "Voedselbanken" in html
    html = client.get(
        "/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "geld-voor-eten", "gemeente": "ede"}
    ).content.decode()
    assert "Voedselbank Ede" in html


def test_demo_distance_search_from_an_almere_postcode_works_offline(demo_content, client, settings):
    settings.GEOCODER_URL = ""  # as ./dev run: the demo organisations stand in for the PDOK geocoder
    response = client.get("/sociale-kaart/", {"dichtbij": "1315 KT", "straal": "5"})
    found = response.context["page_obj"].object_list
    assert found[0].name == "Humanitas Almere"
    assert [o.distance_km for o in found] == sorted(o.distance_km for o in found)
    assert {o.municipality.name for o in found} == {"Almere"}
    assert "Afstand: 0,0 km" in response.content.decode()


def test_demo_services_use_every_fact_and_show_on_the_social_map(demo_content, client):
    services = Service.objects.filter(organisation__status=Organisation.Status.VERIFIED)
    assert services.values("organisation").distinct().count() >= 6
    for name in HELP_TEXT_FIELDS:
        assert services.exclude(**{name: ""}).exists(), name
    for name in HELP_YES_NO_FIELDS:
        assert services.filter(**{name: True}).exists() and services.filter(**{name: False}).exists(), name
    for service in services:
        service.full_clean()  # the models' rules hold for every demo service
    response = client.get("/sociale-kaart/", {"toegang": "tolk", "gemeente": "almere"})
    names = {o.name for o in response.context["page_obj"].object_list}
    assert {"Ocan Almere", "Humanitas Almere", "Moskee Al-Hoeda Almere"} <= names
    assert "gratis · inloop · tolk" in client.get("/sociale-kaart/", {"q": "Ocan"}).content.decode()
    html = client.get("/organisaties/leger-des-heils-almere/").content.decode()
    assert "Budgetbeheer" in html and "€ 7,50 per maand" in html


def test_demo_walk_in_exceptions_and_shared_walk_in(demo_content, client):
    html = client.get("/organisaties/ocan-almere/").content.decode()
    assert "Deze week geen inloop" in html
    assert WalkInClosure.objects.filter(organisation__slug="humanitas-almere", reason="Kerstvakantie").exists()
    assert WalkInChangedHours.objects.filter(organisation__slug="moskee-al-hoeda-almere", reason="Ramadan").exists()
    walk_in = SharedWalkIn.objects.get(slug="financieel-huis-almere")
    assert walk_in.partners.count() == 3
    assert len(set(walk_in.turns.values_list("organisation", flat=True))) == 3
    assert client.get("/sociale-kaart/inloop/financieel-huis-almere/").status_code == 200


def test_demo_distance_search_reaches_over_the_municipal_border(demo_content, client, settings):
    settings.GEOCODER_URL = ""
    response = client.get("/sociale-kaart/", {"dichtbij": "1315", "straal": "25"})
    found = list(response.context["page_obj"].object_list)
    places = [o.municipality.name for o in found]
    assert places[0] == "Almere" and "Lelystad" in places  # Amsterdam lies within 25 km too
    assert max(i for i, place in enumerate(places) if place == "Almere") < places.index("Lelystad")
    assert [o.distance_km for o in found] == sorted(o.distance_km for o in found)
    finder = client.get("/sociale-kaart/waar-kan-ik-terecht/", {"vraag": "geld-voor-eten", "dichtbij": "1315"})
    assert finder.status_code == 200 and finder.context["local_found"]
