"""The newsletter's own admin page: preview, suggestions, test send, send and progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import emails, sending
from .models import Newsletter, NewsletterItem
from .suggestions import suggestions

SEND_PERMISSION = "newsletters.send_newsletter"


def _newsletter(request, pk, action="view"):
    if not request.user.has_perm(f"newsletters.{action}_newsletter"):
        raise PermissionDenied
    return get_object_or_404(Newsletter, pk=pk)


def overview(request, pk):
    newsletter = _newsletter(request, pk)
    sent, total = newsletter.progress()
    return render(
        request,
        "newsletters/admin/overview.html",
        {
            "newsletter": newsletter,
            "sent": sent,
            "total": total,
            "items": emails.items(newsletter),
            "suggestions": suggestions(newsletter) if newsletter.is_draft else [],
            "can_change": request.user.has_perm("newsletters.change_newsletter"),
            "can_send": request.user.has_perm(SEND_PERMISSION),
        },
    )


def preview_html(request, pk):
    newsletter = _newsletter(request, pk)
    return HttpResponse(emails.render(newsletter, user=request.user)[2])


def preview_text(request, pk):
    newsletter = _newsletter(request, pk)
    return HttpResponse(emails.render(newsletter, user=request.user)[1], content_type="text/plain; charset=utf-8")


@require_POST
def add_suggestion(request, pk):
    newsletter = _newsletter(request, pk, "change")
    if not newsletter.is_draft:
        messages.error(request, _("Een verstuurde nieuwsbrief verandert niet meer."))
        return redirect("newsletters_overview", pk)
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError:
        page_id = None
    if page_id not in {page.pk for page in suggestions(newsletter)}:
        messages.error(request, _("Deze pagina kan niet (meer) worden toegevoegd."))
        return redirect("newsletters_overview", pk)
    page = Page.objects.get(pk=page_id)
    NewsletterItem.objects.create(newsletter=newsletter, page=page, sort_order=newsletter.items.count())
    messages.success(request, _("“%(title)s” staat nu in de nieuwsbrief.") % {"title": page.title})
    return redirect("newsletters_overview", pk)


@require_POST
def send_test(request, pk):
    newsletter = _newsletter(request, pk)
    emails.message(newsletter, request.user.email, user=request.user, test=True).send()
    messages.success(request, _("De test is verstuurd naar %(email)s.") % {"email": request.user.email})
    return redirect("newsletters_overview", pk)


@require_POST
def send(request, pk):
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    newsletter = get_object_or_404(Newsletter, pk=pk)
    if not newsletter.items.exists():
        messages.error(request, _("Voeg eerst minstens één pagina toe."))
        return redirect("newsletters_overview", pk)
    try:
        count = sending.start(newsletter)
    except sending.AlreadySent:
        messages.error(request, _("Deze nieuwsbrief wordt al verstuurd of is verstuurd."))
    else:
        messages.success(request, _("Het versturen naar %(count)s adressen is begonnen.") % {"count": count})
    return redirect("newsletters_overview", pk)


@require_POST
def resume(request, pk):
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    newsletter = get_object_or_404(Newsletter, pk=pk)
    if newsletter.status != Newsletter.Status.SENDING:
        raise Http404
    sending.send_newsletter.enqueue(newsletter.pk)
    messages.success(request, _("Het versturen gaat verder."))
    return redirect("newsletters_overview", pk)
