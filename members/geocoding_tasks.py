"""Organisations get coordinates from their address, in a task after the save (never blocking or failing it)."""

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from core.tasks import task

from .geocoding import locate
from .models import Organisation

logger = logging.getLogger(__name__)
ADDRESS_FIELDS = ("address", "postcode", "city")


def address_query(organisation):
    """The most precise text to geocode: the address with postcode and place, else postcode, else place."""
    for text in (organisation.full_address if organisation.address else "", organisation.postcode, organisation.city):
        if text:
            return text
    return ""


def geocode(organisation):
    """Store the coordinates of the organisation's address; False if unknown or the service is unavailable."""
    point = locate(address_query(organisation))
    if point is None and organisation.address:  # the service may not know the street: fall back to the postcode
        point = locate(organisation.postcode or organisation.city)
    if point is None:
        return False
    latitude, longitude = (Decimal(str(round(value, 6))) for value in point)
    Organisation.objects.filter(pk=organisation.pk).update(latitude=latitude, longitude=longitude)
    return True


@task()
def geocode_organisation(pk):
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        return False
    try:
        return geocode(organisation)
    except Exception:  # never let a geocoding problem surface; the command retries those without coordinates
        logger.exception("Geocoding organisation %s failed.", pk)
        return False


def remember_address_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = Organisation.objects.filter(pk=instance.pk).values(*ADDRESS_FIELDS, "latitude", "longitude").first()
    moved = old is None or any(old[name] != getattr(instance, name) for name in ADDRESS_FIELDS)
    coordinates_given = old is not None and (old["latitude"], old["longitude"]) != (
        instance.latitude,
        instance.longitude,
    )
    missing = instance.latitude is None
    instance._needs_geocoding = bool(address_query(instance)) and (missing or (moved and not coordinates_given))


def enqueue_geocoding(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_needs_geocoding", False):
        return
    instance._needs_geocoding = False
    pk = instance.pk
    transaction.on_commit(lambda: enqueue_safely(pk))


def enqueue_safely(pk):
    try:
        geocode_organisation.enqueue(pk)
    except Exception:
        logger.exception("Queueing geocoding for organisation %s failed.", pk)


def connect():
    pre_save.connect(remember_address_change, sender=Organisation, dispatch_uid="members-geocode-pre")
    post_save.connect(enqueue_geocoding, sender=Organisation, dispatch_uid="members-geocode-post")
