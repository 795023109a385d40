"""Demo material: stories, guides with real attached files, and playbooks.

Facts come from the domain brief; the texts are written for this platform.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from core.demo_images import demo_image
from core.pagetree import parent_for
from core.taxonomy import Municipality, TargetGroup, Theme
from members.models import Organisation

from .demo_files import make_docx, make_pdf
from .models import GuideDocument, GuidePage, LibraryIndexPage, PlaybookPage, StoryPage

THEMES = ["Armoede", "Schulden", "Urgente nood", "Kinderarmoede", "Geldzorgen", "Samenwerking", "Diversiteit"]
TARGET_GROUPS = [
    "Mensen met een migratieachtergrond",
    "Caribische Nederlanders",
    "Gezinnen met kinderen",
    "Jongeren",
    "Ouderen",
]


def p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def h(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def quote(text, speaker, role, organisation):
    return {"type": "quote", "value": {"text": text, "speaker": speaker, "role": role, "organisation": organisation}}


def tips(*items):
    return {"type": "tips", "value": {"title": "Tips", "tips": list(items)}}


def figures(*pairs):
    return {"type": "key_figures", "value": {"figures": [{"figure": f, "label": label} for f, label in pairs]}}


STORIES = [
    {
        "title": "Vier partners, één alliantie tegen schulden in Almere",
        "summary": "Humanitas, SchuldHulpMaatje, het Leger des Heils en Ocan werken in Almere samen als alliantie van vrijwillige schuldhulp.",
        "published": datetime.date(2024, 3, 4),
        "municipality": "Almere",
        "themes": ["Schulden", "Samenwerking"],
        "target_groups": ["Caribische Nederlanders"],
        "tags": ["convenant", "vrijwilligers", "inloopspreekuur"],
        "contact": ("Coördinator van de alliantie", "Alliantie Vrijwillige Schuldhulp Almere"),
        "body": [
            h("Wat ze deden"),
            p(
                "Op 4 maart 2024 zetten vier organisaties hun handtekening onder een convenant. Samen vormen ze een alliantie "
                "van vrijwillige schuldhulp. Elke partner houdt zijn eigen werkwijze, maar ze verwijzen naar elkaar en "
                "maken samen één plek waar inwoners met geldvragen terechtkunnen."
            ),
            p(
                "Elke donderdagochtend is er een inloop in het Financieel Huis. Daarnaast zitten vrijwilligers op vaste "
                "momenten in de bibliotheek en in kerken, zodat mensen niet naar een kantoor hoeven."
            ),
            quote(
                "Mensen wachten jaren voordat ze hulp vragen. Als ze ons al kennen van de kerk of de buurt, komen ze eerder.",
                "Vrijwilliger",
                "budgetmaatje",
                "Humanitas",
            ),
            figures(
                ("4", "partners in het convenant"), ("5 tot 7 jaar", "wachten mensen gemiddeld voordat ze hulp zoeken")
            ),
            tips(
                "Leg afspraken over doorverwijzen vast voordat je start.",
                "Zorg voor een vaste, herkenbare inlooplocatie.",
                "Betrek een migrantenorganisatie vanaf het begin, niet achteraf.",
            ),
        ],
    },
    {
        "title": "Noodhulpbureau en moskee: kennismaken aan tafel",
        "summary": "Een noodhulpbureau en een moskeebestuur leren elkaars werk kennen en spreken af hoe ze elkaar inschakelen.",
        "published": datetime.date(2025, 5, 12),
        "municipality": "Rotterdam",
        "themes": ["Urgente nood", "Samenwerking", "Diversiteit"],
        "target_groups": ["Mensen met een migratieachtergrond"],
        "tags": ["dialoogtafel", "moskee", "noodhulp"],
        "contact": ("Medewerker noodhulpbureau", "Noodhulpbureau Rotterdam"),
        "body": [
            p(
                "Het noodhulpbureau merkte dat veel aanvragen binnenkwamen via maatschappelijk werkers, maar weinig via "
                "de moskeeën in de wijk, terwijl daar wel mensen in acute geldnood aanklopten."
            ),
            p(
                "Tijdens een netwerkbijeenkomst met dialoogtafels zaten beide partijen aan dezelfde tafel. Ze ontdekten "
                "dat de moskee vaak zelf bijsprong met boodschappen, zonder te weten dat een snelle gift van het "
                "noodhulpbureau mogelijk was."
            ),
            quote(
                "We dachten dat we elkaar in de weg zouden zitten. Het bleek precies andersom.",
                "Bestuurslid",
                "penningmeester",
                "Moskee in Rotterdam-Zuid",
            ),
            tips("Begin met kennismaken, niet met een convenant.", "Spreek één vast aanspreekpunt per organisatie af."),
        ],
    },
    {
        "title": "Ontmoetingen in Lingewaard: inwoners praten mee over armoedebeleid",
        "summary": "Inwoners met ervaring, vrijwilligers en ambtenaren ontmoeten elkaar vier keer en leren van elkaars kijk op armoede.",
        "published": datetime.date(2024, 10, 1),
        "municipality": "Lingewaard",
        "themes": ["Armoede", "Samenwerking"],
        "target_groups": ["Gezinnen met kinderen"],
        "tags": ["ontmoetingen", "ervaringsdeskundigheid"],
        "contact": ("Onderzoeker werkplaats sociaal domein", ""),
        "body": [
            p(
                "In een reeks van vier Ontmoetingen zaten inwoners die zelf armoede meemaakten naast vrijwilligers en "
                "beleidsmakers. Elke bijeenkomst had een eigen vraag, van 'wat betekent rondkomen' tot 'wat zou de gemeente "
                "anders moeten doen'."
            ),
            p(
                "De ambtenaren namen concrete punten mee terug, zoals een eenvoudiger aanvraagformulier voor de "
                "bijzondere bijstand."
            ),
            figures(("4", "Ontmoetingen per reeks"), ("3", "gemeenten probeerden het uit")),
        ],
    },
    {
        "title": "Oldenzaal: koffie, gesprekken en een korter pad naar hulp",
        "summary": "Hoe een reeks Ontmoetingen in Oldenzaal drempels verlaagde tussen inwoners en de gemeente.",
        "published": datetime.date(2024, 11, 15),
        "municipality": "Oldenzaal",
        "themes": ["Armoede", "Geldzorgen"],
        "target_groups": ["Ouderen"],
        "tags": ["ontmoetingen", "drempels"],
        "contact": ("Welzijnswerker", "Welzijnsorganisatie Oldenzaal"),
        "body": [
            p(
                "In Oldenzaal vonden de Ontmoetingen plaats in een buurthuis, met koffie en zonder agenda vooraf. "
                "Oudere inwoners vertelden waarom ze geen hulp vroegen: ze wisten niet waar, of schaamden zich."
            ),
            tips("Kies een plek waar mensen toch al komen.", "Laat een ervaringsdeskundige het gesprek openen."),
        ],
    },
    {
        "title": "Utrecht: vrijwilligers en professionals leren van elkaar",
        "summary": "In Utrecht delen schuldhulpverleners en vrijwilligers van kerken hun aanpak in een vaste leerkring.",
        "published": datetime.date(2025, 2, 3),
        "municipality": "Utrecht",
        "themes": ["Schulden", "Samenwerking"],
        "target_groups": ["Mensen met een migratieachtergrond"],
        "tags": ["leerkring", "kerken"],
        "contact": ("Schuldhulpverlener", "Gemeente Utrecht"),
        "body": [
            p(
                "Eens per zes weken komen professionals en vrijwilligers samen om een casus te bespreken, zonder namen. "
                "Zo leren vrijwilligers wanneer ze moeten doorverwijzen, en leren professionals wat vrijwilligers wel "
                "kunnen."
            ),
            quote(
                "Ik hoef niet alles zelf op te lossen, maar ik weet nu wie ik moet bellen.",
                "Vrijwilliger",
                "diaconie",
                "Protestantse gemeente",
            ),
        ],
    },
    {
        "title": "Sleutelfiguren als brug naar schuldhulp",
        "summary": "Bekende gezichten uit de gemeenschap begeleiden mensen met schulden naar de gemeente, met een warme overdracht.",
        "published": datetime.date(2025, 6, 20),
        "municipality": "Amsterdam",
        "themes": ["Schulden", "Diversiteit"],
        "target_groups": ["Mensen met een migratieachtergrond"],
        "tags": ["sleutelfiguren", "warme overdracht"],
        "contact": ("Coördinator sleutelfigurennetwerk", ""),
        "body": [
            p(
                "Sleutelfiguren spreken de taal van de mensen die ze helpen en genieten hun vertrouwen. Ze gaan mee naar "
                "het eerste gesprek bij de schuldhulp en blijven aanspreekpunt tot het traject loopt."
            ),
            tips(
                "Geef sleutelfiguren een vaste contactpersoon bij de gemeente.",
                "Maak afspraken over privacy op papier.",
            ),
        ],
    },
    {
        "title": "Jongeren met geldzorgen vinden elkaar in de sportclub",
        "summary": "Een sportvereniging en het jongerenwerk signaleren samen geldzorgen bij jongeren en verwijzen door.",
        "published": datetime.date(2025, 9, 9),
        "municipality": "Zwolle",
        "themes": ["Geldzorgen"],
        "target_groups": ["Jongeren"],
        "tags": ["jongerenwerk", "signaleren"],
        "contact": ("Jongerenwerker", ""),
        "body": [
            p(
                "Trainers merkten dat jongeren stopten met sporten omdat de contributie te hoog werd. Samen met het "
                "jongerenwerk zetten ze een laagdrempelig gesprek op na de training."
            ),
        ],
    },
    {
        "title": "Kerken en gemeente tekenen voor samenwerking bij kinderarmoede",
        "summary": "Drie kerken en de gemeente maken afspraken om gezinnen met kinderen sneller te helpen.",
        "published": datetime.date(2025, 11, 3),
        "municipality": "Ede",
        "themes": ["Kinderarmoede", "Samenwerking"],
        "target_groups": ["Gezinnen met kinderen"],
        "tags": ["convenant", "kerken"],
        "contact": ("Beleidsadviseur armoede", "Gemeente Ede"),
        "body": [
            p(
                "De kerken zagen gezinnen die niet rondkwamen maar geen regeling kenden. Nu zit er eens per maand een "
                "medewerker van de gemeente bij het inloopuur van een van de kerken."
            ),
            figures(("3", "kerken doen mee"), ("1", "inloopuur per maand met de gemeente erbij")),
        ],
    },
]

GUIDES = [
    {
        "title": "Handreiking diversiteitsensitief samenwerken in de schuldhulp",
        "summary": "Hoe gemeenten en informele organisaties samen inwoners met een migratieachtergrond beter bereiken.",
        "published": datetime.date(2024, 6, 1),
        "publisher": "Kennisinstituut Integratie en Samenleving",
        "year": 2024,
        "audience": "Gemeenten en schuldhulpverleners",
        "themes": ["Schulden", "Diversiteit", "Samenwerking"],
        "target_groups": ["Mensen met een migratieachtergrond"],
        "tags": ["enquête", "gemeenten"],
        "summary_html": "<p>Op basis van een enquête onder 158 gemeenten beschrijft deze handreiking wat werkt bij "
        "samenwerking tussen formele en informele organisaties, en welke belemmeringen gemeenten ervaren.</p>",
        "file": (
            "pdf",
            "diversiteitsensitief-samenwerken.pdf",
            [
                "Veel gemeenten staan open voor samenwerking met informele organisaties, maar lopen aan tegen vragen over "
                "de AVG, over de deskundigheid van vrijwilligers en over de tijd die het kost.",
                "Een eerste stap is een overzicht maken van moskeeën, kerken en migrantenorganisaties in de gemeente en "
                "met elk van hen een kennismakingsgesprek voeren.",
                "Leg de warme overdracht vast: wie belt wie, binnen welke termijn, en met welke toestemming van de inwoner.",
            ],
        ),
    },
    {
        "title": "Privacy bij samenwerking met vrijwilligers: wat mag wel",
        "summary": "Een praktische uitleg van de AVG voor gemeenten die met informele organisaties willen samenwerken.",
        "published": datetime.date(2025, 1, 20),
        "publisher": "Kennisplatform sociaal domein",
        "year": 2025,
        "audience": "Gemeenten, vrijwilligersorganisaties",
        "themes": ["Samenwerking"],
        "target_groups": [],
        "tags": ["AVG", "privacy"],
        "summary_html": "<p>Deze handreiking legt uit welke gegevens je mag delen bij een doorverwijzing en hoe je "
        "toestemming vastlegt.</p>",
        "file": (
            "docx",
            "privacy-bij-samenwerking.docx",
            [
                "Vraag de inwoner altijd eerst om toestemming voordat u gegevens doorgeeft aan een andere organisatie.",
                "Een toestemmingsformulier hoeft niet ingewikkeld te zijn: naam, datum, welke gegevens en aan wie.",
                "Bewaar geen kopieën van bankafschriften bij de vrijwilligersorganisatie.",
            ],
        ),
    },
    {
        "title": "Samenwerken rond urgente financiële nood",
        "summary": "Kansen en randvoorwaarden voor samenwerking tussen noodhulpbureaus en levensbeschouwelijke organisaties.",
        "published": datetime.date(2023, 9, 15),
        "publisher": "Kennisinstituut Integratie en Samenleving",
        "year": 2023,
        "audience": "Noodhulpbureaus, moskeeën, kerken",
        "themes": ["Urgente nood", "Samenwerking"],
        "target_groups": ["Mensen met een migratieachtergrond"],
        "tags": ["noodhulp", "onderzoek"],
        "summary_html": "<p>Onderzoek naar de samenwerking tussen de 26 noodhulpbureaus en christelijke en "
        "islamitische organisaties die ook noodhulp bieden.</p>",
        "file": (
            "pdf",
            "urgente-financiele-nood.pdf",
            [
                "Christelijke en islamitische organisaties bieden vaak snelle hulp in natura, zoals voedsel of een "
                "betaalde energierekening, zonder formele aanvraag.",
                "Noodhulpbureaus kunnen een eenmalige gift doen als andere voorzieningen tekortschieten.",
                "Elkaar kennen is de belangrijkste voorwaarde voor samenwerking; een netwerkbijeenkomst is daarvoor een goed begin.",
            ],
        ),
    },
    {
        "title": "Ontmoetingen organiseren tegen armoede",
        "summary": "Hoe je een reeks ontmoetingen opzet tussen inwoners, vrijwilligers en professionals.",
        "published": datetime.date(2024, 4, 10),
        "publisher": "Werkplaatsen Sociaal Domein",
        "year": 2024,
        "audience": "Gemeenten, welzijnsorganisaties",
        "themes": ["Armoede", "Samenwerking"],
        "target_groups": ["Gezinnen met kinderen", "Ouderen"],
        "tags": ["ontmoetingen"],
        "summary_html": "<p>Een aanpak in vier bijeenkomsten, uitgeprobeerd in Lingewaard, Oldenzaal en Utrecht.</p>",
        "file": (
            "docx",
            "ontmoetingen-organiseren.docx",
            [
                "Nodig voor elke Ontmoeting evenveel inwoners met ervaring als professionals uit.",
                "Laat de eerste bijeenkomst gaan over verhalen, niet over oplossingen.",
                "Sluit de reeks af met drie concrete afspraken die de gemeente oppakt.",
            ],
        ),
    },
]

PLAYBOOKS = [
    {
        "title": "Draaiboek: een organisatienetwerk tegen kinderarmoede",
        "summary": "In vijf stappen van losse initiatieven naar een netwerk waarin de vraag van het kind centraal staat.",
        "published": datetime.date(2023, 3, 9),
        "themes": ["Kinderarmoede", "Samenwerking"],
        "target_groups": ["Gezinnen met kinderen"],
        "tags": ["netwerk", "draaiboek"],
        "introduction": "<p>Dit draaiboek helpt een initiatiefnemer om organisaties rond kinderarmoede te verbinden. "
        "Elke stap hoort bij een bijeenkomst en heeft huiswerk voor de deelnemers.</p>",
        "first_step_number": 1,
        "steps": [
            (
                "Verkennen",
                "Weten welke organisaties er zijn en wat ze doen.",
                "Startbijeenkomst met kennismakingsronde",
                "Maak een lijst van organisaties die met gezinnen werken.",
            ),
            (
                "Gezamenlijk beeld",
                "Een gedeeld beeld van kinderarmoede in de gemeente.",
                "Bijeenkomst met cijfers en verhalen",
                "Verzamel twee verhalen van gezinnen, zonder namen.",
            ),
            (
                "Doelen kiezen",
                "Afspreken waar het netwerk aan werkt.",
                "Werksessie in kleine groepen",
                "Bespreek de doelen in je eigen organisatie.",
            ),
            (
                "Afspraken maken",
                "Vastleggen wie wat doet en hoe doorverwezen wordt.",
                "Bijeenkomst met conceptafspraken",
                "Lees het concept en lever opmerkingen aan.",
            ),
            (
                "Borgen",
                "Het netwerk blijft bestaan, ook als mensen wisselen.",
                "Afsluitende bijeenkomst",
                "Plan de eerstvolgende netwerkbijeenkomst.",
            ),
        ],
    },
    {
        "title": "Draaiboek: een netwerkbijeenkomst met dialoogtafels",
        "summary": "Zo organiseer je een bijeenkomst waar formele en informele organisaties elkaar aan tafel leren kennen.",
        "published": datetime.date(2025, 4, 1),
        "themes": ["Samenwerking", "Urgente nood"],
        "target_groups": ["Mensen met een migratieachtergrond"],
        "tags": ["dialoogtafel", "draaiboek"],
        "introduction": "<p>Een bijeenkomst met dialoogtafels is een goede eerste stap naar samenwerking.</p>",
        "first_step_number": 0,
        "steps": [
            (
                "Voorbereiden",
                "Een gemengde groep deelnemers.",
                "",
                "Nodig per tafel zowel formele als informele organisaties uit.",
            ),
            ("Plenaire opening", "Iedereen weet waarom hij er is.", "Opening met een ervaringsverhaal", ""),
            (
                "Dialoogtafels",
                "Elkaars werk leren kennen.",
                "Tafels met elk een eigen thema en gespreksleider",
                "Noteer per tafel drie kansen.",
            ),
            (
                "Oogsten en vervolg",
                "Concrete vervolgafspraken.",
                "Plenaire afsluiting",
                "Stuur binnen een week het verslag rond.",
            ),
        ],
    },
]


def library_index(home):
    index = LibraryIndexPage.objects.first()
    if index is None:
        index = LibraryIndexPage(
            title="Bibliotheek",
            slug="bibliotheek",
            summary="Praktijkverhalen, handreikingen en draaiboeken over samenwerken tegen armoede en schulden.",
            intro="<p>Lees hoe anderen het aanpakten en gebruik hun handreikingen en draaiboeken.</p>",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def classify(page, spec):
    page.municipality = Municipality.get_or_create_by_name(spec["municipality"]) if spec.get("municipality") else None
    page.themes = [Theme.get_or_create_by_name(name) for name in spec["themes"]]
    page.target_groups = [TargetGroup.get_or_create_by_name(name) for name in spec["target_groups"]]
    page.tags.set(spec["tags"])


def add_page(index, page, spec):
    classify(page, spec)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def attach(guide, spec):
    kind, filename, paragraphs = spec["file"]
    content = make_pdf(spec["title"], paragraphs) if kind == "pdf" else make_docx(spec["title"], paragraphs)
    Document = get_document_model()
    document = Document.objects.filter(title=spec["title"]).first()
    if document is None:
        document = Document(title=spec["title"])
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
    return GuideDocument(document=document, label="Volledige handreiking")


# Drawn illustrations for the stories, in order: (motif, palette, alt text; empty = decorative).
STORY_IMAGES = [
    ("geld", "ochtend", "Tekening van een geldbiljet en stapels munten."),
    ("tafel", "kanaal", "Tekening van een ronde tafel met stoelen eromheen, van bovenaf gezien."),
    ("huizen", "groen", "Tekening van een straat met rijtjeshuizen."),
    ("gesprek", "avond", "Tekening van vier tekstballonnen, als een gesprek tussen mensen."),
    ("tafel", "groen", ""),
    ("kaart", "ochtend", "Tekening van een plattegrond met spelden op verschillende plekken."),
    ("gesprek", "kanaal", "Tekening van tekstballonnen in verschillende kleuren."),
    ("huizen", "avond", ""),
]


def story_image(story, position):
    motif, palette, alt = STORY_IMAGES[position % len(STORY_IMAGES)]
    story.image = demo_image(f"Illustratie: {story.title}", motif, palette, seed=position)
    story.image_alt = alt
    story.image_decorative = not alt


def load():
    for name in THEMES:
        Theme.get_or_create_by_name(name)
    for name in TARGET_GROUPS:
        TargetGroup.get_or_create_by_name(name)
    index = library_index(parent_for(LibraryIndexPage))
    existing = set(index.get_children().values_list("title", flat=True))

    for position, spec in enumerate(STORIES):
        if spec["title"] in existing:
            continue
        name, role = spec["contact"]
        story = StoryPage(
            title=spec["title"],
            summary=spec["summary"],
            published=spec["published"],
            body=spec["body"],
            contact_name=name,
            contact_role=role,
        )
        story_image(story, position)
        if spec["municipality"] == "Almere":
            story.organisations = list(Organisation.objects.filter(municipality__name="Almere"))
        add_page(index, story, spec)

    for spec in GUIDES:
        if spec["title"] in existing:
            continue
        guide = GuidePage(
            title=spec["title"],
            summary=spec["summary"],
            published=spec["published"],
            summary_html=spec["summary_html"],
            publisher=spec["publisher"],
            year=spec["year"],
            audience=spec["audience"],
        )
        guide.documents = [attach(guide, spec)]
        add_page(index, guide, spec)

    for spec in PLAYBOOKS:
        if spec["title"] in existing:
            continue
        steps = [
            {
                "type": "step",
                "value": {"title": t, "goal": g, "meeting": m, "description": "", "homework": hw, "materials": []},
            }
            for t, g, m, hw in spec["steps"]
        ]
        add_page(
            index,
            PlaybookPage(
                title=spec["title"],
                summary=spec["summary"],
                published=spec["published"],
                introduction=spec["introduction"],
                first_step_number=spec["first_step_number"],
                steps=steps,
            ),
            spec,
        )
    return []
