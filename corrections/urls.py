from django.urls import path

from . import views

app_name = "corrections"

urlpatterns = [
    path("organisaties/<slug:slug>/klopt-er-iets-niet/", views.report, name="report"),
    path("organisaties/<slug:slug>/klopt-er-iets-niet/bedankt/", views.thanks, name="thanks"),
    path("organisaties/<slug:slug>/meldingen/", views.queue, name="queue"),
    path("organisaties/<slug:slug>/meldingen/<int:pk>/", views.close, name="close"),
]
