"""Demo agenda: upcoming and past meetings, dialogue tables, a series of Ontmoetingen, an online session and a
full meeting with a waiting list. Dates are relative to today so the demo stays current; texts are written for
this platform. Registrations are written directly (no emails) and only for events that have none yet."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.demo_images import demo_image
from core.pagetree import parent_for
from core.taxonomy import Municipality, TargetGroup, Theme
from members.models import Organisation

from .models import DialogueTable, EventIndexPage, EventPage, EventSeriesPage, Registration

Status = Registration.Status


def p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def item(time, title, description="", speaker="", end=None):
    return {
        "type": "programme_item",
        "value": {"time": time, "end_time": end, "title": title, "description": description, "speaker": speaker},
    }


def at(days, hour, minute=0):
    """A moment `days` from today at local time hour:minute."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


NETWORK_MEETING = {
    "slug": "kennis-en-netwerkbijeenkomst-noodhulp-en-geloofsgemeenschappen",
    "image": ("tafel", "kanaal", "Tekening van een ronde tafel met stoelen eromheen, van bovenaf gezien."),
    "title": "Kennis- en netwerkbijeenkomst: noodhulp en geloofsgemeenschappen",
    "summary": "Noodhulpbureaus, moskeeën, kerken en gemeenten leren elkaar kennen aan vier dialoogtafels.",
    "days": 21,
    "hours": (13, 17),
    "capacity": 48,
    "municipality": "Utrecht",
    "venue": ("Buurtcentrum De Ontmoeting", "Kanaalstraat 100, 3531 CK Utrecht"),
    "accessibility": "Rolstoeltoegankelijk, met invalidentoilet en ringleiding. Er is een tolk Arabisch en Turks aanwezig.",
    "costs": "Gratis, inclusief koffie, thee en een hapje.",
    "themes": ["Urgente nood", "Samenwerking", "Diversiteit"],
    "groups": ["Mensen met een migratieachtergrond"],
    "organisation": "ocan-almere",
    "organisers": ["organisatie@kennisplatform.example"],
    "programme": [
        item(datetime.time(13, 0), "Inloop en kennismaking", "Met koffie, thee en een speeddate-ronde."),
        item(
            datetime.time(13, 30), "Opening", "Waarom formele en informele hulp elkaar nodig hebben.", "Dagvoorzitter"
        ),
        item(datetime.time(14, 0), "Dialoogtafels, ronde 1", end=datetime.time(15, 0)),
        item(datetime.time(15, 15), "Dialoogtafels, ronde 2", end=datetime.time(16, 15)),
        item(datetime.time(16, 15), "Oogst en afspraken", "Wat nemen we mee, wie belt wie?"),
    ],
    "tables": [
        ("Snelle noodhulp: wanneer en hoe aanvragen?", "Medewerker noodhulpbureau", 12),
        ("Warme overdracht van moskee of kerk naar schuldhulp", "Sleutelfiguur", 12),
        ("Privacy (AVG) bij doorverwijzen", "Privacyjurist gemeente", 12),
        ("Vrijwilligers toerusten en ondersteunen", "Coördinator vrijwilligers", 12),
    ],
}
ONLINE_SESSION = {
    "slug": "online-kennissessie-diversiteitssensitieve-schuldhulp",
    "image": ("gesprek", "avond", "Tekening van tekstballonnen, als een gesprek op afstand."),
    "title": "Online kennissessie: diversiteitssensitieve schuldhulp",
    "summary": "Een uur over de uitkomsten van de peiling onder 158 gemeenten, met ruimte voor vragen.",
    "days": 6,
    "hours": (10, 11),
    "capacity": None,
    "format": EventPage.Format.ONLINE,
    "online_url": "https://vergaderen.example/kennissessie-schuldhulp",
    "accessibility": "Met live ondertiteling. De presentatie krijgt u vooraf toegestuurd.",
    "costs": "Gratis.",
    "themes": ["Schulden", "Diversiteit"],
    "groups": [],
    "programme": [
        item(datetime.time(10, 0), "Uitkomsten van de peiling"),
        item(datetime.time(10, 30), "Vragen en gesprek"),
    ],
}
FULL_MEETING = {
    "slug": "werksessie-samenwerken-tegen-kinderarmoede",
    "image": ("huizen", "ochtend", "Tekening van een straat met rijtjeshuizen."),
    "title": "Werksessie: samen een netwerk tegen kinderarmoede bouwen",
    "summary": "Een kleine werksessie aan de hand van het draaiboek; de groep is vol, u kunt op de wachtlijst.",
    "days": 12,
    "hours": (19, 21),
    "capacity": 4,
    "municipality": "Almere",
    "venue": ("Financieel Huis Almere", "Stadhuisplein 1, 1315 HR Almere"),
    "accessibility": "Begane grond, drempelvrij.",
    "costs": "Gratis.",
    "themes": ["Kinderarmoede", "Samenwerking"],
    "groups": ["Gezinnen met kinderen"],
    "programme": [item(datetime.time(19, 0), "Stap 1 van het draaiboek: wie zit er aan tafel?")],
}
PAST_MEETING = {
    "slug": "netwerkontbijt-schuldhulp-almere",
    "image": ("geld", "groen", ""),
    "title": "Netwerkontbijt schuldhulp Almere",
    "summary": "Partners van de alliantie vrijwillige schuldhulp bespraken de eerste maanden van hun samenwerking.",
    "days": -30,
    "hours": (8, 10),
    "capacity": 30,
    "municipality": "Almere",
    "venue": ("Bibliotheek Almere Stad", "Stadhuisplein 101, 1315 XC Almere"),
    "accessibility": "Rolstoeltoegankelijk.",
    "costs": "Gratis.",
    "themes": ["Schulden", "Samenwerking"],
    "groups": [],
    "organisation": "humanitas-almere",
    "programme": [item(datetime.time(8, 0), "Ontbijt en terugblik")],
}
SERIES = {
    "slug": "ontmoetingen-over-armoede",
    "title": "Ontmoetingen over armoede",
    "summary": "Vier Ontmoetingen tussen inwoners met ervaring, vrijwilligers en professionals, elke keer in een andere gemeente.",
    "intro": "<p>In vier bijeenkomsten leren inwoners die armoede meemaakten, vrijwilligers en professionals van elkaars "
    "kijk. U meldt zich aan voor de hele reeks, want de groep groeit van keer tot keer.</p>",
    "themes": ["Armoede", "Samenwerking"],
    "meetings": [
        ("Ontmoeting 1: kennismaken", "Lingewaard", -14, ("Dorpshuis Bemmel", "Dorpsstraat 1, Bemmel")),
        ("Ontmoeting 2: wat betekent rondkomen?", "Oldenzaal", 9, ("Buurthuis De Essen", "Essenlaan 5, Oldenzaal")),
        ("Ontmoeting 3: drempels naar hulp", "Utrecht", 37, ("Wijkcentrum Overvecht", "Zamenhofdreef 10, Utrecht")),
        ("Ontmoeting 4: wat moet er anders?", "Almere", 65, ("Financieel Huis Almere", "Stadhuisplein 1, Almere")),
    ],
}
VISITORS = [
    ("Fatima el Amrani", "Moskee Al Fath", "informeel"),
    ("Joost de Wit", "Gemeente Utrecht", "formeel"),
    ("Marisol Martina", "Stichting Caribisch Netwerk", "informeel"),
    ("Henk Bosman", "Noodhulpbureau Midden-Nederland", "formeel"),
    ("Ds. Anne Visser", "Protestantse gemeente", "informeel"),
    ("Sevda Yilmaz", "Schuldhulpverlening Utrecht", "formeel"),
    ("Kwame Mensah", "Ghanese kerk Zuidoost", "informeel"),
    ("Petra Jansen", "Humanitas", "formeel"),
]


