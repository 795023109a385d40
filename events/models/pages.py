from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.images import PageImageMixin
from core.models import BasePage

from ..blocks import ProgrammeBlock
from ..views import (
    attendees_csv_view,
    attendees_view,
    calendar_feed_view,
    check_in_view,
    event_detail_view,
    event_ics_view,
    event_index_view,
    register_series_view,
    register_view,
    series_ics_view,
)
from .formats import EventFormat
from .registrations import Registration


class EventPageQuerySet(PageQuerySet):
    def with_seats_taken(self):
        """Each meeting's confirmed seats as ``confirmed_count``, for the cards' "vol, wachtlijst"."""
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
        )


class EventIndexPage(RoutablePageMixin, BasePage):
    """/agenda/: upcoming events first, past events separately, with filters and calendar feeds."""

    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage", "events.EventSeriesPage"]
    max_count = 1

    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")

    def events(self):
        """The public meetings in this agenda, in a series or not."""
        return EventPage.objects.live().public().descendant_of(self)

    def series_pages(self):
        return EventSeriesPage.objects.child_of(self).live()

    @path("")
    def listing(self, request):
        return event_index_view(request, self)

    @path("ical/", name="ics")
    def ics_feed(self, request):
        return calendar_feed_view(request, self)

    @path("thema/<slug:theme>/ical/", name="theme_ics")
    def theme_ics_feed(self, request, theme):
        return calendar_feed_view(request, self, theme)


class EventSeriesPage(RoutablePageMixin, BasePage):
    """A series of meetings (e.g. four Ontmoetingen); its children are the meetings."""

    class RegistrationMode(models.TextChoices):
        SERIES = "series", _("voor de hele reeks tegelijk")
        SINGLE = "single", _("per bijeenkomst")

    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    registration_mode = models.CharField(
        _("aanmelden"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.SINGLE,
        help_text=_(
            "Voor de hele reeks: wie zich aanmeldt, krijgt een plaats bij alle komende bijeenkomsten. "
            "Dialoogtafels kunnen dan niet gekozen worden."
        ),
    )
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True, related_name="event_series")

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("registration_mode"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    template = "events/event_series_page.html"

    class Meta:
        verbose_name = _("reeks bijeenkomsten")
        verbose_name_plural = _("reeksen bijeenkomsten")

    @property
    def registers_as_series(self):
        return self.registration_mode == self.RegistrationMode.SERIES

    def meetings(self):
        return EventPage.objects.child_of(self).live().public().select_related("municipality").order_by("start", "pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = self.meetings().prefetch_related("themes").with_seats_taken()
        context["upcoming_meetings"] = meetings.filter(end__gte=now)
        context["past_meetings"] = meetings.filter(end__lt=now).order_by("-start", "-pk")
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("ical/", name="ics")
    def ics_route(self, request):
        return series_ics_view(request, self)

    @path("aanmelden/", name="register")
    def register_route(self, request):
        if not self.registers_as_series:
            raise Http404
        return register_series_view(request, self)


class EventPage(RoutablePageMixin, PageImageMixin, BasePage):
    """Bijeenkomst: a meeting in person, online or both, with optional dialogue tables."""

    Format = EventFormat
    objects = PageManager.from_queryset(EventPageQuerySet)()

    programme = StreamField(ProgrammeBlock(), verbose_name=_("programma"), blank=True)
    start = models.DateTimeField(_("begint"))
    end = models.DateTimeField(_("eindigt"))
    format = models.CharField(_("vorm"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue_name = models.CharField(_("naam van de locatie"), max_length=160, blank=True)
    venue_address = models.CharField(_("adres"), max_length=255, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, invalidentoilet, ringleiding, tolk Arabisch aanwezig."),
    )
    online_url = models.URLField(
        _("link voor online deelname"),
        blank=True,
        help_text=_("Alleen zichtbaar voor bevestigde deelnemers."),
    )
    organising_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organiserende organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisatoren"),
        blank=True,
        related_name="organised_events",
        help_text=_("Leden die de deelnemerslijst mogen zien, exporteren en deelnemers mogen aftekenen."),
    )
    themes = ParentalManyToManyField("core.Theme", verbose_name=_("thema's"), blank=True, related_name="events")
    target_groups = ParentalManyToManyField(
        "core.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="events"
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: geen maximum.")
    )
    registration_opens = models.DateTimeField(
        _("aanmelden kan vanaf"), null=True, blank=True, help_text=_("Leeg: meteen na publicatie.")
    )
    registration_closes = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True, help_text=_("Leeg: tot het begin van de bijeenkomst.")
    )
    costs = models.TextField(_("kosten"), blank=True, help_text=_("Bijvoorbeeld: gratis, inclusief lunch."))
    reminder_hours = models.PositiveSmallIntegerField(
        _("herinnering (uren vooraf)"),
        default=48,
        help_text=_("Zoveel uur voor het begin krijgen deelnemers een herinnering. 0: geen herinnering."),
    )

    content_panels = (
        BasePage.content_panels
        + PageImageMixin.image_panels
        + [
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("format")],
                heading=_("Wanneer en hoe"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("venue_name"),
                    FieldPanel("venue_address"),
                    FieldPanel("municipality"),
                    FieldPanel("accessibility"),
                    FieldPanel("online_url"),
                ],
                heading=_("Waar"),
            ),
            FieldPanel("programme"),
            MultiFieldPanel(
                [FieldPanel("organising_organisation"), FieldPanel("organisers")],
                heading=_("Organisatie"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                    FieldPanel("costs"),
                    FieldPanel("reminder_hours"),
                ],
                heading=_("Aanmelden"),
            ),
            InlinePanel(
                "tables", label=_("Dialoogtafels"), help_text=_("Als er tafels zijn, kiest iedere deelnemer er één.")
            ),
            MultiFieldPanel(
                [
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Indeling"),
            ),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("programme"),
        index.SearchField("venue_name"),
        index.FilterField("start"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["events.EventIndexPage", "events.EventSeriesPage"]
    subpage_types = []

    template = "events/event_page.html"

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        # Upcoming meetings in date order (home page, agenda) without sorting all of them.
        indexes = [models.Index(fields=["start", "page_ptr"], name="events_by_start")]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Het aanmelden moet sluiten na het openen.")
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.venue_name:
            errors["venue_name"] = _("Vul de locatie in voor een bijeenkomst op locatie.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_in_person(self):
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.start

    def is_past(self, now=None):
        return (now or timezone.now()) >= self.end

    @property
    def series(self):
        """The series this meeting belongs to, or None."""
        if not hasattr(self, "_series"):
            parent = self.get_parent()
            self._series = parent.specific if parent and parent.specific_class is EventSeriesPage else None
        return self._series

    @path("")
    def index_route(self, request):
        return event_detail_view(request, self)

    @path("aanmelden/", name="register")
    def register_route(self, request):
        return register_view(request, self)

    @path("ical/", name="ics")
    def ics_route(self, request):
        return event_ics_view(request, self)

    @path("deelnemers/", name="attendees")
    def attendees_route(self, request):
        return attendees_view(request, self)

    @path("deelnemers/csv/", name="attendees_csv")
    def attendees_csv_route(self, request):
        return attendees_csv_view(request, self)

    @path("deelnemers/<int:registration_id>/aanwezig/", name="check_in")
    def check_in_route(self, request, registration_id):
        return check_in_view(request, self, registration_id)
