from django.urls import path

from . import editing_views, views

app_name = "members"

urlpatterns = [
    path("account/gegevens/", views.my_data, name="my_data"),
    path("account/verwijderen/", views.delete_account, name="delete_account"),
    path("sociale-kaart/", views.social_map, name="social_map"),
    path("sociale-kaart/export.csv", views.social_map_export_csv, name="social_map_export_csv"),
    path("sociale-kaart/export-hsds.zip", views.social_map_export_hsds, name="social_map_export_hsds"),
    path("sociale-kaart/kaart.geojson", views.social_map_geojson, name="social_map_geojson"),
    path("sociale-kaart/inloop/<slug:slug>/", views.shared_walk_in, name="shared_walk_in"),
    path("sociale-kaart/waar-kan-ik-terecht/", views.finder, name="finder"),
    path("account/", views.account_overview, name="account"),
    path("account/profiel/", views.edit_profile, name="edit_profile"),
    path("account/organisaties/", views.my_organisations, name="my_organisations"),
    path("mensen/<int:pk>/", views.person_detail, name="person"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("organisaties/nieuw/", views.register, name="register_organisation"),
    path("organisaties/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisaties/<slug:slug>/bewerken/", views.edit_organisation, name="edit_organisation"),
    path("organisaties/<slug:slug>/diensten/", editing_views.services, name="manage_services"),
    path("organisaties/<slug:slug>/diensten/nieuw/", editing_views.service_form, name="add_service"),
    path("organisaties/<slug:slug>/diensten/<int:pk>/", editing_views.service_form, name="edit_service"),
    path(
        "organisaties/<slug:slug>/diensten/<int:pk>/verwijderen/", editing_views.service_delete, name="delete_service"
    ),
    path("organisaties/<slug:slug>/inloop/", editing_views.walk_in_exceptions, name="walk_in_exceptions"),
    path(
        "organisaties/<slug:slug>/inloop/<slug:kind>/<int:pk>/verwijderen/",
        editing_views.walk_in_exception_delete,
        name="delete_walk_in_exception",
    ),
    path("organisaties/<slug:slug>/lid-worden/", views.join, name="join"),
    path("organisaties/<slug:slug>/beheren/", views.claim, name="claim"),
    path("organisaties/<slug:slug>/leden/", views.manage_members, name="manage_members"),
    path("organisaties/<slug:slug>/leden/<int:pk>/rol/", views.set_role, name="set_role"),
    path("organisaties/<slug:slug>/leden/<int:pk>/verwijderen/", views.remove, name="remove_member"),
    path("organisaties/<slug:slug>/verzoeken/<int:pk>/", views.decide, name="decide_join_request"),
    path("organisaties/<slug:slug>/uitnodigingen/", views.send_invitation, name="invite"),
    path("organisaties/<slug:slug>/uitnodigingen/<int:pk>/intrekken/", views.revoke, name="revoke_invitation"),
]
