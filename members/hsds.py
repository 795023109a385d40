"""The social map as Open Referral HSDS (3.0): organization, service, location, schedule.

HSDS wants UUIDs; ours are derived from the database ids, so they are stable.
"""

import uuid

from django.conf import settings

from core.siteurl import absolute_url

NAMESPACE = uuid.UUID("5b7f2c1e-8a51-4f4e-9a3c-6f1f0d0b7a11")
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def hsds_id(kind, pk):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def organization(org):
    org_id = hsds_id("organisation", org.pk)
    location_id = hsds_id("location", org.pk)
    services = [
        {
            "id": hsds_id("service", f"{org.pk}:{theme.pk}"),
            "organization_id": org_id,
            "name": theme.name,
            "status": "active",
            "attributes": [
                {"taxonomy_term": {"code": theme.slug, "name": theme.name, "taxonomy": "kennisplatform-thema"}}
            ],
        }
        for theme in org.services.all()
    ]
    schedules = [
        {
            "id": hsds_id("schedule", hour.pk),
            "location_id": location_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": BYDAY[hour.weekday],
            "opens_at": hour.starts.strftime("%H:%M"),
            "closes_at": hour.ends.strftime("%H:%M"),
            "timezone": settings.TIME_ZONE,
            "notes": hour.place,
        }
        for hour in org.walk_in_hours.all()
    ]
    location = {
        "id": location_id,
        "organization_id": org_id,
        "location_type": "physical",
        "name": org.name,
        "latitude": float(org.latitude) if org.latitude is not None else None,
        "longitude": float(org.longitude) if org.longitude is not None else None,
        "addresses": [
            {
                "address_1": org.address,
                "city": org.city or (org.municipality.name if org.municipality else ""),
                "state_province": org.municipality.province if org.municipality else "",
                "postal_code": org.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ]
        if org.address or org.city
        else [],
        "languages": [{"name": language.name} for language in org.languages.all()],
        "schedules": schedules,
    }
    return {
        "id": org_id,
        "name": org.name,
        "description": org.description,
        "email": org.email or None,
        "website": org.website or None,
        "url": absolute_url(org.get_absolute_url()),
        "phones": [{"number": org.phone}] if org.phone else [],
        "attributes": [
            {"taxonomy_term": {"code": org.kind, "name": org.get_kind_display(), "taxonomy": "kennisplatform-soort"}},
            *(
                [
                    {
                        "taxonomy_term": {
                            "code": org.category.slug,
                            "name": org.category.name,
                            "taxonomy": "kennisplatform-categorie",
                        }
                    }
                ]
                if org.category
                else []
            ),
            *(
                {"taxonomy_term": {"code": group.slug, "name": group.name, "taxonomy": "kennisplatform-doelgroep"}}
                for group in org.target_groups.all()
            ),
        ],
        "services": services,
        "locations": [location],
    }