def agenda(home):
    index = EventIndexPage.objects.first()
    if index is None:
        index = EventIndexPage(
            title="Agenda",
            slug="agenda",
            summary="Netwerkbijeenkomsten, dialoogtafels en Ontmoetingen om elkaar te leren kennen.",
            intro="<p>Ontmoet andere organisaties in uw gemeente of online. Aanmelden kan met of zonder account.</p>",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def add_event(parent, spec, days=None, municipality=None, venue=None, title=None, slug=None):
    slug = slug or spec["slug"]
    existing = EventPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    days = spec["days"] if days is None else days
    start_hour, end_hour = spec.get("hours", (19, 21))
    venue = venue or spec.get("venue", ("", ""))
    event = EventPage(
        title=title or spec["title"],
        slug=slug,
        summary=spec.get("summary", ""),
        start=at(days, start_hour),
        end=at(days, end_hour),
        format=spec.get("format", EventPage.Format.IN_PERSON),
        venue_name=venue[0],
        venue_address=venue[1],
        online_url=spec.get("online_url", ""),
        municipality=Municipality.get_or_create_by_name(municipality or spec["municipality"])
        if (municipality or spec.get("municipality"))
        else None,
        accessibility=spec.get("accessibility", ""),
        costs=spec.get("costs", ""),
        capacity=spec.get("capacity"),
        programme=spec.get("programme", []),
        organising_organisation=Organisation.objects.filter(slug=spec.get("organisation", "")).first(),
    )
    motif, palette, alt = spec.get("image", ("tafel", "kanaal", ""))
    event.image = demo_image(f"Illustratie: {motif} ({palette})", motif, palette, seed=len(motif) + len(palette))
    event.image_alt, event.image_decorative = alt, not alt
    event.themes = [Theme.get_or_create_by_name(name) for name in spec.get("themes", [])]
    event.target_groups = [TargetGroup.get_or_create_by_name(name) for name in spec.get("groups", [])]
    event.organisers = list(get_user_model().objects.filter(email__in=spec.get("organisers", [])))
    event.tables = [
        DialogueTable(topic=topic, host=host, capacity=capacity, sort_order=i)
        for i, (topic, host, capacity) in enumerate(spec.get("tables", []))
    ]
    parent.add_child(instance=event)
    event.save_revision().publish()
    return event, True


def visitor(event, number, status, table=None, queued_minutes=0, checked_in=False, series_key=None):
    name, organisation, kind = VISITORS[number % len(VISITORS)]
    now = timezone.now()
    return Registration(
        event=event,
        table=table,
        name=name,
        email=f"deelnemer{number}@voorbeeld.example",
        organisation_name=organisation,
        organisation_kind=kind,
        status=status,
        confirmed_at=now if status == Status.CONFIRMED else None,
        queued_at=now + datetime.timedelta(minutes=queued_minutes) if status == Status.WAITING else None,
        checked_in_at=event.start if checked_in else None,
        series_key=series_key,
    )


def member(event, email, status=Status.CONFIRMED, table=None, note=""):
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        return None
    organisation = Organisation.objects.filter(memberships__user=user).first()
    return Registration(
        event=event,
        user=user,
        name=user.get_full_name(),
        email=user.email,
        table=table,
        note=note,
        status=status,
        organisation=organisation,
        organisation_name=organisation.name if organisation else "",
        organisation_kind=organisation.kind if organisation else "",
        confirmed_at=timezone.now(),
    )


def register_demo_people(event, rows):
    if Registration.objects.filter(event=event).exists():
        return
    Registration.objects.bulk_create([row for row in rows if row is not None])


def load():
    index = agenda(parent_for(EventIndexPage))

    network, _new = add_event(index, NETWORK_MEETING)
    tables = list(network.tables.order_by("sort_order"))
    register_demo_people(
        network,
        [
            member(network, "lid@kennisplatform.example", table=tables[1], note="Ik eet halal."),
            *[visitor(network, n, Status.CONFIRMED, table=tables[n % len(tables)]) for n in range(7)],
        ],
    )

    online, _new = add_event(index, ONLINE_SESSION)
    register_demo_people(online, [visitor(online, n, Status.CONFIRMED) for n in range(3, 6)])

    full, _new = add_event(index, FULL_MEETING)
    register_demo_people(
        full,
        [
            member(full, "organisatie@kennisplatform.example"),
            *[visitor(full, n, Status.CONFIRMED) for n in range(3)],
            *[visitor(full, n, Status.WAITING, queued_minutes=n) for n in range(3, 5)],
        ],
    )

    past, _new = add_event(index, PAST_MEETING)
    register_demo_people(
        past,
        [
            member(past, "lid@kennisplatform.example"),
            *[visitor(past, n, Status.CONFIRMED, checked_in=n % 3 != 0) for n in range(8)],
        ],
    )

    series = EventSeriesPage.objects.child_of(index).filter(slug=SERIES["slug"]).first()
    if series is None:
        series = EventSeriesPage(
            title=SERIES["title"],
            slug=SERIES["slug"],
            summary=SERIES["summary"],
            intro=SERIES["intro"],
            registration_mode=EventSeriesPage.RegistrationMode.SERIES,
        )
        series.themes = [Theme.get_or_create_by_name(name) for name in SERIES["themes"]]
        index.add_child(instance=series)
        series.save_revision().publish()
    meeting_spec = {
        "capacity": 20,
        "hours": (19, 21),
        "themes": SERIES["themes"],
        "groups": [],
        "accessibility": "Rolstoeltoegankelijk. Neem gerust iemand mee die voor u tolkt.",
        "costs": "Gratis, met soep en brood.",
    }
    for number, (title, place, days, venue) in enumerate(SERIES["meetings"], start=1):
        meeting, _new = add_event(
            series,
            {**meeting_spec, "summary": f"Ontmoeting {number} van 4, in {place}."},
            days=days,
            municipality=place,
            venue=venue,
            title=title,
            slug=f"ontmoeting-{number}",
        )
        # The same four people registered for the whole series at once.
        register_demo_people(
            meeting,
            [
                visitor(
                    meeting,
                    n,
                    Status.CONFIRMED,
                    checked_in=days < 0,
                    series_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-ontmoetingen-{n}"),
                )
                for n in range(4)
            ],
        )
    return []
