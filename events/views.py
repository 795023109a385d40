from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from core.middleware import needs_mfa_setup, redirect_to_mfa_setup
from core.pagination import paginate
from core.ratelimits import rate_limited
from core.taxonomy import Theme
from members.profiles import visible_profiles

from . import services
from .filters import EventFilters
from .forms import CancelForm, RegistrationForm
from .ics import calendar_bytes
from .models.registrations import Registration

PER_PAGE = 12
RECENT_PAST = 3


def _with_listing_data(queryset):
    return queryset.select_related("municipality").prefetch_related("themes").with_seats_taken()


def _attach_series(index, events):
    """Name the series of each listed meeting, in one query whatever the number of events."""
    series = {page.path: page for page in index.series_pages().only("pk", "title", "path", "url_path")}
    for event in events:
        event.listed_series = series.get(event.path[: -Page.steplen])
    return events


def event_index_view(request, index):
    now = timezone.now()
    past = request.GET.get("periode") == "eerder"
    base = index.events().filter(end__lt=now) if past else index.events().filter(end__gte=now)
    filters = EventFilters(request.GET)
    results = _with_listing_data(filters.apply(base)).order_by(*(["-start", "-pk"] if past else ["start", "pk"]))
    page_obj = paginate(request, results, PER_PAGE)
    _attach_series(index, page_obj.object_list)
    recent = []
    if not past:
        recent = _attach_series(
            index,
            list(
                _with_listing_data(filters.apply(index.events().filter(end__lt=now))).order_by("-start", "-pk")[
                    :RECENT_PAST
                ]
            ),
        )
    query = request.GET.copy()
    query.pop("pagina", None)
    return index.render(
        request,
        context_overrides={
            "past": past,
            "filters": filters,
            "facets": filters.facets(base),
            "page_obj": page_obj,
            "result_count": page_obj.paginator.count,
            "filter_query": query.urlencode(),
            "recent": recent,
            "feed_themes": Theme.objects.filter(events__in=index.events().filter(end__gte=now)).distinct(),
        },
    )


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed_view(request, index, theme_slug=None):
    events = index.events().filter(end__gte=timezone.now()).select_related("calendar_version").order_by("start", "pk")
    name = _("Agenda van het kennisplatform")
    if theme_slug:
        theme = Theme.objects.filter(slug=theme_slug).first()
        if theme is None:
            raise Http404
        events = events.filter(themes=theme)
        name = _("Agenda: %(theme)s") % {"theme": theme.name}
    return _ics_response(calendar_bytes(events, name, request), f"agenda-{theme_slug or 'alles'}.ics")


def series_ics_view(request, series):
    """The whole series in one file: its meetings still to come."""
    meetings = series.meetings().filter(end__gte=timezone.now()).select_related("calendar_version")
    return _ics_response(calendar_bytes(meetings, series.title, request), f"{slugify(series.slug)[:60] or 'reeks'}.ics")


def event_ics_view(request, event):
    return _ics_response(
        calendar_bytes([event], event.title, request), f"{slugify(event.slug)[:60] or 'bijeenkomst'}.ics"
    )


def _own_registration(request, event):
    if not request.user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=request.user).active().select_related("table").first()


def _meta_context(request, event, seats):
    """What the event's summary block shows: free seats, and the organisers whose profile the visitor may see."""
    # In a preview the organisers are modelcluster's in-memory list, which cannot filter across
    # relations; the ids work for the saved page and for the preview alike.
    organiser_ids = [person.pk for person in event.organisers.all()]
    return {
        "free_seats": seats.free,
        "waiting_count": seats.waiting,
        "visible_organisers": get_user_model()
        .objects.filter(pk__in=organiser_ids, profile__in=visible_profiles(request.user))
        .select_related("profile")
        .order_by("first_name", "last_name"),
    }


def event_detail_view(request, event):
    own = _own_registration(request, event)
    seats = services.seat_summary(event)
    series = event.series
    context = {
        "own_registration": own,
        # Once the meeting has begun there is nothing left to cancel here.
        "own_cancel_url": _cancel_url(own) if own and not event.has_started() else None,
        "tables": seats.tables,
        "series": series,
        "series_registration": bool(series and series.registers_as_series),
        "registration_problem": services.registration_problem(event),
        **_meta_context(request, event, seats),
        "can_manage": services.can_manage(request.user, event),
        "show_online_link": bool(own and own.status == Registration.Status.CONFIRMED and event.online_url),
    }
    return event.render(request, context_overrides=context)


