"""Placing pages by the tree's rules, so that an app needs no import of the app whose page holds its pages."""

from wagtail.models import Page


def parent_for(page_model):
    """The first page, in tree order, under which ``page_model`` may be created (its ``parent_page_types``),
    e.g. the home page for an app's index page; None when there is none yet."""
    return Page.objects.type(*page_model.allowed_parent_page_models()).order_by("path").specific().first()
