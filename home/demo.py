"""Demo content for the home page and the general pages. Texts are written for this platform."""

import datetime

from django.conf import settings
from django.utils.translation import ngettext
from wagtail.models import Locale, Page, Site

from core.demo_images import demo_image
from core.siteurl import site_host_and_port
from library import demo as library_demo
from library.models import GuidePage, LibraryIndexPage, PlaybookPage, StoryPage

from .models import ContentPage, HomePage

HOME_INTRO = (
    "<p>Gemeenten, noodhulpbureaus, schuldhulpverleners, moskeeën, kerken en migrantenorganisaties "
    "helpen allemaal mensen met geldzorgen, maar kennen elkaar vaak niet. Hier vindt u elkaar, "
    "leest u hoe anderen samenwerken en meldt u zich aan voor bijeenkomsten.</p>"
)


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def retention_paragraph():
    """The retention periods as configured, so the statement stays true when the settings change."""
    months = settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS
    hours = settings.EVENTS_CONFIRMATION_HOURS
    search_months = settings.SEARCH_STATISTICS_RETENTION_MONTHS
    return paragraph(
        "<ul><li>"
        + ngettext(
            "Aanmeldingen voor bijeenkomsten: tot %(months)d maand na de bijeenkomst.",
            "Aanmeldingen voor bijeenkomsten: tot %(months)d maanden na de bijeenkomst.",
            months,
        )
        % {"months": months}
        + " Daarna wissen we de persoonsgegevens en houden we alleen anonieme aantallen over. Alleen de "
        "organisatoren van de bijeenkomst en de redactie zien wie er is aangemeld. "
        + ngettext(
            "Een aanmelding zonder account die u niet binnen %(hours)d uur bevestigt, wissen we helemaal.",
            "Een aanmelding zonder account die u niet binnen %(hours)d uur bevestigt, wissen we helemaal.",
            hours,
        )
        % {"hours": hours}
        + "</li><li>Uw account: tot u het opheft.</li><li>"
        + ngettext(
            "Zoekopdrachten: per dag geteld, zonder gegevens over wie er zocht, en na %(months)d maand gewist.",
            "Zoekopdrachten: per dag geteld, zonder gegevens over wie er zocht, en na %(months)d maanden gewist.",
            search_months,
        )
        % {"months": search_months}
        + "</li></ul>"
    )


