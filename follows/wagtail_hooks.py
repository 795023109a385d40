"""Editors block an address their mail provider reports as bounced or complained about (also
``manage.py suppress_address``); nothing is sent to it any more."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SuppressedAddress


class SuppressedAddressViewSet(SnippetViewSet):
    model = SuppressedAddress
    icon = "mail"
    menu_label = _("Geblokkeerde e-mailadressen")
    add_to_settings_menu = True
    list_display = ["email", "reason", "created"]
    list_filter = ["reason"]
    search_fields = ["email"]
    ordering = ["-created"]


register_snippet(SuppressedAddressViewSet)