def _cancel_url(registration):
    return reverse("events:cancel", args=[services.cancel_token(registration)])


def _busy(response):
    """The event stayed locked too long: nothing was saved, the person may simply send the form again."""
    response.status_code = 503
    response["Retry-After"] = str(services.EventBusy.retry_after)
    return response


def _announce(request, registration):
    # A visitor always reads the same words, so the form does not tell who is registered.
    if registration.status == Registration.Status.PENDING or not request.user.is_authenticated:
        messages.info(
            request,
            _(
                "Bijna klaar: we hebben u een e-mail gestuurd. Klik op de link in die e-mail om uw aanmelding te bevestigen."
            ),
        )
    else:
        _announce_place(request, registration)


def _announce_place(request, registration):
    """Where a confirmed request stands: a seat or a place on the waiting list."""
    if registration.status == Registration.Status.WAITING:
        messages.warning(
            request, _("De bijeenkomst is vol. U staat op de wachtlijst; we mailen u als er een plaats vrijkomt.")
        )
    else:
        messages.success(request, _("U bent aangemeld. U krijgt een bevestiging per e-mail."))


@require_http_methods(["GET", "POST"])
@rate_limited("event_registration", key_field="email")
def register_view(request, event):
    series = event.series
    if series is not None and series.registers_as_series:
        return redirect(series.url + series.reverse_subpage("register"))
    own = _own_registration(request, event)
    problem = services.registration_problem(event)
    seats = services.seat_summary(event, with_tables=not problem and not own)
    form, busy = None, False
    if not problem and not own:
        form = RegistrationForm(
            request.POST if request.method == "POST" else None,
            user=request.user,
            tables=event.tables.all().order_by("sort_order", "pk") if seats.tables else None,
            free_per_table=seats.free_per_table,
        )
        if request.method == "POST" and form.is_valid():
            try:
                registration = services.register(
                    event, services.RegistrationRequest.from_form(request.user, form.cleaned_data)
                )
            except services.RegistrationError as error:
                form.add_error(None, error.message)
            except services.EventBusy as error:
                form.add_error(None, str(error.message))
                busy = True
            else:
                _announce(request, registration)
                return redirect(event.url)
    response = render(
        request,
        "events/register.html",
        {
            "page": event,
            "event": event,
            "form": form,
            "problem": problem,
            "own_registration": own,
            "retention_months": settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS,
            **_meta_context(request, event, seats),
        },
        status=400 if form is not None and form.errors else 200,
    )
    return _busy(response) if busy else response


@require_http_methods(["GET", "POST"])
@rate_limited("event_registration", key_field="email")
def register_series_view(request, series):
    problem = services.series_registration_problem(series)
    meetings = services.series_meetings_open(series)
    own = None
    if request.user.is_authenticated and meetings:
        held = list(Registration.objects.filter(event__in=meetings, user=request.user).active())
        # Only someone who holds every open meeting has nothing left to register for.
        if len({registration.event_id for registration in held}) == len(meetings):
            own = held[0]
    form, busy = None, False
    if not problem and not own:
        form = RegistrationForm(
            request.POST if request.method == "POST" else None, user=request.user, with_tables=False
        )
        if request.method == "POST" and form.is_valid():
            try:
                registrations = services.register_for_series(
                    series, services.RegistrationRequest.from_form(request.user, form.cleaned_data)
                )
            except services.RegistrationError as error:
                form.add_error(None, error.message)
            except services.EventBusy as error:
                form.add_error(None, str(error.message))
                busy = True
            else:
                _announce(request, registrations[0])
                return redirect(series.url)
    response = render(
        request,
        "events/register.html",
        {
            "page": series,
            "series": series,
            "meetings": meetings,
            "form": form,
            "problem": problem,
            "own_registration": own,
            "retention_months": settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS,
        },
        status=400 if form is not None and form.errors else 200,
    )
    return _busy(response) if busy else response


