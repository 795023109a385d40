"""A synthetic but realistic corpus for the search benchmark.

Dutch sentences are assembled from the vocabulary of the social domain
(schulden, armoede, noodhulp, vrijwilligers, gemeente, ...), with a long tail of
compound words so that the index holds tens of thousands of distinct words, as
real material does. Facet values follow skewed distributions: a few big
municipalities and popular themes, many rare tags. The same seed always gives
the same corpus.
"""

import datetime
import itertools
import random
from dataclasses import dataclass

THEMES = {  # slug: weight
    "schulden": 30,
    "armoede": 28,
    "geldzorgen": 18,
    "samenwerking": 16,
    "urgente-nood": 10,
    "kinderarmoede": 8,
    "diversiteit": 6,
}
TARGET_GROUPS = {
    "gezinnen-met-kinderen": 20,
    "jongeren": 16,
    "ouderen": 12,
    "mensen-met-een-migratieachtergrond": 12,
    "statushouders": 6,
    "caribische-nederlanders": 4,
    "zzpers": 4,
    "mensen-met-een-beperking": 5,
}
# Big cities first: the weight of the n-th municipality falls off as 1/n (Zipf).
MUNICIPALITIES = (
    """
amsterdam rotterdam den-haag utrecht eindhoven groningen tilburg almere breda nijmegen apeldoorn arnhem
haarlem haarlemmermeer amersfoort zaanstad enschede den-bosch zwolle leiden zoetermeer leeuwarden
maastricht dordrecht ede alphen-aan-den-rijn westland alkmaar emmen delft venlo deventer sittard-geleen
helmond oss amstelveen hilversum sudwest-fryslan heerlen hoeksche-waard nissewaard meierijstad hengelo
purmerend schiedam lelystad roosendaal leidschendam-voorburg gouda vlaardingen hoorn almelo assen
capelle-aan-den-ijssel bergen-op-zoom katwijk veenendaal zeist nieuwegein roermond den-helder
doetinchem hoogeveen terneuzen kampen woerden weert houten barneveld velsen heerhugowaard
""".split()
    + [f"gemeente-{n}" for n in range(1, 266)]
)  # the rest of the 342, small places
MUNICIPALITY_WEIGHTS = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(MUNICIPALITIES))))

TYPES = {"story": 30, "guide": 15, "playbook": 5, "event": 25, "organisation": 25}

SUBJECTS = [
    "de gemeente",
    "het noodhulpbureau",
    "de vrijwilligers van de moskee",
    "de diaconie van de kerk",
    "een sleutelfiguur uit de wijk",
    "de schuldhulpverlening",
    "het wijkteam",
    "SchuldHulpMaatje",
    "Humanitas",
    "het Leger des Heils",
    "de voedselbank",
    "een migrantenorganisatie",
    "de budgetcoach",
    "de maatschappelijk werker",
    "het sociaal team",
    "een ervaringsdeskundige",
    "de woningcorporatie",
    "de bibliotheek",
    "het buurthuis",
    "de noodhulp van de diaconie",
    "de moskeevereniging",
    "een groep vrijwilligers",
    "de wethouder",
]
VERBS = [
    "helpt",
    "ondersteunt",
    "bereikt",
    "begeleidt",
    "verwijst",
    "ontmoet",
    "spreekt",
    "informeert",
    "betrekt",
    "adviseert",
    "organiseert een inloop voor",
    "zoekt contact met",
    "werkt samen met",
    "luistert naar",
    "bezoekt",
    "traint",
    "signaleert",
]
OBJECTS = [
    "gezinnen met schulden",
    "mensen met geldzorgen",
    "jongeren met betalingsachterstanden",
    "ouderen",
    "statushouders",
    "alleenstaande ouders",
    "werkende armen",
    "zzp'ers zonder buffer",
    "kinderen in armoede",
    "nieuwkomers",
    "huishoudens met een laag inkomen",
    "mensen die financiële hulp zoeken",
    "mensen die zich schamen",
    "bewoners van de wijk",
    "vrijwilligers",
    "professionals",
    "informele organisaties",
    "formele hulpverleners",
    "kerkleden",
]
ADJUNCTS = [
    "in de wijk",
    "tijdens het spreekuur",
    "via een warme overdracht",
    "met een vast aanspreekpunt",
    "na de vrijdaggebed",
    "op zondag na de dienst",
    "bij de keukentafel",
    "zonder wachtlijst",
    "met behulp van een tolk",
    "in het buurthuis",
    "met steun van het noodfonds",
    "voor de energierekening",
    "bij betalingsachterstanden",
    "rond de huurachterstand",
    "met de thuisadministratie",
    "bij een aanvraag voor bijzondere bijstand",
    "met voedselpakketten",
    "met een dialoogtafel",
    "in een convenant",
    "volgens het draaiboek",
    "met financiële hulp",
    "met noodhulp uit het fonds",
    "met respect voor de privacy",
    "zonder oordeel",
]
CONNECTORS = ["Daarnaast", "Bovendien", "Toch", "Daarom", "Vaak", "Soms", "Samen", "Sinds vorig jaar", "In de praktijk"]
# Parts of compound words: "schuld" + "hulp" + "verlening", "voedsel" + "bank", ...
PARTS = """
schuld hulp verlening voedsel bank geld zorg armoede noodhulp budget coach buurt wijk team huur
energie toeslag bijstand fonds inloop spreekuur ouder kind jongeren netwerk ontmoeting dialoog tafel
vrijwilliger kerk moskee migranten organisatie sleutel figuur werk inkomen regeling aanvraag brief
administratie preventie signalering samenwerking verband afspraak overdracht thuis bezoek kosten
school schoen zorgverzekering premie incasso beslag achterstand plan traject gesprek training
""".split()
TAGS = [
    "inloop",
    "maatjes",
    "keukentafel",
    "warme-overdracht",
    "noodfonds",
    "energiearmoede",
    "huurachterstand",
    "bijzondere-bijstand",
    "voedselpakket",
    "dialoogtafel",
    "convenant",
    "privacy",
    "tolk",
    "ramadan",
    "kerstpakket",
    "schoolkosten",
    "zorgpremie",
    "vroegsignalering",
    "budgetcursus",
    "thuisadministratie",
] + [f"{a}{b}" for a in PARTS[:24] for b in PARTS[24:30]]  # a long tail of rarer tags
TAG_WEIGHTS = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(TAGS))))


