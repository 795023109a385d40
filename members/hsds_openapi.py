"""The API's OpenAPI 3.1 document, built from the same parameter and endpoint tables that check requests."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.siteurl import absolute_url

from .hsds import HSDS_VERSION
from .hsds_queries import ENDPOINTS, PARAMETERS, SCHEMA_BASE

PAGE = {
    "type": "object",
    "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
    "properties": {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array"},
    },
}
ERROR = {
    "type": "object",
    "required": ["error", "status"],
    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}, "parameter": {"type": "string"}},
}


def _parameter(name):
    parameter = PARAMETERS[name]
    schema = {"type": parameter.kind}
    if parameter.schema_format:
        schema["format"] = parameter.schema_format
    return {"name": name, "in": "query", "required": False, "description": str(parameter.description), "schema": schema}


def _operation(endpoint):
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    if endpoint.name == "root":
        body = {
            "type": "object",
            "properties": {name: {"type": "string"} for name in ("version", "profile", "openapi_url")},
        }
    elif endpoint.is_list:
        body = {
            "allOf": [{"$ref": "#/components/schemas/Page"}],
            "properties": {"contents": {"type": "array", "items": {"$ref": SCHEMA_BASE + endpoint.schema}}},
        }
    else:
        body = {"$ref": SCHEMA_BASE + endpoint.schema}
    operation = {
        "operationId": endpoint.name,
        "summary": str(endpoint.summary),
        "parameters": [_parameter(name) for name in endpoint.parameters],
        "responses": {
            "200": {"description": str(endpoint.summary), "content": {"application/json": {"schema": body}}},
            "400": {"description": _("Onbekende parameter of onjuiste waarde."), **error},
        },
    }
    if "{id}" in endpoint.path:
        operation["parameters"].insert(
            0, {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
        )
        operation["responses"]["404"] = {"description": _("Niet gevonden."), **error}
    return operation


def document():
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("Sociale kaart – Open Referral HSDS 3.0"),
            "version": "1.0.0",
            "summary": _("Organisaties en hun hulp op de sociale kaart, als Human Services Data Specification 3.0."),
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
            "x-hsds-version": HSDS_VERSION,
        },
        "servers": [{"url": absolute_url(reverse("hsds:root")).rstrip("/")}],
        "paths": {endpoint.path: {"get": _operation(endpoint)} for endpoint in ENDPOINTS},
        "components": {"schemas": {"Page": PAGE, "Error": ERROR}},
    }
