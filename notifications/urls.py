from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [path("meldingen/", views.notification_list, name="list")]