@dataclass
class Item:
    number: int
    type: str
    title: str
    summary: str
    body: str
    file_text: str
    date: datetime.date
    themes: tuple
    target_groups: tuple
    municipalities: tuple
    organisation_kind: str
    tags: tuple


class Corpus:
    def __init__(self, seed=2026):
        self.seed = seed
        self.random = random.Random(seed)
        # ~20,000 compound words, each used with a skewed frequency.
        rnd = random.Random(seed + 1)
        self.compounds = sorted({"".join(rnd.sample(PARTS, rnd.choice((2, 2, 3)))) for _ in range(24_000)})
        weights = [1 / (rank + 1) for rank in range(len(self.compounds))]
        rnd.shuffle(weights)
        self.compound_weights = list(itertools.accumulate(weights))

    def _weighted(self, weights, k=1):
        values = list(weights)
        chosen = set()
        while len(chosen) < k:
            chosen.add(self.random.choices(values, weights=list(weights.values()))[0])
        return tuple(sorted(chosen))

    def sentence(self):
        r, topic = self.random, self.topic
        subject, verb = r.choice(topic["subjects"]), r.choice(topic["verbs"])
        words = [subject, verb] if r.random() < 0.7 else [r.choice(CONNECTORS), verb, subject]  # inversion
        words += [r.choice(topic["objects"]), r.choice(topic["adjuncts"])]
        if r.random() < 0.6:
            words.append(f"en gebruikt daarbij de {r.choices(self.compounds, cum_weights=self.compound_weights)[0]}")
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))

    def text(self, min_chars, max_chars):
        target = self.random.randint(min_chars, max_chars)
        paragraphs, size = [], 0
        while size < target:
            paragraph = self.paragraph(self.random.randint(3, 7))
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        return "\n\n".join(paragraphs)

    def title(self, kind):
        r = self.random
        subject = r.choice(self.topic["subjects"])
        obj = r.choice(self.topic["objects"])
        compound = r.choices(self.compounds, cum_weights=self.compound_weights)[0]
        if kind == "organisation":
            return f"{r.choice(['Stichting', 'Vereniging', 'Moskee', 'Kerk', 'Platform', 'Buurtteam'])} {compound.capitalize()} {r.choice(MUNICIPALITIES[:40]).replace('-', ' ').title()}"
        if kind == "event":
            return f"{r.choice(['Dialoogtafel', 'Netwerkbijeenkomst', 'Ontmoeting', 'Training'])}: {obj} en {compound}"
        return f"{subject.capitalize()} {r.choice(self.topic['verbs'])} {obj}"

    def item(self, number):
        # Each item from its own seed: the first 10,000 of 50,000 are the 10,000.
        r = self.random = random.Random(self.seed * 10_000_019 + number)
        # A text keeps to its topic: a few of the phrases, so that a word such as
        # "schulden" occurs in a quarter of the items rather than in nearly all.
        self.topic = {
            "subjects": r.sample(SUBJECTS, 5),
            "verbs": r.sample(VERBS, 5),
            "objects": r.sample(OBJECTS, 4),
            "adjuncts": r.sample(ADJUNCTS, 5),
        }
        kind = self._weighted(TYPES)[0]
        year = min(2026, max(2012, int(r.triangular(2012, 2027, 2025))))
        date = datetime.date(year, r.randint(1, 12), r.randint(1, 28))
        body_size = {
            "story": (1500, 6000),
            "guide": (300, 1500),
            "playbook": (1500, 4000),
            "event": (500, 1500),
            "organisation": (300, 1000),
        }[kind]
        has_file = kind == "guide" or (kind == "playbook" and r.random() < 0.3)
        return Item(
            number=number,
            type=kind,
            title=self.title(kind),
            summary=self.paragraph(2)[:400],
            body=self.text(*body_size),
            file_text=self.text(3000, 15000) if has_file else "",
            date=date,
            themes=self._weighted(THEMES, r.choice((1, 1, 2, 2, 3))),
            target_groups=self._weighted(TARGET_GROUPS, r.choice((0, 1, 1, 2))),
            municipalities=()
            if kind == "guide" and r.random() < 0.7
            else tuple(r.choices(MUNICIPALITIES, cum_weights=MUNICIPALITY_WEIGHTS)),
            organisation_kind=r.choice(("formeel", "formeel", "informeel")) if kind == "organisation" else "",
            tags=()
            if kind == "organisation"
            else tuple(sorted(set(r.choices(TAGS, cum_weights=TAG_WEIGHTS, k=r.randint(0, 4))))),
        )

    def items(self, count, start=0):
        for number in range(start, start + count):
            yield self.item(number)
