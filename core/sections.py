"""Parts of a page that other apps contribute, such as "Mijn account" or an organisation's profile.

A lower app's page shows what higher apps hold about its subject without importing them: each
app registers a section from its ``AppConfig.ready()``; the page asks for its slot's sections and
renders them with ``{% render_section %}`` (core.templatetags.site_tags)::

    sections.register(sections.ACCOUNT, "events/includes/my_registrations.html",
                      lambda request, subject: {"registrations": registrations_for_user(request.user)}, order=10)
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ACCOUNT = "account"  # the member's "Mijn account" page; subject: the user
ORGANISATION = "organisation"  # an organisation's public profile; subject: the organisation
MY_DATA = "my_data"  # lines (<dt>/<dd>) of "Mijn gegevens"; subject: the export (core.personal_data), as `data`
# Buttons on the page of something one can follow (a theme, organisation, series, person); subject: that thing.
# Templates of lower apps show it with ``{% render_slot "follow" subject %}`` (core.templatetags.site_tags).
FOLLOW = "follow"


@dataclass(frozen=True)
class Section:
    slot: str
    template: str
    context: Callable[[Any, Any], dict]  # (request, subject) -> the template's context
    order: int = 0


@dataclass(frozen=True)
class RenderedSection:
    template: str
    context: dict = field(default_factory=dict)


_sections: dict[tuple[str, str], Section] = {}


def register(slot, template, context, order=0):
    """Add a section to a slot (the same template twice replaces the first)."""
    _sections[(slot, template)] = Section(slot=slot, template=template, context=context, order=order)


def sections_for(slot, request, subject):
    """The slot's sections in order, each with its context computed for this request and subject."""
    chosen = sorted((s for s in _sections.values() if s.slot == slot), key=lambda s: (s.order, s.template))
    return [RenderedSection(template=s.template, context=s.context(request, subject)) for s in chosen]
