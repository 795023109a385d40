from django.urls import path

from . import views

app_name = "follows"

urlpatterns = [
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("volgen/", views.toggle, name="toggle"),
    path("account/volgen/", views.settings_page, name="settings"),
    path("account/volgen/<int:pk>/ontvolgen/", views.unfollow, name="unfollow"),
]
