from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import EventPage
from .services import claim_guest_registrations, promote_waiting_list
from .services.calendar import call_off, note_publication


@receiver(page_published, sender=EventPage, dispatch_uid="events.promote_after_publish")
def promote_after_publish(sender, instance, **kwargs):
    """An editor may have added seats to the event or a table: whoever now fits gets a seat."""
    transaction.on_commit(lambda: promote_waiting_list(instance), robust=True)


@receiver(page_published, sender=EventPage, dispatch_uid="events.calendar_after_publish")
def calendar_after_publish(sender, instance, **kwargs):
    note_publication(instance)


@receiver(page_unpublished, sender=EventPage, dispatch_uid="events.calendar_after_unpublish")
def calendar_after_unpublish(sender, instance, **kwargs):
    call_off(instance)


@receiver(user_logged_in, dispatch_uid="events.claim_on_login")
def claim_on_login(sender, request, user, **kwargs):
    """Registrations made as a visitor with the member's address show up on "Mijn aanmeldingen"."""
    claim_guest_registrations(user)


@receiver(email_confirmed, dispatch_uid="events.claim_on_email_confirmed")
def claim_on_email_confirmed(sender, request, email_address, **kwargs):
    claim_guest_registrations(email_address.user)
