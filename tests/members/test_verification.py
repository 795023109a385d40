"""Editors verify organisations in the Wagtail admin; then they are public."""

import pytest
from django.contrib.auth.models import Group

from members.models import Organisation, OrganisationCategory
from tests.conftest import with_totp
from tests.factories import UserFactory

from .conftest import make

pytestmark = pytest.mark.django_db
EDIT = "/admin/snippets/members/organisation/edit/{pk}/"


def edit_form_data(client, organisation):
    """What the admin's edit form posts back unchanged, read from the form it shows."""
    response = client.get(EDIT.format(pk=organisation.pk))
    assert response.status_code == 200
    form = response.context["form"]
    forms = [form] + [child for formset in form.formsets.values() for child in formset.forms]
    data = {}
    for bound in (bound for each in forms for bound in each):
        value = bound.value()
        if value is not None:
            data[bound.html_name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    for formset in form.formsets.values():
        data.update({f"{formset.prefix}-{key}": str(value) for key, value in formset.management_form.initial.items()})
    return data


@pytest.fixture
def awaiting(db):
    return make("Buurtkamer De Schakel", "informeel", services=["Schulden"], status="awaiting")


def staff(group_name):
    user = UserFactory(email=f"{group_name.lower()}@voorbeeld.nl")
    user.groups.add(Group.objects.get(name=group_name))
    with_totp(user)
    return user


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_editors_and_moderators_verify_an_organisation_in_the_admin(client, awaiting, group_name):
    assert "Buurtkamer De Schakel" not in client.get("/sociale-kaart/").content.decode()
    client.force_login(staff(group_name))
    assert client.get("/admin/snippets/members/organisation/?status=awaiting").status_code == 200
    data = edit_form_data(client, awaiting)
    data["status"] = "verified"
    response = client.post(EDIT.format(pk=awaiting.pk), data)
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == Organisation.Status.VERIFIED
    client.logout()
    assert "Buurtkamer De Schakel" in client.get("/sociale-kaart/").content.decode()
    assert client.get("/organisaties/buurtkamer-de-schakel/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/members/organisationcategory/add/",
        "/admin/snippets/members/language/add/",
        "/admin/snippets/core/theme/add/",
        "/admin/snippets/core/targetgroup/add/",
        "/admin/snippets/core/municipality/add/",
    ],
)
def test_editors_keep_the_vocabularies_moderators_do_not(client, url):
    client.force_login(staff("Editors"))
    assert client.get(url).status_code == 200
    client.force_login(staff("Moderators"))
    assert client.get(url).status_code in (302, 403)


def test_editors_add_a_category_in_the_admin(client):
    client.force_login(staff("Editors"))
    response = client.post(
        "/admin/snippets/members/organisationcategory/add/", {"name": "Voedselbank", "slug": "voedselbank"}
    )
    assert response.status_code == 302
    assert OrganisationCategory.objects.filter(name="Voedselbank").exists()


def test_a_plain_member_cannot_open_or_verify_in_the_admin(client, awaiting):
    user = UserFactory(email="lid@voorbeeld.nl")
    with_totp(user)
    client.force_login(user)
    assert client.get(EDIT.format(pk=awaiting.pk)).status_code in (302, 403)
    response = client.post(EDIT.format(pk=awaiting.pk), {"name": awaiting.name, "status": "verified"})
    assert response.status_code in (302, 403)
    awaiting.refresh_from_db()
    assert awaiting.status == Organisation.Status.AWAITING
    assert "Buurtkamer De Schakel" not in client.get("/sociale-kaart/").content.decode()
