"""The demo social map: fictional organisations with believable, varied details.

Names, addresses, numbers and domains are made up (the domains end in .example). Facts about the
Almere alliance come from the seeds; no sentences are taken from them.
"""

F, I = "formeel", "informeel"


def org(name, kind, category, services, neighbourhood, address, postcode, phone, domain, description, hours,
        groups=(), languages=("Nederlands",)):
    return {
        "name": name, "kind": kind, "category": category, "services": services, "neighbourhood": neighbourhood,
        "address": address, "postcode": postcode, "phone": phone,
        "email": f"info@{domain}" if domain else "", "website": f"https://www.{domain}/" if domain else "",
        "description": description, "walk_ins": hours, "target_groups": list(groups), "languages": list(languages),
    }


# The Almere alliance (four partners, formal and informal) shares a Thursday-morning walk-in at the
# Financieel Huis and a Tuesday-afternoon one in the library.
ALLIANCE_HOURS = [(3, "09:00", "12:00", "Financieel Huis"), (1, "14:00", "16:00", "Bibliotheek Almere Stad")]
ALLIANCE = [
    org("Humanitas Almere", F, "Vrijwilligersorganisatie", ["Schulden", "Geldzorgen"], "Stad",
        "Stationsplein 14", "1315 KT", "036-530 21 40", "humanitas-almere.example",
        "Getrainde vrijwilligers komen bij u thuis en zetten samen met u de papieren op orde. Een budgetmaatje "
        "blijft een jaar naast u staan.", ALLIANCE_HOURS),
    org("SchuldHulpMaatje Almere", F, "Vrijwilligersorganisatie", ["Schulden", "Geldzorgen"], "Stad",
        "Grote Markt 52", "1315 JG", "036-530 88 12", "schuldhulpmaatje-almere.example",
        "Een maatje helpt u de eerste stap te zetten naar schuldhulp van de gemeente en gaat mee naar afspraken.",
        ALLIANCE_HOURS),
    org("Leger des Heils Almere", F, "Vrijwilligersorganisatie", ["Schulden", "Urgente nood", "Geldzorgen"], "Stad",
        "Schutterstraat 3", "1315 VE", "036-534 07 70", "legerdesheils-almere.example",
        "Maatschappelijk werkers en vrijwilligers helpen bij geldproblemen en bij een crisis, ook als u geen vaste "
        "woonplek heeft.", ALLIANCE_HOURS),
    org("Ocan Almere", I, "Migrantenorganisatie", ["Schulden", "Geldzorgen"], "Stad",
        "Belfort 9", "1315 EB", "036-737 45 18", "ocan-almere.example",
        "Caribische Nederlanders helpen elkaar in het Papiaments en het Nederlands. We luisteren eerst en zoeken "
        "dan samen de juiste hulp.", ALLIANCE_HOURS,
        groups=["Caribische Nederlanders"], languages=["Nederlands", "Papiamento"]),
]

PLACES = {
    "Almere": (52.3508, 5.2647),
    "Rotterdam": (51.9225, 4.4792),
    "Amsterdam": (52.3676, 4.9041),
    "Utrecht": (52.0907, 5.1214),
    "Lingewaard": (51.8966, 5.9042),
    "Oldenzaal": (52.3133, 6.9292),
    "Ede": (52.0402, 5.6649),
}

