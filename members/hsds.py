"""The social map as Open Referral HSDS 3.0 objects: organization, service, location, service_at_location,
schedule, taxonomy and taxonomy_term, shaped to validate against the official schemas.

Organisations and services carry their own stored UUID (``uuid``); every other object's id is derived from its
parent's with uuid5, so ids stay stable between requests and exports. Empty facts are left out rather than sent
as ``null`` (HSDS wants strings where a value is given). Callers prefetch what is read here (see
``members.hsds_queries``), so serialising a page costs no extra query per object.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.siteurl import absolute_url
from core.taxonomy import TargetGroup, Theme

from . import openinghours
from .models import Organisation, OrganisationCategory

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("5b7f2c1e-8a51-4f4e-9a3c-6f1f0d0b7a11")
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# A service_at_location's id is its service's id with these bits flipped: unique, and reversible for
# /service_at_locations/{id} without a table of its own (the version and variant bits are left alone).
SERVICE_AT_LOCATION_MASK = 0x5A5A5A5A_5A5A_0A5A_1A5A_5A5A5A5A5A5A


def hsds_id(kind, key):
    """A stable UUID for an object that has none of its own: ``kind`` and the key of what it belongs to."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def service_at_location_id(service):
    return str(uuid.UUID(int=service.uuid.int ^ SERVICE_AT_LOCATION_MASK))


def service_uuid_from_service_at_location_id(value):
    return uuid.UUID(int=uuid.UUID(str(value)).int ^ SERVICE_AT_LOCATION_MASK)


def _present(**fields):
    """The fields that say something: no None, no empty strings."""
    return {name: value for name, value in fields.items() if value not in (None, "")}


def _utc_offset_hours(now=None):
    """HSDS wants the timezone as a number: the hours Europe/Amsterdam is ahead of UTC today."""
    offset = timezone.localtime(now or timezone.now(), openinghours.zone()).utcoffset() or datetime.timedelta()
    hours = offset.total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


# --- taxonomies ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str

    @property
    def id(self):
        return hsds_id("taxonomy", self.key)


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    key: str
    code: str
    name: str
    description: str = ""

    @property
    def id(self):
        return hsds_id("taxonomy_term", f"{self.taxonomy.key}:{self.key}")


THEMES = Taxonomy("thema", _("Thema's"), _("Waar de hulp over gaat, zoals schulden, armoede of werk."))
TARGET_GROUPS = Taxonomy("doelgroep", _("Doelgroepen"), _("Voor wie de hulp vooral bedoeld is."))
CATEGORIES = Taxonomy("categorie", _("Soorten organisaties"), _("Wat voor organisatie het is."))
KINDS = Taxonomy("vorm", _("Formeel of informeel"), _("Een formele instelling of een informele organisatie."))
TAXONOMIES = (THEMES, TARGET_GROUPS, CATEGORIES, KINDS)


def theme_term(theme):
    return Term(THEMES, str(theme.pk), theme.slug, theme.name, theme.description)


def target_group_term(group):
    return Term(TARGET_GROUPS, str(group.pk), group.slug, group.name, group.description)


def category_term(category):
    return Term(CATEGORIES, str(category.pk), category.slug, category.name)


def kind_term(value, label):
    return Term(KINDS, value, value, str(label))


def all_terms():
    """Every term of every taxonomy, in taxonomy order then by name (three small queries)."""
    return [
        *(theme_term(theme) for theme in Theme.objects.order_by("name", "pk")),
        *(target_group_term(group) for group in TargetGroup.objects.order_by("name", "pk")),
        *(category_term(category) for category in OrganisationCategory.objects.order_by("name", "pk")),
        *(kind_term(value, label) for value, label in Organisation.Kind.choices),
    ]


def taxonomy(item):
    return {
        "id": item.id,
        "name": str(item.name),
        "description": str(item.description),
        "uri": absolute_url(reverse("hsds:taxonomy", args=[item.id])),
        "version": "1",
    }


def taxonomy_term(term, nested=True):
    data = {
        "id": term.id,
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": str(term.taxonomy.name),
        "taxonomy_id": term.taxonomy.id,
        "language": "nl",
    }
    if nested:
        data["taxonomy_detail"] = taxonomy(term.taxonomy)
    return data


