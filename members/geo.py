"""Distance in SQL, on SQLite and PostgreSQL alike, without PostGIS.

``near(queryset, point, radius_km)`` keeps the rows whose latitude/longitude lie within radius_km of point,
annotates ``distance_km`` and orders by it. A bounding box (indexable, plain comparisons) prefilters; the
distance is the equirectangular approximation, well within 0.1% at the scale of a Dutch municipality.
"""

import math

from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast, Power, Sqrt

from .geocoding import Point, in_netherlands

KM_PER_DEGREE = 111.195  # mean Earth radius 6371.0 km * pi / 180
RADIUS_CHOICES_KM = (1, 5, 10, 25)
MAX_RADIUS_KM = 300
DISTANCE_ALIAS = "nearby_distance_km"


def near(queryset, point, radius_km, latitude_field="latitude", longitude_field="longitude"):
    """Rows within radius_km of point (a Point or (lat, lon)), nearest first, with ``distance_km``.

    Raises ValueError (see within())."""
    return (
        within(queryset, point, radius_km, latitude_field, longitude_field)
        .annotate(distance_km=F(DISTANCE_ALIAS))
        .order_by(DISTANCE_ALIAS, "pk")
    )


def within(queryset, point, radius_km, latitude_field="latitude", longitude_field="longitude"):
    """Only the rows within radius_km of point, unordered and without a selected column (for counts);
    the distance is available as the alias DISTANCE_ALIAS.

    Raises ValueError for a point outside the Netherlands or a radius that is not a positive number up to
    MAX_RADIUS_KM; callers turn that into a message (the HSDS API into a 400)."""
    latitude, longitude = Point(*point)
    if not in_netherlands(latitude, longitude):
        raise ValueError("point outside the Netherlands")
    latitude, longitude = float(latitude), float(longitude)
    try:
        radius_km = float(radius_km)
    except (TypeError, ValueError, OverflowError) as error:
        raise ValueError("radius is not a number") from error
    if not (math.isfinite(radius_km) and 0 < radius_km <= MAX_RADIUS_KM):
        raise ValueError("radius out of range")
    km_per_degree_lon = KM_PER_DEGREE * math.cos(math.radians(latitude))
    delta_lat = radius_km / KM_PER_DEGREE
    delta_lon = radius_km / km_per_degree_lon
    boxed = queryset.filter(
        **{
            f"{latitude_field}__gte": latitude - delta_lat,
            f"{latitude_field}__lte": latitude + delta_lat,
            f"{longitude_field}__gte": longitude - delta_lon,
            f"{longitude_field}__lte": longitude + delta_lon,
        }
    )
    north_km = (Cast(F(latitude_field), FloatField()) - Value(latitude)) * Value(KM_PER_DEGREE)
    east_km = (Cast(F(longitude_field), FloatField()) - Value(longitude)) * Value(km_per_degree_lon)
    distance = Sqrt(Power(north_km, 2) + Power(east_km, 2), output_field=FloatField())
    return boxed.alias(**{DISTANCE_ALIAS: distance}).filter(**{f"{DISTANCE_ALIAS}__lte": radius_km})


def format_km(distance_km):
    """'2,3 km' (Dutch decimal comma; whole kilometres from 10 km)."""
    if distance_km >= 10:
        return f"{round(distance_km)} km"
    return f"{distance_km:.1f} km".replace(".", ",")
