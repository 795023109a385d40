from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("gegevens/", views.my_data, name="my_data"),
    path("verwijderen/", views.delete_account, name="delete_account"),
]
