from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("inzendingen/", views.my_submissions, name="my_submissions"),
]
