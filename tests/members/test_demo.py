"""The social map that load_demo_content builds: enough to show every feature of the issue."""

import decimal
import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from members.models import Membership, Organisation, Profile

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
