from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("account/gegevens/", views.my_data, name="my_data"),
    path("account/verwijderen/", views.delete_account, name="delete_account"),
    path("sociale-kaart/", views.social_map, name="social_map"),
    path("sociale-kaart/waar-kan-ik-terecht/", views.finder, name="finder"),
    path("account/organisaties/", views.my_organisations, name="my_organisations"),
    path("organisaties/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisaties/<slug:slug>/bewerken/", views.edit_organisation, name="edit_organisation"),
    path("api/v1/organisations/", views.api_organisations, name="api_organisations"),
]
