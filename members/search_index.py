"""Verified organisations in site search (see search/registry.py)."""

from django.utils.translation import gettext_lazy as _

from search.backends.base import SearchDocument
from search.registry import SearchAdapter, register

from .models import Organisation


@register
class OrganisationAdapter(SearchAdapter):
    model = Organisation
    type = "organisation"
    label = _("Organisatie")
    facet_labels = {"organisation_kind": Organisation.Kind.choices}
    triggers = {
        "core.Theme": lambda theme: theme.organisations.all(),
        "core.TargetGroup": lambda group: group.organisations.all(),
        "core.Municipality": lambda municipality: municipality.organisations.all(),
        "members.OrganisationCategory": lambda category: category.organisations.all(),
    }

    def queryset(self):
        return Organisation.objects.public()

    def index_queryset(self):
        return (
            self.queryset()
            .select_related("municipality", "category")
            .prefetch_related("services", "target_groups", "languages")
        )

    def to_document(self, organisation):
        services = sorted(organisation.services.all(), key=lambda theme: theme.name)
        details = [
            organisation.category.name if organisation.category else "",
            organisation.neighbourhood,
            organisation.city,
            organisation.municipality.name if organisation.municipality else "",
            " ".join(theme.name for theme in services),
            " ".join(language.name for language in organisation.languages.all()),
        ]
        return SearchDocument(
            key=self.key(organisation),
            type=self.type,
            title=organisation.name,
            url=organisation.get_absolute_url(),
            summary=organisation.description,
            body="\n".join(detail for detail in details if detail),
            themes=tuple(theme.slug for theme in services),
            target_groups=tuple(sorted(group.slug for group in organisation.target_groups.all())),
            municipalities=(organisation.municipality.slug,) if organisation.municipality else (),
            organisation_kind=organisation.kind,
        )