def _attributes(link_type, link_id, terms):
    return [
        {
            "id": hsds_id("attribute", f"{link_id}:{term.id}"),
            "link_id": link_id,
            "link_type": link_type,
            "link_entity": link_type,
            "taxonomy_term_id": term.id,
            "taxonomy_term": taxonomy_term(term),
        }
        for term in terms
    ]


# --- organisations, locations and schedules ------------------------------------------------------------------


def _weekly(schedule_id, hour, tz_hours, **links):
    return {
        "id": schedule_id,
        **links,
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": BYDAY[hour.weekday],
        "opens_at": hour.starts.strftime("%H:%M"),
        "closes_at": hour.ends.strftime("%H:%M"),
        "timezone": tz_hours,
        "attending_type": "in_person",
    }


def location_schedules(org, location_id, today, tz_hours):
    """The weekly walk-in hours, then the closures and changed hours still to come, each valid for its period."""
    schedules = []
    for hour in org.walk_in_hours.all():
        schedules.append(
            {
                **_weekly(hsds_id("schedule", f"hour:{hour.pk}"), hour, tz_hours, location_id=location_id),
                "description": str(_("Inloop")),
                **_present(notes=hour.place),
            }
        )
    for closure in org.walk_in_closures.all():
        if closure.ends >= today:
            schedules.append(
                {
                    "id": hsds_id("schedule", f"closure:{closure.pk}"),
                    "location_id": location_id,
                    "valid_from": closure.starts.isoformat(),
                    "valid_to": closure.ends.isoformat(),
                    "timezone": tz_hours,
                    "description": str(_("Gesloten: geen inloop")),
                    **_present(notes=closure.reason),
                }
            )
    for change in org.walk_in_changes.all():
        if change.ends >= today:
            schedules.extend(
                {
                    **_weekly(hsds_id("schedule", f"changed:{hour.pk}"), hour, tz_hours, location_id=location_id),
                    "valid_from": change.starts.isoformat(),
                    "valid_to": change.ends.isoformat(),
                    "description": str(_("Andere tijden in deze periode")),
                    **_present(notes=change.reason),
                }
                for hour in change.hours.all()
            )
    return schedules


def main_location_id(org):
    return hsds_id("location", org.uuid)


def has_main_location(org):
    return bool(org.address or org.city or org.latitude is not None or list(org.walk_in_hours.all()))


