from django.urls import path

from . import views

app_name = "newsletters"
urlpatterns = [path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe")]
