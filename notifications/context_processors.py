from django.utils.functional import SimpleLazyObject

from .models import Notification


def bell(request):
    """The unread count for the bell in the header: one query, only for a signed-in member, only when shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user).unread().visible().count()
        )
    }
