from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("aanmelding/bevestigen/<str:token>/", views.confirm_view, name="confirm"),
    path("aanmelding/afmelden/<str:token>/", views.cancel_view, name="cancel"),
    path("account/aanmeldingen/", views.my_registrations, name="my_registrations"),
]
