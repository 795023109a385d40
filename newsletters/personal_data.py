"""What newsletters add to the personal-data export and erasure (core.personal_data): which newsletters
went to the member's address. The rows go with the account (and with a guest's subscription)."""

from django.db.models import Q

from core.personal_data import register

from .models import Delivery


def export(user):
    deliveries = Delivery.objects.filter(Q(user=user) | Q(email__iexact=user.email)).select_related("newsletter")
    return {
        "newsletters_received": [
            {
                "subject": delivery.newsletter.subject,
                "email": delivery.email,
                "status": delivery.status,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in deliveries.order_by("pk")
        ]
    }


def erase(user):
    Delivery.objects.filter(Q(user=user) | Q(email__iexact=user.email)).delete()


register("newsletters", export=export, erase=erase)
