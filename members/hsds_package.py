"""A filtered social map list as an HSDS 3.0 tabular data package: a zip with one CSV file per HSDS table and a
``datapackage.json`` (Frictionless Data) describing them, for loading into another directory.

The rows come from the same nested objects the API serves (``members.hsds``), flattened: every object goes to its
table once (shared taxonomy terms and attributes are written once), linked by the ids the objects carry.
"""

import csv
import io
import json
import zipfile

from django.utils import timezone

from core.siteurl import absolute_url

from . import hsds
from .exports import MAX_ROWS
from .hsds_queries import organisations

# The HSDS 3.0 tabular files (schema/compiled/tabular.json), in the specification's order: table, file, columns.
TABLES = (
    ("organization", "organizations.csv", "id name alternate_name description email website tax_status tax_id "
     "year_incorporated legal_status logo uri parent_organization_id"),
    ("program", "programs.csv", "id organization_id name alternate_name description"),
    ("service", "services.csv", "id organization_id program_id name alternate_name description url email status "
     "interpretation_services application_process fees_description wait_time fees accreditations "
     "eligibility_description minimum_age maximum_age assured_date assurer_email licenses alert last_modified"),
    ("attribute", "attributes.csv", "id link_id taxonomy_term_id link_type link_entity value"),
    ("service_at_location", "service_at_location.csv", "id service_id location_id description"),
    ("location", "locations.csv", "id location_type url organization_id name alternate_name description "
     "transportation latitude longitude external_identifier external_identifier_type"),
    ("phone", "phones.csv", "id location_id service_id organization_id contact_id service_at_location_id number "
     "extension type description"),
    ("contact", "contacts.csv", "id organization_id service_id service_at_location_id location_id name title "
     "department email"),
    ("address", "addresses.csv", "id location_id attention address_1 address_2 city region state_province "
     "postal_code country address_type"),
    ("schedule", "schedules.csv", "id service_id location_id service_at_location_id valid_from valid_to dtstart "
     "timezone until count wkst freq interval byday byweekno bymonthday byyearday description opens_at closes_at "
     "schedule_link attending_type notes"),
    ("funding", "funding.csv", "id organization_id service_id source"),
    ("service_area", "service_areas.csv", "id service_id name description extent extent_type uri"),
    ("required_document", "required_documents.csv", "id service_id document uri"),
    ("language", "languages.csv", "id service_id location_id phone_id name code note"),
    ("accessibility", "accessibility.csv", "id location_id description details url"),
    ("taxonomy_term", "taxonomy_terms.csv", "id code name description parent_id taxonomy language taxonomy_id term_uri"),
    ("metadata", "metadata.csv", "id resource_id resource_type last_action_date last_action_type field_name "
     "previous_value replacement_value updated_by"),
    ("meta_table_description", "meta_table_descriptions.csv", "id name language character_set"),
    ("cost_option", "cost_options.csv", "id service_id valid_from valid_to option currency amount amount_description"),
    ("organization_identifier", "organization_identifiers.csv", "id organization_id identifier_scheme "
     "identifier_type identifier"),
    ("taxonomy", "taxonomies.csv", "id name description uri version"),
)  # fmt: skip
COLUMNS = {table: columns.split() for table, _file, columns in TABLES}
NUMBERS = {"year_incorporated", "minimum_age", "maximum_age", "latitude", "longitude", "extension", "timezone",
           "count", "interval", "amount"}  # fmt: skip
URIS = {"website", "uri", "url", "schedule_link", "term_uri"}
# Which table a nested key's objects belong to.
NESTED = {
    "services": "service",
    "locations": "location",
    "location": "location",
    "schedules": "schedule",
    "phones": "phone",
    "languages": "language",
    "addresses": "address",
    "accessibility": "accessibility",
    "attributes": "attribute",
    "metadata": "metadata",
    "required_documents": "required_document",
    "cost_options": "cost_option",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "contacts": "contact",
    "funding": "funding",
    "programs": "program",
    "organization_identifiers": "organization_identifier",
}


def _collect(table, item, rows):
    rows[table].setdefault(item["id"], {column: item.get(column) for column in COLUMNS[table]})
    for key, value in item.items():
        if key in NESTED:
            for child in value if isinstance(value, list) else [value]:
                _collect(NESTED[key], child, rows)


def tables(filters):
    """{table: [row, ...]} for the public organisations of the filtered list (at most MAX_ROWS)."""
    rows = {table: {} for table, _file, _columns in TABLES}
    found = filters.apply(organisations(full=True)).order_by("name", "pk")[:MAX_ROWS]
    today, tz_hours = timezone.localdate(), hsds._utc_offset_hours()
    for org in found:
        _collect("organization", hsds.organization(org, full_service=True, today=today, tz_hours=tz_hours), rows)
    return {table: list(found_rows.values()) for table, found_rows in rows.items()}


def _field(column):
    field = {"name": column, "type": "number" if column in NUMBERS else "string"}
    if column == "id" or column.endswith("_id"):
        field["format"] = "uuid"
    elif column in URIS:
        field["format"] = "uri"
    elif column in ("email", "assurer_email"):
        field["format"] = "email"
    return field


def descriptor(title):
    return {
        "name": "sociale-kaart-hsds",
        "title": title,
        "profile": "tabular-data-package",
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "homepage": absolute_url("/sociale-kaart/"),
        "resources": [
            {
                "name": table,
                "path": filename,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [_field(column) for column in COLUMNS[table]], "primaryKey": "id"},
            }
            for table, filename, _columns in TABLES
        ],
    }


def _cell(value):
    if value is None:
        return ""
    return value


def data_package(filters, title):
    """The zip as bytes: every HSDS table (a header row where it has none), and datapackage.json."""
    found = tables(filters)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table, filename, _columns in TABLES:
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=COLUMNS[table], lineterminator="\r\n")
            writer.writeheader()
            for row in found[table]:
                writer.writerow({column: _cell(value) for column, value in row.items()})
            archive.writestr(filename, text.getvalue())
        archive.writestr("datapackage.json", json.dumps(descriptor(title), ensure_ascii=False, indent=2))
    return buffer.getvalue()
