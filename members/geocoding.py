"""Geocoding postcodes, places and addresses with the PDOK Locatieserver (the Dutch government's open service).

``locate(text)`` returns a ``Point`` or None. It never raises: a service that is down, slow or answers nonsense
gives None, and callers fall back to the filters they have (municipality). Answers are cached. With an empty
``GEOCODER_URL`` (development, offline) the known organisations' own coordinates stand in for the service.
"""

import json
import logging
import math
import re
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPException
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Q

from .models import Organisation

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 100
CACHE_SECONDS = 60 * 60 * 24 * 7
POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})?$")
# Place names and street addresses: starting with a letter ('s-Hertogenbosch: or an apostrophe), then letters
# (with accents), digits, spaces and the punctuation they use.
PLACE = re.compile(r"^['A-Za-zÀ-ÖØ-öø-ÿ][0-9A-Za-zÀ-ÖØ-öø-ÿ' .,\-/()]*$")
POINT_WKT = re.compile(r"^POINT\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$")
NETHERLANDS_LAT = (50.7, 53.6)
NETHERLANDS_LON = (3.3, 7.3)


class Point(NamedTuple):
    latitude: float
    longitude: float


def in_netherlands(latitude, longitude):
    """True for finite coordinates inside the Netherlands' bounding box (the only places this site knows)."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError, OverflowError):
        return False
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return False
    return (
        NETHERLANDS_LAT[0] <= latitude <= NETHERLANDS_LAT[1] and NETHERLANDS_LON[0] <= longitude <= NETHERLANDS_LON[1]
    )


def normalise_query(text):
    """The query as it is sent and cached, or "" when it cannot be a postcode, place or address."""
    text = " ".join(str(text or "").split())
    if not text or len(text) > MAX_QUERY_CHARS:
        return ""
    match = POSTCODE.match(text)
    if match:
        return f"{match[1]} {match[2].upper()}" if match[2] else match[1]
    if not PLACE.match(text) or sum(character.isalpha() for character in text) < 2:
        return ""
    return text


def locate(text):
    """The coordinates of a postcode (1234 or 1234 AB), place name or address; None if unknown or unreachable."""
    query = normalise_query(text)
    if not query:
        return None
    url = getattr(settings, "GEOCODER_URL", "")
    key = "geocode:" + urllib.parse.quote(f"{url}|{query.lower()}")
    cached = cache.get(key)
    if cached is not None:
        return Point(*cached) if cached else None
    if url:
        point, definite = _ask_locatieserver(url, query)
    else:
        point, definite = _known_locations(query), True
    if definite:  # a service failure is not cached: the next visitor tries again
        cache.set(key, tuple(point) if point else (), CACHE_SECONDS)
    return point


def _ask_locatieserver(url, query):
    """(point, definite): definite is False when the service failed, so the answer is not cached."""
    params = {"q": query, "rows": "1", "fl": "centroide_ll,type,weergavenaam"}
    if POSTCODE.match(query):
        params["fq"] = "type:postcode" if " " in query else "type:(postcode OR woonplaats)"
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode(params)}", headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=settings.GEOCODER_TIMEOUT) as response:
            payload = json.loads(response.read(1_000_000).decode("utf-8"))
        docs = payload["response"]["docs"]
        if not isinstance(docs, list):
            raise ValueError("docs is not a list")
    except (OSError, HTTPException, ValueError, KeyError, TypeError) as error:  # down, timeout, HTTP error, bad JSON
        logger.warning("Geocoding %r with %s failed: %s", query, url, error)
        return None, False
    for doc in docs:
        match = POINT_WKT.match(str(doc.get("centroide_ll", "")) if isinstance(doc, dict) else "")
        if match:
            longitude, latitude = float(match[1]), float(match[2])
            if in_netherlands(latitude, longitude):
                return Point(round(latitude, 6), round(longitude, 6)), True
    return None, True


def _known_locations(query):
    """Offline stand-in: the centre of the organisations with coordinates in this postcode (area) or place."""
    match = POSTCODE.match(query)
    if match:
        condition = Q(postcode__startswith=query) if match[2] else Q(postcode__startswith=match[1])
    else:
        condition = Q(city__iexact=query) | Q(municipality__name__iexact=query)
    centre = Organisation.objects.filter(condition, latitude__isnull=False, longitude__isnull=False).aggregate(
        latitude=Avg("latitude"), longitude=Avg("longitude")
    )
    if match and match[2] and centre["latitude"] is None:
        return _known_locations(match[1])  # an unknown full postcode: its four-digit area
    if centre["latitude"] is None:
        return None
    return Point(round(float(centre["latitude"]), 6), round(float(centre["longitude"]), 6))
