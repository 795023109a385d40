from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from . import admin_views
from .models import Newsletter


def overview_button(newsletter):
    return Button(
        _("Voorbeeld en versturen"),
        reverse("newsletters_overview", args=[newsletter.pk]),
        icon_name="mail",
        priority=5,
    )


class NewsletterIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), overview_button(instance)]


class NewsletterEditView(EditView):
    @property
    def header_more_buttons(self):
        return [overview_button(self.object), *super().header_more_buttons]


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Nieuwsbrieven")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["subject", "segment_label", "status", "progress_label", "created"]
    list_filter = ["status"]
    index_view_class = NewsletterIndexView
    edit_view_class = NewsletterEditView


register_snippet(NewsletterViewSet)


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [
        path("nieuwsbrieven/<int:pk>/", admin_views.overview, name="newsletters_overview"),
        path("nieuwsbrieven/<int:pk>/voorbeeld/", admin_views.preview_html, name="newsletters_preview_html"),
        path("nieuwsbrieven/<int:pk>/voorbeeld.txt", admin_views.preview_text, name="newsletters_preview_text"),
        path("nieuwsbrieven/<int:pk>/toevoegen/", admin_views.add_suggestion, name="newsletters_add"),
        path("nieuwsbrieven/<int:pk>/test/", admin_views.send_test, name="newsletters_send_test"),
        path("nieuwsbrieven/<int:pk>/versturen/", admin_views.send, name="newsletters_send"),
        path("nieuwsbrieven/<int:pk>/hervatten/", admin_views.resume, name="newsletters_resume"),
    ]