def _manager_only(request, event):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_manage(request.user, event):
        raise Http404
    # Attendee data is as sensitive as the admin: whoever may use the admin needs two-factor login here too.
    # Organisers who are plain members have no admin access and are not asked.
    if needs_mfa_setup(request.user):
        return redirect_to_mfa_setup(request, event.get_url(request) + event.reverse_subpage("attendees"))
    return None


def attendees_view(request, event):
    if response := _manager_only(request, event):
        return response
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "events/attendees.html",
        {
            "page": event,
            "event": event,
            "rows": services.attendee_rows(event, query),
            "counts": services.attendance_counts(event),
            "query": query,
        },
    )


def attendees_csv_view(request, event):
    if response := _manager_only(request, event):
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deelnemers-{event.slug[:60]}.csv"'
    services.write_attendees_csv(event, response)
    return response


def check_in_view(request, event, registration_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if response := _manager_only(request, event):
        return response
    registration = services.set_checked_in(event, registration_id, request.POST.get("present") == "1")
    if registration is None:
        raise Http404
    if registration.checked_in_at:
        messages.success(request, _("%(name)s is aanwezig.") % {"name": registration.display_name})
    else:
        messages.info(
            request, _("%(name)s is niet meer als aanwezig gemarkeerd.") % {"name": registration.display_name}
        )
    query = request.POST.get("q", "").strip()
    target = event.url + event.reverse_subpage("attendees") + (("?" + urlencode({"q": query})) if query else "")
    return redirect(f"{target}#aanmelding-{registration.pk}")


@require_http_methods(["GET", "POST"])
@rate_limited("event_link")
def confirm_view(request, token):
    registration = services.registration_from_token(token, services.CONFIRM_SALT)
    if registration is None:
        return render(request, "events/link_invalid.html", status=404)
    error = None
    done = registration.status in (Registration.Status.CONFIRMED, Registration.Status.WAITING)
    busy = False
    if request.method == "POST" and not done:
        try:
            services.confirm(registration)
        except services.RegistrationError as problem:
            error = problem.message
        except services.EventBusy as problem:
            error, busy = str(problem.message), True
        else:
            registration.refresh_from_db()
            # Whoever opened the emailed link owns the address, so they may hear where they stand.
            _announce_place(request, registration)
            return redirect(registration.event.series.url if registration.series_key else registration.event.url)
    if registration.status not in Registration.ACTIVE and not error:
        error = _("Deze aanmelding is niet meer geldig. Meld u opnieuw aan.")
    response = render(
        request,
        "events/confirm.html",
        {"registration": registration, "event": registration.event, "error": error, "done": done},
    )
    return _busy(response) if busy else response


@require_http_methods(["GET", "POST"])
@rate_limited("event_link")
def cancel_view(request, token):
    registration = services.registration_from_token(token, services.CANCEL_SALT)
    if registration is None:
        return render(request, "events/link_invalid.html", status=404)
    in_series = registration.series_key is not None
    # After the first meetings of a series, its link still cancels the meetings to come (and only those).
    rest_of_series = services.only_rest_of_series(registration)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if not in_series or rest_of_series:
        del form.fields["whole_series"]
    problem = services.cancel_problem(registration) if registration.is_active else None
    busy = False
    if request.method == "POST" and registration.is_active and form.is_valid():
        try:
            services.cancel(registration, whole_series=in_series and form.cleaned_data.get("whole_series", False))
        except services.RegistrationError as error:
            problem = error.message
        except services.EventBusy as error:
            problem, busy = str(error.message), True
        else:
            messages.success(request, _("U bent afgemeld. Dank u wel voor het doorgeven."))
            return redirect(registration.event.url)
    response = render(
        request,
        "events/cancel.html",
        {
            "registration": registration,
            "event": registration.event,
            "form": form,
            "active": registration.is_active,
            "problem": problem,
            "rest_of_series": rest_of_series,
        },
        status=400 if problem and request.method == "POST" else 200,
    )
    return _busy(response) if busy else response


@login_required
def my_registrations(request):
    return render(
        request, "events/my_registrations.html", {"registrations": services.registrations_for_user(request.user)}
    )