BY_PLACE = {
    "Almere": [
        org("Gemeente Almere – Geldloket", F, "Gemeente", ["Schulden", "Armoede"], "Stad",
            "Stadhuisplein 1", "1315 HR", "14 036", "almere-geldloket.example",
            "Het geldloket van de gemeente regelt schuldhulp, bijzondere bijstand en de regelingen voor mensen met "
            "een laag inkomen.", [(0, "09:00", "12:00", ""), (2, "13:00", "16:30", "")], languages=["Nederlands", "Engels"]),
        org("Moskee Al-Hoeda Almere", I, "Moskee", ["Urgente nood", "Geldzorgen"], "Haven",
            "Havenkade 21", "1354 AG", "036-521 64 03", "alhoeda-almere.example",
            "Na het vrijdaggebed is er een vast aanspreekpunt voor gezinnen die krap zitten. Wie meer nodig heeft, "
            "brengen we in contact met het geldloket.", [(4, "14:30", "16:00", "")],
            groups=["Mensen met een migratieachtergrond"], languages=["Nederlands", "Arabisch", "Turks"]),
        org("Diaconie Protestantse Gemeente Almere", I, "Kerk", ["Geldzorgen", "Armoede"], "Buiten",
            "Kerkgracht 40", "1361 BL", "036-523 19 57", "diaconie-almere.example",
            "Diakenen helpen met een boodschappenkaart, een gift voor een onverwachte rekening en een luisterend oor.",
            [(2, "10:00", "11:30", "Ontmoetingsruimte De Schakel")], groups=["Ouderen", "Gezinnen met kinderen"]),
        org("De Schoor Welzijn Almere", F, "Welzijn / sociaal werk", ["Armoede", "Kinderarmoede"], "Haven",
            "Sluisweg 8", "1354 CK", "036-760 44 00", "deschoor-almere.example",
            "Sociaal werkers in de wijkcentra helpen bij formulieren, toeslagen en het kindpakket.",
            [(1, "09:00", "12:00", "Wijkcentrum Haven"), (3, "13:30", "15:30", "")],
            groups=["Gezinnen met kinderen", "Jongeren"], languages=["Nederlands", "Engels", "Pools"]),
    ],
    "Rotterdam": [
        org("Gemeente Rotterdam – Vraagwijzer Feijenoord", F, "Gemeente", ["Schulden", "Armoede"], "Feijenoord",
            "Beijerlandselaan 120", "3074 EL", "14 010", "vraagwijzer-rotterdam.example",
            "In de Vraagwijzer stelt u elke vraag over geld, werk en zorg. Medewerkers maken meteen een afspraak met "
            "schuldhulp als dat nodig is.", [(0, "09:00", "16:00", ""), (3, "09:00", "12:00", "")],
            languages=["Nederlands", "Engels", "Turks"]),
        org("Stichting Mevlana Delfshaven", I, "Moskee", ["Urgente nood", "Geldzorgen"], "Delfshaven",
            "Schiedamseweg 97", "3026 AC", "010-477 30 81", "mevlana-delfshaven.example",
            "Vrijwilligers van de moskee vangen mensen op die de huur of de energierekening niet kunnen betalen en "
            "gaan mee naar de Vraagwijzer.", [(5, "11:00", "13:00", "")],
            groups=["Mensen met een migratieachtergrond"], languages=["Nederlands", "Turks", "Arabisch"]),
        org("Pauluskerk Charlois", I, "Kerk", ["Urgente nood", "Armoede"], "Charlois",
            "Wolphaertsbocht 200", "3083 MN", "010-290 12 64", "pauluskerk-charlois.example",
            "Een warme maaltijd, een douche en hulp bij de post. Iedereen is welkom, zonder vragen vooraf.",
            [(1, "12:00", "15:00", ""), (4, "12:00", "15:00", "")], groups=["Ouderen"]),
        org("Kansrijk Rotterdam Zuid", F, "Welzijn / sociaal werk", ["Kinderarmoede", "Armoede"], "Feijenoord",
            "Putselaan 44", "3074 JE", "010-200 47 90", "kansrijk-zuid.example",
            "Ouders vinden hier zwemles, sportclubs en schoolspullen voor hun kinderen, betaald uit fondsen en de "
            "gemeentelijke regelingen.", [(2, "14:00", "17:00", "")],
            groups=["Gezinnen met kinderen", "Jongeren"], languages=["Nederlands", "Engels", "Papiamento"]),
    ],
    "Amsterdam": [
        org("Gemeente Amsterdam – Geldpunt Nieuw-West", F, "Gemeente", ["Schulden", "Armoede"], "Nieuw-West",
            "Osdorpplein 1000", "1068 TG", "14 020", "geldpunt-amsterdam.example",
            "Het Geldpunt helpt met betalingsachterstanden, een budgetplan en het aanvragen van de stadspas.",
            [(1, "09:30", "12:30", ""), (3, "13:00", "16:00", "")], languages=["Nederlands", "Engels", "Arabisch"]),
        org("Eritrese Gemeenschap Amsterdam-Oost", I, "Migrantenorganisatie", ["Geldzorgen", "Schulden"], "Oost",
            "Javaplein 17", "1094 HW", "020-665 18 30", "eritrees-oost.example",
            "Sleutelfiguren leggen brieven van instanties uit in het Tigrinya en helpen nieuwkomers een eigen "
            "administratie op te bouwen.", [(6, "13:00", "16:00", "Buurthuis Javaplein")],
            groups=["Mensen met een migratieachtergrond"], languages=["Nederlands", "Tigrinya", "Engels"]),
        org("Noodhulpbureau Amsterdam", F, "Noodhulpbureau", ["Urgente nood"], "Zuidoost",
            "Bijlmerplein 888", "1102 MG", "020-570 91 11", "noodhulp-amsterdam.example",
            "Voor een acute geldnood die niet kan wachten: via een hulpverlener regelen we binnen enkele dagen een "
            "gift of lening.", [(0, "10:00", "12:00", ""), (2, "10:00", "12:00", ""), (4, "10:00", "12:00", "")]),
        org("Stichting Kerk in de Bijlmer", I, "Kerk", ["Armoede", "Geldzorgen"], "Zuidoost",
            "Kruitberg 4", "1104 CA", "020-699 33 05", "kerkbijlmer.example",
            "Een inloop met koffie waar vrijwilligers meelezen met post en samen de eerste telefoontjes plegen.",
            [(5, "10:00", "13:00", "")], groups=["Caribische Nederlanders", "Ouderen"],
            languages=["Nederlands", "Engels", "Papiamento"]),
    ],
    "Utrecht": [
        org("Buurtteam Overvecht", F, "Welzijn / sociaal werk", ["Schulden", "Armoede"], "Overvecht",
            "Zamenhofdreef 30", "3562 JT", "030-740 05 13", "buurtteam-overvecht.example",
            "Het buurtteam helpt met geld, opvoeden en zorg. U krijgt één vaste medewerker die met u meedenkt.",
            [(1, "09:00", "12:00", ""), (3, "09:00", "12:00", "")], languages=["Nederlands", "Arabisch", "Turks"]),
        org("Moskee Ulu Kanaleneiland", I, "Moskee", ["Urgente nood", "Geldzorgen"], "Kanaleneiland",
            "Marco Pololaan 70", "3526 GB", "030-288 74 16", "ulu-kanaleneiland.example",
            "Het vrouwencomité organiseert elke maand een geldcafé: uitleg over toeslagen, met thee en zonder "
            "oordeel.", [(6, "14:00", "16:00", "")],
            groups=["Mensen met een migratieachtergrond", "Gezinnen met kinderen"], languages=["Nederlands", "Turks"]),
        org("Vrijwilligers Thuisadministratie Zuilen", I, "Vrijwilligersorganisatie", ["Geldzorgen", "Schulden"], "Zuilen",
            "Amsterdamsestraatweg 510", "3553 EN", "030-243 60 21", "thuisadmin-zuilen.example",
            "Een vrijwilliger komt een paar maanden elke week langs tot de rekeningen weer op tijd betaald worden.",
            [(2, "19:00", "20:30", "Bibliotheek Zuilen")], groups=["Ouderen"]),
        org("Gemeente Utrecht – Schuldhulp", F, "Schuldhulpverlening", ["Schulden"], "Overvecht",
            "Stadsplateau 1", "3521 AZ", "14 030", "schuldhulp-utrecht.example",
            "Schuldhulpverlening van de gemeente: een betalingsregeling, een saneringskrediet of een "
            "schuldregeling via de rechter.", [(0, "13:00", "16:00", "Stadskantoor")]),
    ],
    "Lingewaard": [
        org("Gemeente Lingewaard – Sociaal Plein", F, "Gemeente", ["Armoede", "Schulden"], "Bemmel",
            "Markt 1", "6681 AG", "026-326 01 11", "lingewaard-sociaalplein.example",
            "Op het Sociaal Plein vraagt u de meedoenregeling, kwijtschelding van gemeentelijke belastingen en "
            "schuldhulp aan.", [(1, "09:00", "12:00", "")]),
        org("Parochie Heilige Maria Huissen", I, "Kerk", ["Urgente nood", "Armoede"], "Huissen",
            "Kerkstraat 12", "6851 EN", "026-325 33 48", "maria-huissen.example",
            "De parochiële caritas helpt dorpsgenoten stil en snel met boodschappen of een bijdrage in de huur.",
            [(3, "10:00", "11:30", "Parochiehuis")], groups=["Ouderen", "Gezinnen met kinderen"]),
        org("Dorpshuis De Poort Gendt", I, "Vrijwilligersorganisatie", ["Geldzorgen", "Armoede"], "Gendt",
            "Dorpsstraat 48", "6691 BG", "0481-42 15 60", "depoort-gendt.example",
            "Elke week een soepmiddag waar inwoners, vrijwilligers en een sociaal werker aan één tafel zitten.",
            [(2, "12:00", "14:00", "")]),
        org("Welzijn Lingewaard", F, "Welzijn / sociaal werk", ["Kinderarmoede", "Geldzorgen"], "Bemmel",
            "Dorpsstraat 2", "6681 BP", "026-319 90 20", "welzijn-lingewaard.example",
            "Sociaal werkers en vrijwillige formulierenhulp in Bemmel, Huissen en Gendt.",
            [(0, "13:30", "15:30", ""), (4, "09:30", "11:30", "Bibliotheek Huissen")],
            groups=["Gezinnen met kinderen", "Jongeren"]),
    ],
    "Oldenzaal": [
        org("Gemeente Oldenzaal – Loket Geldzaken", F, "Gemeente", ["Schulden", "Armoede"], "Centrum",
            "Ganzenmarkt 1", "7571 CC", "0541-58 81 11", "oldenzaal-geldzaken.example",
            "Het loket helpt met schulden, kwijtschelding en de regeling voor sport en cultuur van kinderen.",
            [(1, "09:00", "12:00", "")]),
        org("Koffiehuis 't Ankertje", I, "Vrijwilligersorganisatie", ["Geldzorgen", "Armoede"], "Centrum",
            "Steenstraat 19", "7571 BJ", "0541-51 70 34", "ankertje-oldenzaal.example",
            "Binnenlopen voor een kop koffie en een praatje; wie wil, krijgt hulp bij de post van een vrijwilliger.",
            [(0, "10:00", "12:00", ""), (3, "10:00", "12:00", "")], groups=["Ouderen"]),
        org("Moskee Mimar Sinan Oldenzaal", I, "Moskee", ["Urgente nood", "Geldzorgen"], "Zuid-Berghuizen",
            "Vondelstraat 6", "7576 AG", "0541-53 22 90", "mimarsinan-oldenzaal.example",
            "Het bestuur helpt gezinnen met een noodpakket en zoekt samen met hen de weg naar het loket.",
            [(4, "15:00", "16:30", "")], groups=["Mensen met een migratieachtergrond"], languages=["Nederlands", "Turks"]),
        org("Stichting Leergeld Oldenzaal", F, "Fonds", ["Kinderarmoede"], "De Essen",
            "Essenlaan 3", "7573 AR", "0541-22 41 08", "leergeld-oldenzaal.example",
            "Een fiets, een laptop of zwemles voor kinderen van 4 tot 18 jaar uit gezinnen met weinig geld.",
            [(2, "13:00", "15:00", "")], groups=["Gezinnen met kinderen", "Jongeren"]),
    ],
    "Ede": [
        org("Gemeente Ede – Team Schulden", F, "Schuldhulpverlening", ["Schulden"], "Ede-Zuid",
            "Bergstraat 4", "6711 AT", "0318-68 06 80", "ede-schulden.example",
            "Een vast aanspreekpunt voor schulden, van het eerste gesprek tot een schuldregeling.",
            [(0, "09:00", "12:00", "Gemeentehuis")]),
        org("Voedselbank Ede", I, "Vrijwilligersorganisatie", ["Urgente nood", "Armoede"], "Veldhuizen",
            "Klaphekkenweg 5", "6712 AM", "0318-62 41 90", "voedselbank-ede.example",
            "Elke week een pakket voor huishoudens die tijdelijk te weinig hebben; aanmelden via een hulpverlener.",
            [(5, "09:30", "11:30", "")], groups=["Gezinnen met kinderen"]),
        org("Marokkaanse Vereniging Veldhuizen", I, "Migrantenorganisatie", ["Geldzorgen", "Schulden"], "Veldhuizen",
            "Enkalaan 77", "6714 BS", "0318-65 09 44", "mvv-ede.example",
            "Vrijwilligers vertalen brieven, bellen mee met de Belastingdienst en nemen mensen mee naar Team Schulden.",
            [(2, "18:30", "20:30", "")], groups=["Mensen met een migratieachtergrond"], languages=["Nederlands", "Arabisch"]),
        org("Diaconie Bennekom", I, "Kerk", ["Geldzorgen", "Armoede"], "Bennekom",
            "Dorpsstraat 95", "6721 JK", "0318-41 55 27", "diaconie-bennekom.example",
            "Een gift of renteloze lening voor dorpsgenoten, altijd met een gesprek over wat er verder nodig is.",
            [(1, "19:00", "20:00", "Kerkzaal"), (4, "10:00", "11:00", "Kerkzaal")], groups=["Ouderen"]),
    ],
}

