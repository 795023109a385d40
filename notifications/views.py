from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from .delivery import SETTINGS_PATH
from .models import Notification

PER_PAGE = 20


@login_required
def notification_list(request):
    """The member's notifications, newest first; the ones on the page shown are marked read."""
    notifications = Notification.objects.filter(recipient=request.user).visible().select_related("theme")
    page_obj = Paginator(notifications, PER_PAGE).get_page(request.GET.get("pagina"))
    items = list(page_obj.object_list)
    unread = [n.pk for n in items if n.read_at is None]
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page_obj, "notifications": items, "unread": set(unread), "settings_url": SETTINGS_PATH},
    )