# A block given as a function is built when the demo is loaded, from the settings of that moment.
PAGES = [
    {
        "slug": "over-het-platform",
        "title": "Over het platform",
        "summary": "Waarom dit platform er is, voor wie het bedoeld is en wie het beheert.",
        "show_in_menus": True,
        "show_in_footer": True,
        "body": [
            heading("Waarom dit platform"),
            paragraph(
                "<p>Wie schulden heeft, wacht gemiddeld vijf tot zeven jaar voordat hij hulp zoekt. Schaamte "
                "en wantrouwen houden mensen tegen. Informele organisaties, zoals een moskee, een kerk of een "
                "vereniging van Caribische Nederlanders, zien de problemen vaak veel eerder dan de gemeente.</p>"
                "<p>Onderzoek laat zien dat formele en informele organisaties graag willen samenwerken, maar "
                "niet weten wie wat doet. Dit platform maakt dat zichtbaar.</p>"
            ),
            heading("Wat u hier vindt"),
            paragraph(
                "<ul><li>Praktijkverhalen: hoe een samenwerking in een gemeente of wijk echt werkt.</li>"
                "<li>Handreikingen en draaiboeken om zelf aan de slag te gaan.</li>"
                "<li>Bijeenkomsten en dialoogtafels om elkaar te ontmoeten.</li>"
                "<li>Een sociale kaart: wie helpt met welke vraag, waar en voor wie.</li></ul>"
            ),
            {
                "type": "quote",
                "value": {
                    "text": "Eerst kennismaken, dan pas samenwerken. Als je elkaar kent, is de stap naar een warme overdracht klein.",
                    "speaker": "Deelnemer aan een dialoogtafel",
                    "role": "vrijwilliger",
                    "organisation": "",
                },
            },
        ],
    },
    {
        "slug": "privacyverklaring",
        "title": "Privacyverklaring",
        "summary": "Welke persoonsgegevens wij verwerken, waarom, hoe lang we ze bewaren en wat uw rechten zijn.",
        "show_in_menus": False,
        "show_in_footer": True,
        "body": [
            heading("Welke gegevens wij verwerken"),
            paragraph(
                "<p>We vragen zo min mogelijk. Voor een account is dat uw e-mailadres en een wachtwoord; een "
                "naam is niet verplicht. Meldt u zich aan voor een bijeenkomst, dan bewaren we uw naam, "
                "e-mailadres, de organisatie waarvoor u komt en een eventuele opmerking over dieet of "
                "toegankelijkheid.</p>"
            ),
            heading("Volgen, meldingen en nieuws per e-mail"),
            paragraph(
                "<p>Volgt u met uw account een thema, doelgroep, gemeente, organisatie, persoon of reeks "
                "bijeenkomsten, dan bewaren we wat u volgt, hoe vaak u daarover e-mail wilt (direct, per dag, "
                "per week of nooit) en de meldingen die we daarvoor maken. Zonder account kunt u nieuws over één "
                "thema of één gemeente per e-mail krijgen: we bewaren dan alleen uw e-mailadres, uw keuze en uw "
                "taal, en pas nadat u via de link in onze e-mail hebt bevestigd. Voor de nieuwsbrief bewaren we "
                "aan wie hij is verstuurd, zodat niemand hem twee keer krijgt. De grondslag is uw toestemming. "
                "U stopt met één klik op de afmeldlink onder elke e-mail of op de pagina 'Wat ik volg'; een "
                "abonnement zonder account wissen we dan meteen, en met uw account verdwijnt alles. Komt e-mail "
                "niet aan of meldt u hem als spam, dan sturen we dat adres niets meer.</p>"
            ),
            heading("Hoe lang wij gegevens bewaren"),
            retention_paragraph,
            heading("Uw rechten"),
            paragraph(
                "<p>U mag uw gegevens inzien, laten verbeteren en laten wissen. Na het inloggen vindt u onder "
                "'Mijn gegevens' alles wat we over u bewaren; daar kunt u het downloaden en uw account "
                "verwijderen. Lukt dat niet, mail ons dan via de contactpagina; we reageren binnen vier weken. "
                "Een klacht kunt u indienen bij de Autoriteit Persoonsgegevens.</p>"
            ),
            heading("Cookies"),
            paragraph(
                "<p>We plaatsen alleen cookies die nodig zijn om in te loggen, formulieren veilig te versturen "
                "en uw taalkeuze te onthouden. We gebruiken geen trackers.</p>"
            ),
            heading("De kaart"),
            paragraph(
                "<p>Alle pagina's komen van deze website, op één uitzondering na: de kaart van de sociale kaart "
                "en bij organisaties. Die bestaat uit kaartbeelden van PDOK, de kaartdienst van het Kadaster. "
                "Daarom tonen we de kaart pas als u op 'Kaart tonen' klikt. Uw browser haalt de kaartbeelden "
                "dan zelf op bij PDOK, dat daarbij uw IP-adres ziet. Uw keuze bewaart uw eigen browser "
                "(in de lokale opslag, niet bij ons); met 'Kaart verbergen' zet u hem terug. De lijst met "
                "organisaties werkt ook zonder kaart.</p>"
            ),
        ],
    },
    {
        "slug": "toegankelijkheidsverklaring",
        "title": "Toegankelijkheidsverklaring",
        "summary": "Hoe toegankelijk dit platform is en hoe u een probleem meldt.",
        "show_in_menus": False,
        "show_in_footer": True,
        "body": [
            paragraph(
                "<p>We willen dat iedereen dit platform kan gebruiken, ook met een schermlezer, alleen met het "
                "toetsenbord of op een kleine telefoon. We bouwen volgens WCAG 2.1 niveau AA, de norm uit "
                "EN 301 549 die voor Nederlandse overheden geldt.</p>"
            ),
            heading("Hoe we dit controleren"),
            paragraph(
                "<p>Bij elke wijziging controleren automatische tests alle hoofdpagina's met axe-core, "
                "bij een schermbreedte van 320 pixels en met het toetsenbord. Dat vangt niet alles; "
                "daarom laten we het platform ook door mensen testen.</p>"
            ),
            heading("Iets werkt niet?"),
            paragraph(
                "<p>Meld het via de contactpagina. Vertel op welke pagina het was en wat er misging. "
                "We antwoorden binnen vijf werkdagen.</p>"
            ),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "summary": "Vragen, ideeën of een probleem melden.",
        "show_in_menus": False,
        "show_in_footer": True,
        "body": [
            paragraph(
                "<p>Heeft u een vraag over het platform, wilt u een praktijkverhaal delen of klopt er iets "
                'niet op de sociale kaart? Mail naar <a href="mailto:contact@kennisplatform.example">'
                "contact@kennisplatform.example</a>. We reageren binnen vijf werkdagen.</p>"
            ),
        ],
    },
]


def home_page():
    """The home page, rebuilt with the tree root, locale and site if the database was emptied."""
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Kennisplatform sociaal domein", slug="home"))
        hostname, port = site_host_and_port()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": "Kennisplatform"},
        )
    return home


def load():
    home = home_page()
    created = {}
    for spec in PAGES:
        page = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = ContentPage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                show_in_menus=spec["show_in_menus"],
                show_in_footer=spec["show_in_footer"],
                body=[block() if callable(block) else block for block in spec["body"]],
                last_reviewed=datetime.date(2026, 11, 1),
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        created[spec["slug"]] = page

    if not home.intro:
        home.title = "Samen sterker tegen armoede en schulden"
        home.summary = "Het kennisplatform waar formele en informele organisaties elkaar vinden."
        home.intro = HOME_INTRO
        home.image = demo_image("Illustratie: de sociale kaart", "kaart", "kanaal", seed=7)
        home.image_alt = "Tekening van een plattegrond met spelden op de plekken waar organisaties helpen."
        home.featured = [
            {"type": "page", "value": {"page": created["over-het-platform"].pk, "text": ""}},
        ]
        home.save_revision().publish()
    return []


def feature_material():
    """Put a story, a guide and a playbook of the library's demo in the home page's featured section, once."""
    home = HomePage.objects.get()
    index = LibraryIndexPage.objects.get()
    featured_ids = {block.value["page"].pk for block in home.featured if block.value["page"]}
    wanted = [
        StoryPage.objects.child_of(index).filter(title=library_demo.STORIES[0]["title"]).first(),
        GuidePage.objects.child_of(index).filter(title=library_demo.GUIDES[0]["title"]).first(),
        PlaybookPage.objects.child_of(index).filter(title=library_demo.PLAYBOOKS[0]["title"]).first(),
    ]
    missing = [page for page in wanted if page and page.pk not in featured_ids]
    if not missing:
        return []
    home.featured = [
        {"type": "page", "value": {"page": block.value["page"].pk, "text": block.value["text"]}}
        for block in home.featured
        if block.value["page"]
    ] + [{"type": "page", "value": {"page": page.pk, "text": ""}} for page in missing]
    home.save_revision().publish()
    return []
