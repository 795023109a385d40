"""`manage.py import_library FILE.jsonl`: good lines go in, bad lines are reported, a rerun adds nothing."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from core.taxonomy import Municipality, TargetGroup, Theme
from library.importer import import_lines, paragraphs_of
from library.models import GuidePage, LibraryIndexPage, LibraryPage, PlaybookPage, StoryPage

pytestmark = pytest.mark.django_db

Document = get_document_model()

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Toestemming vragen voor je gegevens deelt.</w:t></w:r></w:p></w:body></w:document>"
)


def make_pdf(path, text):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    path.write_bytes(bytes(pdf.output()))


def make_docx(path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("word/document.xml", DOCX_DOCUMENT)
    path.write_bytes(buffer.getvalue())


STORY = {
    "kind": "story",
    "title": "Inloop in de bibliotheek van Almere",
    "summary": "Vrijwilligers van vier organisaties houden samen spreekuur in de bibliotheek.",
    "body": "Elke donderdag is er een inloop.\nIedereen is welkom.\n\nSamen <sterk> & dichtbij.",
    "themes": ["Schulden", "Samenwerking"],
    "target_groups": ["Caribische Nederlanders"],
    "tags": ["inloopspreekuur", "vrijwilligers"],
    "municipality": "Almere",
    "published": "2024-03-04",
}
GUIDE = {
    "kind": "guide",
    "title": "Handreiking privacy bij doorverwijzen",
    "summary": "Wat je mag delen als je iemand doorverwijst.",
    "body": "Vraag altijd eerst toestemming.\n\nLeg vast wat je deelt en met wie.",
    "themes": ["samenwerking"],
    "target_groups": [],
    "tags": ["AVG"],
    "published": "2025-01-20",
    "attachments": ["bestanden/privacy.pdf", "bestanden/formulier.docx"],
}
PLAYBOOK = {
    "kind": "playbook",
    "title": "Draaiboek dialoogtafels",
    "summary": "Zo organiseer je een bijeenkomst met dialoogtafels.",
    "body": "Een goede eerste stap naar samenwerking.",
    "themes": ["Urgente nood"],
    "target_groups": ["Mensen met een migratieachtergrond"],
    "tags": ["dialoogtafel"],
    "municipality": "Rotterdam",
    "published": "2025-04-01",
    "steps": [
        {"title": "Voorbereiden", "body": "Een gemengde groep deelnemers."},
        {"title": "Dialoogtafels", "body": "Elkaars werk leren kennen."},
    ],
}


@pytest.fixture
def source(tmp_path, home):
    """A JSONL file with good lines and every kind of bad line, and the attachments next to it."""
    from members.models import Organisation

    Organisation.objects.create(name="Humanitas Almere", slug="humanitas", kind="formeel", status="verified")
    Organisation.objects.create(name="Ocan", slug="ocan-almere", kind="informeel", status="verified")
    files = tmp_path / "bestanden"
    files.mkdir()
    make_pdf(files / "privacy.pdf", "Vraag altijd eerst toestemming.")
    make_docx(files / "formulier.docx")
    make_pdf(files / "draaiboek.pdf", "Draaiboek")
    (files / "notities.txt").write_text("geen document")

    lines = [
        json.dumps({**STORY, "organisations": ["humanitas", "Ocan"]}),  # 1
        "",  # 2: blank lines are ignored
        json.dumps(GUIDE),  # 3
        '{"kind": "story", "title": "Kapot", ',  # 4: invalid JSON
        json.dumps({"kind": "video", "title": "Een filmpje", "summary": "Kijk."}),  # 5
        json.dumps({"kind": "story", "summary": "Zonder titel."}),  # 6
        json.dumps({**STORY, "title": "Verkeerde datum", "published": "04-03-2024"}),  # 7
        json.dumps({**GUIDE, "title": "Ontbrekende bijlage", "attachments": ["bestanden/weg.pdf"]}),  # 8
        json.dumps({**PLAYBOOK, "title": "Stap zonder uitleg", "steps": [{"title": "Eerste"}, "tweede"]}),  # 9
        json.dumps({**STORY, "title": "Thema's als tekst", "themes": "Schulden"}),  # 10
        json.dumps({**PLAYBOOK, "title": "Draaiboek met bijlage", "attachments": ["bestanden/draaiboek.pdf"]}),  # 11
        json.dumps({**GUIDE, "title": "Tekstbestand", "attachments": ["bestanden/notities.txt"]}),  # 12
        json.dumps({**STORY, "title": "Niet-bestaande dag", "published": "2024-02-30"}),  # 13
        "   ",  # 14
        json.dumps(PLAYBOOK),  # 15
        json.dumps({**STORY, "title": STORY["title"].upper()}),  # 16: same story again, other case
    ]
    path = tmp_path / "materiaal.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BAD_TITLES = [
    "Kapot",
    "Een filmpje",
    "Verkeerde datum",
    "Ontbrekende bijlage",
    "Stap zonder uitleg",
    "Thema's als tekst",
    "Draaiboek met bijlage",
    "Tekstbestand",
    "Niet-bestaande dag",
]


def run(path):
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_library", str(path), stdout=stdout, stderr=stderr)
    except CommandError as raised:
        error = raised
    return stdout.getvalue(), stderr.getvalue(), error


def test_good_lines_go_in_live_and_classified(source):
    stdout, stderr, error = run(source)

    assert LibraryIndexPage.objects.get().slug == "bibliotheek"
    index = LibraryIndexPage.objects.get()
    assert index.title == "Bibliotheek"
    assert index.live
    assert index.get_parent().specific_class.__name__ == "HomePage"

    story = StoryPage.objects.get(title=STORY["title"])
    # One organisation matched by slug, the other by name.
    assert sorted(story.organisations.values_list("slug", flat=True)) == ["humanitas", "ocan-almere"]
    assert story.live and not story.has_unpublished_changes
    assert story.get_parent().pk == index.pk
    assert story.summary == STORY["summary"]
    assert story.published == datetime.date(2024, 3, 4)
    assert story.municipality.name == "Almere"
    assert sorted(story.themes.values_list("name", flat=True)) == ["Samenwerking", "Schulden"]
    assert list(story.target_groups.values_list("name", flat=True)) == ["Caribische Nederlanders"]
    assert sorted(story.tags.names()) == ["inloopspreekuur", "vrijwilligers"]
    assert [(block.block_type, block.value.source) for block in story.body] == [
        ("paragraph", "<p>Elke donderdag is er een inloop. Iedereen is welkom.</p>"),
        ("paragraph", "<p>Samen &lt;sterk&gt; &amp; dichtbij.</p>"),
    ]

    guide = GuidePage.objects.get(title=GUIDE["title"])
    assert guide.live
    assert guide.published == datetime.date(2025, 1, 20)
    assert guide.municipality is None
    # An existing theme is reused whatever its case; none is created twice.
    assert list(guide.themes.values_list("name", flat=True)) == ["Samenwerking"]
    assert Theme.objects.filter(name__iexact="samenwerking").count() == 1
    assert list(guide.tags.names()) == ["AVG"]
    assert guide.summary_html == "<p>Vraag altijd eerst toestemming.</p><p>Leg vast wat je deelt en met wie.</p>"
    documents = [item.document for item in guide.documents.order_by("sort_order")]
    assert [document.filename for document in documents] == ["privacy.pdf", "formulier.docx"]
    assert [document.file_extension for document in documents] == ["pdf", "docx"]
    assert documents[0].file.read(5) == b"%PDF-"
    assert all(document.file_size and document.file_hash for document in documents)

    playbook = PlaybookPage.objects.get(title=PLAYBOOK["title"])
    assert playbook.live
    assert playbook.published == datetime.date(2025, 4, 1)
    assert playbook.municipality.name == "Rotterdam"
    assert list(playbook.target_groups.values_list("name", flat=True)) == ["Mensen met een migratieachtergrond"]
    assert list(playbook.tags.names()) == ["dialoogtafel"]
    assert playbook.introduction == "<p>Een goede eerste stap naar samenwerking.</p>"
    assert [(step.value["title"], step.value["goal"]) for step in playbook.steps] == [
        ("Voorbereiden", "Een gemengde groep deelnemers."),
        ("Dialoogtafels", "Elkaars werk leren kennen."),
    ]
    assert LibraryPage.objects.count() == 3

    assert "regel 1: geïmporteerd" in stdout
    assert "regel 16: al aanwezig" in stdout
    assert "Klaar: 3 geïmporteerd, 1 overgeslagen (al aanwezig), 10 mislukt." in stdout
    assert error is not None


def test_bad_lines_are_reported_with_number_and_reason_and_leave_nothing(source):
    documents_before = Document.objects.count()
    stdout, stderr, error = run(source)

    assert isinstance(error, CommandError)
    assert "10 regels mislukt" in str(error)
    reported = stderr.splitlines()
    expected = {
        4: "ongeldige JSON (bij teken ",
        5: "onbekende soort 'video'",
        6: "'title' ontbreekt",
        7: "ongeldige datum '04-03-2024'",
        8: "bijlage 'bestanden/weg.pdf' bestaat niet",
        9: "stap 1: 'body' ontbreekt; stap 2 moet een object met 'title' en 'body' zijn",
        10: "'themes' moet een lijst van namen zijn",
        11: "alleen handreikingen kunnen bijlagen hebben",
        12: "niet-toegestaan bestandstype",
        13: "ongeldige datum '2024-02-30'",
    }
    for number, reason in expected.items():
        matching = [line for line in reported if line.startswith(f"regel {number}: ")]
        assert len(matching) == 1, (number, stderr)
        assert reason in matching[0], (number, matching[0])
    assert len(reported) == len(expected)
    assert "regel 2:" not in stdout + stderr and "regel 14:" not in stdout + stderr

    for title in BAD_TITLES:
        assert not Page.objects.filter(title=title).exists(), title
    # Only the two attachments of the good guide were stored.
    assert Document.objects.count() == documents_before + 2


def test_a_second_run_creates_nothing(source):
    run(source)
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        Document.objects.count(),
        Theme.objects.count(),
        TargetGroup.objects.count(),
        Municipality.objects.count(),
    )

    stdout, stderr, error = run(source)

    assert counts == (
        Page.objects.count(),
        Revision.objects.count(),
        Document.objects.count(),
        Theme.objects.count(),
        TargetGroup.objects.count(),
        Municipality.objects.count(),
    )
    assert "Klaar: 0 geïmporteerd, 4 overgeslagen (al aanwezig), 10 mislukt." in stdout
    assert "regel 3: al aanwezig, overgeslagen: handreiking 'Handreiking privacy bij doorverwijzen'" in stdout
    assert isinstance(error, CommandError)


def test_a_renamed_executable_is_refused_by_the_content_check(tmp_path, home):
    (tmp_path / "programma.pdf").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)  # an .exe renamed .pdf
    path = tmp_path / "nep.jsonl"
    path.write_text(json.dumps({**GUIDE, "attachments": ["programma.pdf"]}) + "\n", encoding="utf-8")

    stdout, stderr, error = run(path)

    assert isinstance(error, CommandError)
    assert stderr.startswith("regel 1: bijlage 'programma.pdf' is geweigerd: ")
    assert "Klaar: 0 geïmporteerd, 0 overgeslagen (al aanwezig), 1 mislukt." in stdout
    assert not GuidePage.objects.exists()
    assert not Document.objects.exists()


def test_a_clean_file_succeeds_and_uses_an_existing_library(tmp_path, home):
    index = LibraryIndexPage(title="Materiaal", slug="materiaal")
    home.add_child(instance=index)
    path = tmp_path / "verhaal.jsonl"
    path.write_text(json.dumps({k: v for k, v in STORY.items() if k != "published"}) + "\n", encoding="utf-8")

    stdout, stderr, error = run(path)

    assert error is None
    assert stderr == ""
    assert "Klaar: 1 geïmporteerd, 0 overgeslagen (al aanwezig), 0 mislukt." in stdout
    story = StoryPage.objects.get()
    assert story.get_parent().pk == index.pk
    assert story.published == datetime.date.today()
    assert LibraryIndexPage.objects.count() == 1


def test_same_title_of_another_kind_is_not_a_duplicate(tmp_path, home):
    lines = [
        json.dumps({"kind": "story", "title": "Samen tegen armoede", "summary": "Een verhaal."}),
        json.dumps({"kind": "playbook", "title": "Samen tegen armoede", "summary": "Een draaiboek."}),
    ]
    report = import_lines(lines, tmp_path)
    assert report.ok
    assert len(report.imported) == 2
    assert StoryPage.objects.get().slug != PlaybookPage.objects.get().slug


def test_guide_without_body_uses_the_summary_and_may_have_no_attachment(tmp_path, home):
    guide = {"kind": "guide", "title": "Korte handreiking", "summary": "Alles <kort> samengevat."}
    report = import_lines([json.dumps(guide)], tmp_path)
    assert report.ok
    page = GuidePage.objects.get()
    assert page.summary_html == "<p>Alles &lt;kort&gt; samengevat.</p>"
    assert not page.documents.exists()


def test_several_problems_on_one_line_are_reported_together(tmp_path, home):
    line = json.dumps(
        {
            "kind": "story",
            "title": "",
            "summary": "x" * 401,
            "tags": [1],
            "steps": [{"title": "a", "body": "b"}],
            "thema": [],
        }
    )
    report = import_lines([line], tmp_path)
    ((number, reason),) = report.failed
    assert number == 1
    for part in [
        "onbekende velden: thema",
        "'title' is leeg",
        "'summary' is te lang (401 tekens, hoogstens 400)",
        "'tags' mag alleen niet-lege namen (tekst) bevatten",
        "alleen draaiboeken hebben stappen",
    ]:
        assert part in reason
    assert not LibraryPage.objects.exists()


def test_a_failure_while_saving_rolls_back_the_whole_line(tmp_path, home, monkeypatch):
    make_pdf(tmp_path / "terugdraaien.pdf", "A")
    from library import importer

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(importer.GuidePage, "save_revision", broken)
    lines = [
        json.dumps({**GUIDE, "themes": ["Nieuw thema"], "attachments": ["terugdraaien.pdf"]}),
        json.dumps(STORY),
    ]
    report = import_lines(lines, tmp_path)

    assert report.failed == [(1, "niet opgeslagen door een onverwachte fout: RuntimeError: schijf vol")]
    assert [title for _, _, title in report.imported] == [STORY["title"]]
    assert not GuidePage.objects.exists()
    assert not Theme.objects.filter(name="Nieuw thema").exists()
    assert not Document.objects.exists()
    # The file that was already written to storage is removed again.
    assert not default_storage.exists("documents/terugdraaien.pdf")


def test_bytes_lines_and_a_byte_order_mark(tmp_path, home):
    lines = [
        "\ufeff".encode() + json.dumps(STORY).encode(),
        b"\xff\xfe not utf-8",
    ]
    report = import_lines(lines, tmp_path)
    assert len(report.imported) == 1
    assert report.failed == [(2, "geen geldige UTF-8-tekst")]


def test_paragraphs_split_on_blank_lines():
    assert paragraphs_of("een\ntwee\n\n  \ndrie\r\n\r\nvier  ") == ["een twee", "drie", "vier"]
    assert paragraphs_of("") == []


def test_missing_file_is_a_command_error(tmp_path, db):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_library", str(tmp_path / "weg.jsonl"))


def test_unknown_organisation_fails_the_line(tmp_path, home):
    path = tmp_path / "org.jsonl"
    path.write_text(json.dumps({**STORY, "organisations": ["Bestaat niet"]}) + "\n", encoding="utf-8")
    stdout, stderr, error = run(path)
    assert error is not None
    assert "regel 1: onbekende organisatie 'Bestaat niet'" in stderr
    assert not StoryPage.objects.filter(title=STORY["title"]).exists()


def test_unknown_municipality_fails_the_line_and_adds_none(tmp_path, home):
    path = tmp_path / "gemeente.jsonl"
    lines = [{**STORY, "municipality": "Almre"}, {**STORY, "title": "Spreekuur in de wijk", "municipality": "den haag"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    municipalities = Municipality.objects.count()
    stdout, stderr, error = run(path)
    assert "regel 1: onbekende gemeente 'Almre'" in stderr
    assert Municipality.objects.count() == municipalities
    assert not StoryPage.objects.filter(title=STORY["title"]).exists()
    assert StoryPage.objects.get(title="Spreekuur in de wijk").municipality.name == "'s-Gravenhage"
