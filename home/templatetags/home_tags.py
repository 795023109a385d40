from django import template

from core.templatetags.site_tags import site_root
from home.models import ContentPage

register = template.Library()


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    root = site_root(context)
    pages = ContentPage.objects.live().public().filter(show_in_footer=True)
    if root:
        pages = pages.descendant_of(root)
    return {"pages": pages.order_by("path")}
