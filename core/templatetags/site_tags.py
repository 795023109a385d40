from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core import sections
from core.facets import shorten
from core.siteurl import absolute_url
from core.taxonomy import single_subject

register = template.Library()


def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    root = site_root(context)
    current = context.get("page")
    items = list(root.get_children().live().public().in_menu()) if root else []
    # A page deeper in the tree marks the menu item of its section (aria-current="true").
    path = getattr(current, "path", "")
    section = next((item for item in items if path.startswith(item.path) and path != item.path), None)
    return {
        "items": items,
        "current": current,
        "section": section,
        "root": root,
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": []}
    ancestors = page.get_ancestors().filter(depth__gte=2)
    return {"ancestors": ancestors, "page": page}


@register.simple_tag
def page_title(title=None):
    site_name = _("Kennisplatform sociaal domein")
    return f"{title} | {site_name}" if title else site_name


@register.simple_tag
def content_lang():
    """` lang="nl"` on editors' Dutch content when the interface is in another language (WCAG 3.1.2)."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This address without its query: filtered, sorted and paged lists all name the list itself."""
    request = context.get("request")
    return absolute_url(request.path) if request else ""


@register.simple_tag(takes_context=True)
def render_section(context, section):
    """One section another app contributes to this page (core.sections), with its own context added."""
    template = context.template.engine.get_template(section.template)
    with context.push(**section.context):
        return template.render(context)


@register.simple_tag(takes_context=True)
def render_slot(context, slot, subject):
    """Every section of `slot` for `subject`, rendered here: a template shows what higher apps add without
    its view asking for them (e.g. the follow button of core.sections.FOLLOW)."""
    if subject is None:
        return ""
    request = context.get("request")
    return mark_safe("".join(render_section(context, s) for s in sections.sections_for(slot, request, subject)))


@register.simple_tag
def filtered_subject(filters):
    """The one theme, target group or municipality a filtered list shows, or None (core.taxonomy.single_subject)."""
    return single_subject(getattr(filters, "selected", {}))


@register.simple_tag(takes_context=True)
def short_facets(context, facets):
    """The facets with long option lists cut to their top values ("toon meer" links to all)."""
    return shorten(facets, context["request"].GET)
