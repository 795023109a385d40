from django.urls import path

from . import guest_views, views

app_name = "follows"

urlpatterns = [
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("volgen/", views.toggle, name="toggle"),
    path("account/volgen/", views.settings_page, name="settings"),
    path("account/volgen/<int:pk>/ontvolgen/", views.unfollow, name="unfollow"),
    path("volgen/email/", guest_views.subscribe, name="guest_subscribe"),
    path("volgen/email/verstuurd/", guest_views.sent, name="guest_sent"),
    path("volgen/email/bevestigen/<str:token>/", guest_views.confirm, name="guest_confirm"),
]