def main_location(org, today, tz_hours, full=True):
    location_id = main_location_id(org)
    data = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": str(org.uuid),
        "name": org.name,
        "url": absolute_url(org.get_absolute_url()),
        **_present(
            latitude=float(org.latitude) if org.latitude is not None else None,
            longitude=float(org.longitude) if org.longitude is not None else None,
        ),
    }
    if not full:
        return data
    if org.address or org.city:
        data["addresses"] = [
            {
                "id": hsds_id("address", location_id),
                "location_id": location_id,
                "address_1": org.address,
                "city": org.city or (org.municipality.name if org.municipality else ""),
                "state_province": org.municipality.province if org.municipality else "",
                "postal_code": org.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ]
    data["languages"] = _languages(org.languages.all(), "location", location_id)
    data["accessibility"] = _accessibility(org, location_id)
    data["schedules"] = location_schedules(org, location_id, today, tz_hours)
    return data


def _week_byday(turn):
    if turn.week_of_month is None:
        return "WEEKLY", BYDAY[turn.weekday]
    return "MONTHLY", f"{turn.week_of_month}{BYDAY[turn.weekday]}"


def shared_locations(org, tz_hours):
    """The walk-ins the organisation holds with partners, each with this organisation's own turns."""
    locations = []
    for walk_in in org.shared_walk_ins.all():
        location_id = hsds_id("location", f"shared:{walk_in.pk}")
        schedules = []
        for turn in walk_in.turns.all():
            if turn.organisation_id != org.pk:
                continue
            freq, byday = _week_byday(turn)
            schedules.append(
                {
                    "id": hsds_id("schedule", f"turn:{turn.pk}"),
                    "location_id": location_id,
                    "freq": freq,
                    "wkst": "MO",
                    "byday": byday,
                    "opens_at": turn.starts.strftime("%H:%M"),
                    "closes_at": turn.ends.strftime("%H:%M"),
                    "timezone": tz_hours,
                    "attending_type": "in_person",
                    "description": str(_("Gezamenlijke inloop")),
                }
            )
        locations.append(
            {
                "id": location_id,
                "location_type": "physical",
                "organization_id": str(org.uuid),
                "name": walk_in.name,
                "url": absolute_url(walk_in.get_absolute_url()),
                **_present(description=walk_in.description),
                "addresses": [
                    {
                        "id": hsds_id("address", location_id),
                        "location_id": location_id,
                        "address_1": walk_in.address,
                        "city": walk_in.city or walk_in.municipality.name,
                        "state_province": walk_in.municipality.province,
                        "postal_code": walk_in.postcode,
                        "country": "NL",
                        "address_type": "physical",
                    }
                ],
                "schedules": schedules,
            }
        )
    return locations


def _languages(languages, link, link_id):
    return [
        {"id": hsds_id("language", f"{link_id}:{language.pk}"), f"{link}_id": link_id, "name": language.name}
        for language in languages
    ]


def _accessibility(facts, location_id):
    lines = []
    if facts.wheelchair is True:
        lines.append(str(_("Rolstoeltoegankelijk.")))
    elif facts.wheelchair is False:
        lines.append(str(_("Niet rolstoeltoegankelijk.")))
    if facts.accessibility:
        lines.append(facts.accessibility)
    if not lines:
        return []
    return [{"id": hsds_id("accessibility", location_id), "location_id": location_id, "description": " ".join(lines)}]


def _phones(number, key, **links):
    return [{"id": hsds_id("phone", key), **links, "number": number}] if number else []


def organization_terms(org):
    terms = [kind_term(org.kind, org.get_kind_display())]
    if org.category is not None:
        terms.append(category_term(org.category))
    terms.extend(theme_term(theme) for theme in org.services.all())
    terms.extend(target_group_term(group) for group in org.target_groups.all())
    return terms


def organization_list_item(org):
    """The one-to-one fields of an organisation (``organization_list``)."""
    return {
        "id": str(org.uuid),
        "name": org.name,
        "description": org.description,
        **_present(email=org.email, website=org.website),
        "uri": absolute_url(org.get_absolute_url()),
    }


def _confirmation(org):
    org_id = str(org.uuid)
    return [
        {
            "id": hsds_id("metadata", f"confirmed:{org_id}"),
            "resource_id": org_id,
            "resource_type": "organization",
            "last_action_date": org.last_confirmed.isoformat(),
            "last_action_type": "verified",
            "field_name": "",
            "previous_value": "",
            "replacement_value": "",
            "updated_by": str(_("de organisatie zelf")),
        }
    ]


def organization(org, full_service=False, today=None, tz_hours=None, with_services=True):
    """A fully nested organisation: phones, locations (its own and shared walk-ins), attributes, and its
    services (only ``id`` and the one-to-one fields, or fully nested with ``full_service``)."""
    today = today or timezone.localdate()
    tz_hours = _utc_offset_hours() if tz_hours is None else tz_hours
    org_id = str(org.uuid)
    locations = [main_location(org, today, tz_hours)] if has_main_location(org) else []
    locations += shared_locations(org, tz_hours)
    data = {
        **organization_list_item(org),
        "phones": _phones(org.phone, f"organization:{org_id}", organization_id=org_id),
        "locations": locations,
        "attributes": _attributes("organization", org_id, organization_terms(org)),
        "metadata": _confirmation(org),
    }
    if with_services:
        data["services"] = [
            service(item, today=today, tz_hours=tz_hours, with_organization=False)
            if full_service
            else service_list_item(item, with_organization=False)
            for item in org.help_services.all()
        ]
    return data


# --- services ------------------------------------------------------------------------------------------------


def _ways_to_ask(facts):
    ways = {
        "walk_in": _("binnenlopen tijdens de inloop"),
        "by_phone": _("bellen"),
        "by_appointment": _("een afspraak maken"),
        "by_referral": _("via een verwijzing"),
    }
    return [str(ways[name]) for name in facts.ways_to_ask]


def _application_process(facts):
    parts = []
    ways = _ways_to_ask(facts)
    if ways:
        parts.append(str(_("U kunt: %(ways)s.")) % {"ways": ", ".join(ways)})
    if facts.application_process:
        parts.append(facts.application_process)
    return " ".join(parts)


def _fees_description(facts):
    if facts.is_free:
        return str(_("Gratis."))
    return facts.fees


def _interpretation(facts):
    if facts.interpreter is True:
        return str(_("Een tolk is mogelijk."))
    if facts.interpreter is False:
        return str(_("Geen tolk."))
    return ""


def _last_modified(item):
    return max(item.modified, item.organisation.modified).isoformat()


def current_notice(org, today):
    """The short notice running today ("Deze week geen inloop"), or ""."""
    for notice in org.walk_in_notices.all():
        if notice.starts <= today <= notice.ends:
            return notice.text
    return ""


def service_list_item(item, with_organization=True, today=None):
    """A service's one-to-one fields (``service_list``), its organisation's filled in where it says nothing."""
    today = today or timezone.localdate()
    org = item.organisation
    facts = item.facts()
    data = {
        "id": str(item.uuid),
        "organization_id": str(org.uuid),
        "name": item.name,
        **_present(description=item.description or None),
        "url": absolute_url(org.get_absolute_url()),
        **_present(email=org.email),
        "status": "active",
        **_present(
            interpretation_services=_interpretation(facts),
            application_process=_application_process(facts),
            fees_description=_fees_description(facts),
            eligibility_description=facts.eligibility,
            alert=current_notice(org, today),
        ),
        "assured_date": org.last_confirmed.isoformat(),
        "last_modified": _last_modified(item),
    }
    if with_organization:
        data["organization"] = organization_list_item(org)
    return data


def _required_documents(facts, service_id):
    lines = [line.strip(" -•\t") for line in (facts.required_documents or "").splitlines()]
    return [
        {"id": hsds_id("required_document", f"{service_id}:{number}"), "service_id": service_id, "document": line}
        for number, line in enumerate(filter(None, lines))
    ]


def service_terms(item):
    return [
        *(theme_term(theme) for theme in item.themes.all()),
        *(target_group_term(group) for group in item.target_groups.all()),
    ]


def service(item, today=None, tz_hours=None, with_organization=True):
    """A fully nested service: phones, languages, costs, documents, where it is given (service_at_locations),
    the area it serves, attributes, and its organisation."""
    today = today or timezone.localdate()
    tz_hours = _utc_offset_hours() if tz_hours is None else tz_hours
    org = item.organisation
    facts = item.facts()
    service_id = str(item.uuid)
    data = {
        **service_list_item(item, with_organization=False, today=today),
        "phones": _phones(org.phone, f"service:{service_id}", service_id=service_id),
        "languages": _languages(facts.languages, "service", service_id),
        "required_documents": _required_documents(facts, service_id),
        "cost_options": [
            {
                "id": hsds_id("cost_option", service_id),
                "service_id": service_id,
                "option": str(_("Gratis")),
                "currency": "EUR",
                "amount": 0,
            }
        ]
        if facts.is_free
        else [],
        "service_areas": [
            {
                "id": hsds_id("service_area", service_id),
                "service_id": service_id,
                "name": org.municipality.name,
                **_present(description=str(_("Gemeente %(name)s")) % {"name": org.municipality.name}),
                **_present(
                    extent=org.municipality.code, extent_type="cbs_gemeentecode" if org.municipality.code else ""
                ),
            }
        ]
        if org.municipality
        else [],
        "service_at_locations": [service_at_location(item, today=today, tz_hours=tz_hours, with_service=False)]
        if has_main_location(org)
        else [],
        "attributes": _attributes("service", service_id, service_terms(item)),
    }
    if with_organization:
        data["organization"] = organization(org, today=today, tz_hours=tz_hours, with_services=False)
    return data


def service_at_location_list_item(item):
    org = item.organisation
    return {
        "id": service_at_location_id(item),
        "service_id": str(item.uuid),
        "location_id": main_location_id(org),
        "location": main_location(org, None, None, full=False),
        "service": service_list_item(item, with_organization=True),
    }


def service_at_location(item, today=None, tz_hours=None, with_service=True):
    """Where and when a service is given: at its organisation's place, in its walk-in hours."""
    today = today or timezone.localdate()
    tz_hours = _utc_offset_hours() if tz_hours is None else tz_hours
    org = item.organisation
    data = {
        "id": service_at_location_id(item),
        "service_id": str(item.uuid),
        "location_id": main_location_id(org),
        "phones": _phones(
            org.phone, f"service_at_location:{item.uuid}", service_at_location_id=service_at_location_id(item)
        ),
        "location": main_location(org, today, tz_hours),
    }
    if with_service:
        data["service"] = service(item, today=today, tz_hours=tz_hours)
    return data