# The finder: what residents say, mapped to themes, and help that is there for everyone in the Netherlands.
FINDER_QUESTIONS = [
    ("Ik heb schulden", "schulden", ["Schulden"]),
    ("Ik kan mijn huur of energie niet betalen", "huur-of-energie", ["Geldzorgen", "Schulden", "Urgente nood"]),
    ("Ik heb vandaag geld nodig voor eten", "geld-voor-eten", ["Urgente nood"]),
    ("Ik kom elke maand geld tekort", "geld-tekort", ["Geldzorgen", "Armoede"]),
    ("Ik snap de brieven over geld niet", "brieven", ["Geldzorgen", "Schulden"]),
    ("Mijn kinderen missen dingen omdat er geen geld is", "kinderen", ["Kinderarmoede", "Armoede"]),
]
NATIONAL_HELP = [
    {"name": "Geldfit", "description": "Doe online een korte test over uw geldzaken. U krijgt tips en hulp bij u "
     "in de buurt. Gratis en zonder uw naam.", "phone": "", "hours": "", "website": "https://www.geldfit.nl/",
     "questions": ["schulden", "huur-of-energie", "geld-tekort", "brieven"]},
    {"name": "Nibud", "description": "Rekenhulpen en uitleg: wat kunt u uitgeven, welke vaste lasten zijn normaal "
     "en op welke toeslagen heeft u recht.", "phone": "", "hours": "", "website": "https://www.nibud.nl/",
     "questions": ["geld-tekort", "huur-of-energie", "kinderen"]},
    {"name": "Het Juridisch Loket", "description": "Gratis advies als u het niet eens bent met een schuldeiser, "
     "een incassobureau of uw verhuurder.", "phone": "0900-8020", "hours": "werkdagen, lokaal tarief",
     "website": "https://www.juridischloket.nl/", "questions": ["schulden", "huur-of-energie", "brieven"]},
    {"name": "Noodhulpbureaus (SUN Nederland)", "description": "In 26 plaatsen helpt een noodhulpbureau snel bij "
     "urgente geldnood. U komt er via een hulpverlener, bijvoorbeeld van de gemeente of het maatschappelijk werk.",
     "phone": "", "hours": "", "website": "", "questions": ["geld-voor-eten", "huur-of-energie"]},
    {"name": "Voedselbanken", "description": "Een voedselpakket als u tijdelijk te weinig geld heeft voor eten. "
     "U meldt zich aan via een hulpverlener of de gemeente.", "phone": "", "hours": "",
     "website": "https://voedselbankennederland.nl/", "questions": ["geld-voor-eten", "kinderen"]},
    {"name": "113 Zelfmoordpreventie", "description": "Loopt het u boven het hoofd en denkt u aan de dood? Praat er "
     "anoniem over.", "phone": "0800-0113", "hours": "dag en nacht, gratis", "website": "https://www.113.nl/",
     "questions": []},
]
