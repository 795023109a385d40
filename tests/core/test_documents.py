"""Uploaded documents: content checks, text extraction and how they are served."""

import io
import logging
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from core import documents
from core.documents import detect_type, extract_document_text, extract_text, validate_upload
from core.models import PlatformDocument
from tests.conftest import with_totp

PDF_LINES = ["Schuldhulpverlening in de wijk", "Een café waar geïnteresseerde bewoners elkaar ontmoeten."]
DOCX_PARAGRAPHS = ["Mantelzorg verdient erkenning", "Wijkteams werken samen met vrijwilligers."]
ODT_PARAGRAPHS = ["Jeugdhulp dichtbij huis", "Gemeenten delen hun ervaringen."]
EXE_PAYLOAD = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"This program cannot be run in DOS mode." * 20


def make_pdf(*pages):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_image_only_pdf():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(200, 40, 40)
    pdf.rect(20, 20, 120, 60, style="F")
    return bytes(pdf.output())


def encrypt_pdf(data, user_password):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_zip(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members:
            # The ODF mimetype member must be stored uncompressed.
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compression)
    return out.getvalue()


def docx_xml(body):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"{body}</w:body></w:document>"
    )


def make_docx(paragraphs=DOCX_PARAGRAPHS, document_xml=None):
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return make_zip(
        [
            (
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                "</Types>",
            ),
            (
                "_rels/.rels",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Target="word/document.xml" Type='
                '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
                "</Relationships>",
            ),
            ("word/document.xml", document_xml if document_xml is not None else docx_xml(body)),
        ]
    )


def make_odt(paragraphs=ODT_PARAGRAPHS, body=None):
    if body is None:
        body = "".join(f"<text:p>{text}</text:p>" for text in paragraphs)
    return make_zip(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            (
                "META-INF/manifest.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>",
            ),
            (
                "content.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
                f"<office:body><office:text>{body}</office:text></office:body></office:document-content>",
            ),
        ]
    )


@pytest.fixture
def pdf_bytes():
    return make_pdf(PDF_LINES)


def warnings_in(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "core.documents" and record.levelno == logging.WARNING
    ]


def make_document(name, data, title="Testdocument"):
    document = PlatformDocument(title=title, file=ContentFile(data, name=name))
    document._set_document_file_metadata()
    document.save()
    return document


# --- Recognising the type by content ---------------------------------------------------------


def test_detect_type_reads_the_content(pdf_bytes, tmp_path):
    assert detect_type(io.BytesIO(pdf_bytes), "rapport.pdf") == "pdf"
    assert detect_type(io.BytesIO(make_docx()), "notitie.docx") == "docx"
    assert detect_type(io.BytesIO(make_odt()), "Notitie.ODT") == "odt"
    path = tmp_path / "van-schijf.pdf"
    path.write_bytes(pdf_bytes)
    assert detect_type(path) == "pdf"


@pytest.mark.parametrize(
    "data, name",
    [
        (EXE_PAYLOAD, "virus.pdf"),  # an executable renamed
        (make_docx(), "notitie.odt"),  # real document, wrong extension
        (make_odt(), "notitie.docx"),
        (make_pdf(PDF_LINES), "rapport.docx"),
        (make_zip([("readme.txt", "geen document")]), "archief.docx"),
        (b"", "leeg.pdf"),
    ],
)
def test_detect_type_refuses_content_that_does_not_match(data, name):
    assert detect_type(io.BytesIO(data), name) is None


def test_detect_type_leaves_the_file_rewound(pdf_bytes):
    stream = io.BytesIO(pdf_bytes)
    detect_type(stream, "rapport.pdf")
    assert stream.tell() == 0


# --- Validating uploads ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "programma.exe",
            EXE_PAYLOAD,
            "Bestanden van het type .exe zijn niet toegestaan. Toegestaan zijn: .pdf, .docx, .odt.",
        ),
        ("zonder-extensie", b"%PDF-1.4", "Het bestand heeft geen extensie. Toegestaan zijn: .pdf, .docx, .odt."),
        ("virus.pdf", EXE_PAYLOAD, "De inhoud past niet bij de extensie .pdf: dit is geen echt PDF-bestand."),
        ("notitie.odt", make_docx(), "De inhoud past niet bij de extensie .odt"),
        ("leeg.pdf", b"", "Het bestand is leeg."),
        ("x.<img src=x onerror=alert(1)>", b"%PDF-1.4", "Dit soort bestand is niet toegestaan. Toegestaan zijn: .pdf"),
    ],
)
def test_validate_upload_refuses_bad_files_in_dutch(name, data, message):
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile(name, data))
    assert message in caught.value.messages[0]


def test_validate_upload_refuses_files_over_the_size_limit(settings, pdf_bytes):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 500
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile("rapport.pdf", pdf_bytes))
    assert caught.value.code == "too_large"
    assert "Het bestand is te groot" in caught.value.messages[0]
    assert "500" in caught.value.messages[0]


def test_validate_upload_accepts_real_documents(pdf_bytes):
    for name, data in [("rapport.pdf", pdf_bytes), ("notitie.docx", make_docx()), ("notitie.odt", make_odt())]:
        upload = SimpleUploadedFile(name, data)
        validate_upload(upload)
        assert upload.read() == data  # still readable from the start for saving


def test_model_clean_refuses_a_renamed_executable(db):
    document = PlatformDocument(title="Verdacht", file=ContentFile(EXE_PAYLOAD, name="virus.pdf"))
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert "geen echt PDF-bestand" in caught.value.message_dict["file"][0]


# --- Extracting text -------------------------------------------------------------------------


def test_extracts_text_from_a_pdf(pdf_bytes):
    text = extract_text(io.BytesIO(pdf_bytes), "pdf")
    assert "Schuldhulpverlening in de wijk" in text
    assert "geïnteresseerde bewoners" in text


def test_extracts_text_from_a_pdf_on_disk(pdf_bytes, tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf_bytes)
    assert "café" in extract_text(path, "pdf")


def test_extracts_paragraphs_from_a_docx():
    text = extract_text(io.BytesIO(make_docx()), "docx")
    assert text.splitlines() == DOCX_PARAGRAPHS


def test_docx_runs_tabs_and_breaks_become_text_but_tab_stops_and_fallbacks_do_not():
    body = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        '<w:r><w:t>Zorg</w:t></w:r><w:r><w:t xml:space="preserve"> en </w:t></w:r><w:r><w:t>welzijn</w:t></w:r>'
        "<w:r><w:tab/><w:t>kolom</w:t><w:br/><w:t>regel</w:t></w:r>"
        "<w:r><w:delText>verwijderd</w:delText></w:r></w:p>"
        '<w:p><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<mc:Choice><w:r><w:t>tekstvak</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>tekstvak</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
    )
    text = extract_text(io.BytesIO(make_docx(document_xml=docx_xml(body))), "docx")
    assert text == "Zorg en welzijn\tkolom\nregel\ntekstvak"


def test_extracts_paragraphs_from_an_odt():
    text = extract_text(io.BytesIO(make_odt()), "odt")
    assert text.splitlines() == ODT_PARAGRAPHS


def test_odt_spans_spaces_and_headings_are_read():
    body = (
        "<text:h>Armoede</text:h>"
        '<text:p>Samen <text:span>sterk</text:span>,<text:s text:c="2"/>ook<text:tab/>hier'
        "<text:line-break/>en daar</text:p>"
        "<office:annotation><text:p>opmerking van een redacteur</text:p></office:annotation>"
    )
    text = extract_text(io.BytesIO(make_odt(body=body)), "odt")
    assert text == "Armoede\nSamen sterk,  ook\thier\nen daar"


@pytest.mark.parametrize(
    "kind, data",
    [
        ("pdf", encrypt_pdf(make_pdf(PDF_LINES), user_password="geheim")),
        ("pdf", make_pdf(PDF_LINES)[:600]),  # truncated
        ("pdf", make_image_only_pdf()),
        ("pdf", EXE_PAYLOAD),
        ("docx", b"PK\x03\x04 kapot"),
        ("odt", make_zip([("mimetype", "application/vnd.oasis.opendocument.text")])),  # no content.xml
        ("docx", make_docx(document_xml='<!DOCTYPE lol [<!ENTITY lol "lol">]><w:document>&lol;</w:document>')),
    ],
    ids=["encrypted", "corrupt", "image-only", "exe", "broken-zip", "odt-without-content", "xml-with-dtd"],
)
def test_unreadable_files_give_no_text_and_a_warning(caplog, kind, data):
    caplog.set_level(logging.WARNING, logger="core.documents")
    assert extract_text(io.BytesIO(data), kind, name="probleemgeval") == ""
    messages = warnings_in(caplog)
    assert messages, "expected a warning"
    assert all("probleemgeval" in message for message in messages)


def test_pdf_protected_only_against_editing_is_still_read():
    data = encrypt_pdf(make_pdf(PDF_LINES), user_password="")
    assert "Schuldhulpverlening" in extract_text(io.BytesIO(data), "pdf")


def test_zip_bomb_members_are_not_unpacked(caplog, monkeypatch):
    monkeypatch.setattr(documents, "MAX_ZIP_MEMBER_BYTES", 100_000)
    padding = "<w:p><w:r><w:t>opvulling</w:t></w:r></w:p>" * 5_000  # ~200 kB, compresses to almost nothing
    data = make_docx(document_xml=docx_xml(padding))
    assert len(data) < 10_000
    with caplog.at_level(logging.WARNING, logger="core.documents"):
        assert extract_text(io.BytesIO(data), "docx", name="bom.docx") == ""
    assert any("bom.docx" in message and "unpacks to" in message for message in warnings_in(caplog))


def test_extraction_stops_at_the_deadline(caplog, settings, pdf_bytes):
    settings.DOCUMENT_EXTRACTION_MAX_SECONDS = 0
    many_pages = make_pdf(*[PDF_LINES] * 30)
    caplog.set_level(logging.WARNING, logger="core.documents")
    for kind, data in [("pdf", many_pages), ("docx", make_docx()), ("odt", make_odt())]:
        caplog.clear()
        started = time.monotonic()
        assert extract_text(io.BytesIO(data), kind, name=f"traag.{kind}") == ""
        assert time.monotonic() - started < 2
        assert any("took too long" in message and f"traag.{kind}" in message for message in warnings_in(caplog))


def test_only_the_first_pages_are_read(caplog, settings):
    settings.DOCUMENT_EXTRACTION_MAX_PAGES = 1
    data = make_pdf(["Eerste pagina"], ["Tweede pagina"])
    with caplog.at_level(logging.WARNING, logger="core.documents"):
        text = extract_text(io.BytesIO(data), "pdf", name="dik.pdf")
    assert "Eerste pagina" in text
    assert "Tweede" not in text
    assert any("only the first 1" in message for message in warnings_in(caplog))


def test_text_is_cut_at_the_character_limit(caplog, settings):
    settings.DOCUMENT_EXTRACTION_MAX_CHARS = 12
    with caplog.at_level(logging.WARNING, logger="core.documents"):
        text = extract_text(io.BytesIO(make_docx()), "docx", name="lang.docx")
    assert text == "Mantelzorg v"
    assert any("more than 12 characters" in message for message in warnings_in(caplog))


# --- The background task and the signal that starts it --------------------------------------


def test_saving_a_document_reads_its_text(db, django_capture_on_commit_callbacks, pdf_bytes):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("rapport.pdf", pdf_bytes)
        assert PlatformDocument.objects.get(pk=document.pk).extraction == PlatformDocument.Extraction.PENDING
    document.refresh_from_db()
    assert document.extraction == PlatformDocument.Extraction.DONE
    assert "Schuldhulpverlening" in document.extracted_text


@pytest.mark.parametrize(
    "name, data",
    [
        ("versleuteld.pdf", encrypt_pdf(make_pdf(PDF_LINES), user_password="geheim")),
        ("kapot.pdf", make_pdf(PDF_LINES)[:600]),
        ("scan.pdf", make_image_only_pdf()),
        ("vermomd.pdf", EXE_PAYLOAD),
    ],
)
def test_unreadable_documents_are_marked_empty(db, django_capture_on_commit_callbacks, caplog, name, data):
    caplog.set_level(logging.WARNING, logger="core.documents")
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(name, data)
    document.refresh_from_db()
    assert document.extraction == PlatformDocument.Extraction.EMPTY
    assert document.extracted_text == ""
    assert any(name in message for message in warnings_in(caplog))


def test_task_ignores_a_deleted_document(db):
    assert extract_document_text.enqueue(987654).return_value is None


def test_task_result_is_dropped_when_the_file_was_replaced_meanwhile(db, pdf_bytes, monkeypatch):
    monkeypatch.setattr("core.signals.extract_document_text", EnqueueSpy())
    document = make_document("rapport.pdf", pdf_bytes)

    def replaced_while_reading(*args, **kwargs):
        PlatformDocument.objects.filter(pk=document.pk).update(file_hash="0" * 40)
        return "verouderde tekst"

    monkeypatch.setattr(documents, "extract_text", replaced_while_reading)
    assert extract_document_text.enqueue(document.pk).return_value is None
    document.refresh_from_db()
    assert document.extracted_text == ""
    assert document.extraction == PlatformDocument.Extraction.PENDING


class EnqueueSpy:
    def __init__(self):
        self.ids = []

    def enqueue(self, document_id):
        self.ids.append(document_id)


def test_text_is_read_again_only_when_the_file_changes(db, django_capture_on_commit_callbacks, monkeypatch, pdf_bytes):
    spy = EnqueueSpy()
    monkeypatch.setattr("core.signals.extract_document_text", spy)
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("rapport.pdf", pdf_bytes)
    assert spy.ids == [document.pk]

    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Nieuwe titel"
        document.save()
        document.get_file_size()  # Wagtail's lazy save(update_fields=...)
    assert spy.ids == [document.pk]

    PlatformDocument.objects.filter(pk=document.pk).update(extraction=PlatformDocument.Extraction.DONE)
    document.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(make_docx(), name="notitie.docx")
        document._set_document_file_metadata()
        document.save()
    assert spy.ids == [document.pk, document.pk]
    document.refresh_from_db()
    assert document.extraction == PlatformDocument.Extraction.PENDING


def test_nothing_is_queued_when_the_upload_is_rolled_back(
    db, django_capture_on_commit_callbacks, monkeypatch, pdf_bytes
):
    from django.db import transaction

    spy = EnqueueSpy()
    monkeypatch.setattr("core.signals.extract_document_text", spy)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            make_document("rapport.pdf", pdf_bytes)
            raise RuntimeError
    assert spy.ids == []


# --- Uploading through the Wagtail admin -----------------------------------------------------


@pytest.fixture
def admin_client(client, superuser):
    with_totp(superuser)
    client.force_login(superuser)
    return client


def upload_multiple(client, name, data):
    response = client.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("virus.pdf", EXE_PAYLOAD, "De inhoud past niet bij de extensie .pdf: dit is geen echt PDF-bestand."),
        ("programma.exe", EXE_PAYLOAD, "Bestanden van het type .exe zijn niet toegestaan."),
        ("notitie.odt", make_docx(), "dit is geen echt OpenDocument-tekstdocument (ODT)."),
    ],
)
def test_admin_multiple_upload_refuses_bad_files(admin_client, name, data, message):
    result = upload_multiple(admin_client, name, data)
    assert result["success"] is False
    assert message in result["error_message"]
    assert not PlatformDocument.objects.exists()


def test_admin_multiple_upload_refuses_oversized_files(admin_client, settings, pdf_bytes):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 500
    result = upload_multiple(admin_client, "rapport.pdf", pdf_bytes)
    assert result["success"] is False
    assert "Het bestand is te groot" in result["error_message"]
    assert not PlatformDocument.objects.exists()


def test_admin_multiple_upload_reads_the_text(admin_client, django_capture_on_commit_callbacks, pdf_bytes):
    with django_capture_on_commit_callbacks(execute=True):
        result = upload_multiple(admin_client, "rapport.pdf", pdf_bytes)
    assert result["success"] is True
    document = PlatformDocument.objects.get(pk=result["doc_id"])
    assert document.extraction == PlatformDocument.Extraction.DONE
    assert "Schuldhulpverlening" in document.extracted_text


def test_admin_single_upload_refuses_a_renamed_executable(admin_client):
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Verdacht", "file": SimpleUploadedFile("virus.pdf", EXE_PAYLOAD)}
    )
    assert response.status_code == 200
    assert "De inhoud past niet bij de extensie .pdf: dit is geen echt PDF-bestand." in response.content.decode()
    assert not PlatformDocument.objects.exists()


def test_admin_single_upload_reads_the_text(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/documents/add/", {"title": "Notitie", "file": SimpleUploadedFile("notitie.odt", make_odt())}
        )
    assert response.status_code == 302
    document = PlatformDocument.objects.get()
    assert document.extracted_text.splitlines() == ODT_PARAGRAPHS


def test_admin_edit_refuses_a_bad_replacement_file(admin_client, pdf_bytes):
    document = make_document("rapport.pdf", pdf_bytes, title="Rapport")
    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Rapport", "file": SimpleUploadedFile("rapport.pdf", EXE_PAYLOAD)},
    )
    assert response.status_code == 200
    assert "dit is geen echt PDF-bestand" in response.content.decode()
    document.refresh_from_db()
    with document.open_file() as stream:
        assert stream.read() == pdf_bytes


def test_admin_edit_of_the_title_keeps_the_stored_file(admin_client, pdf_bytes):
    document = make_document("rapport.pdf", pdf_bytes, title="Rapport")
    response = admin_client.post(f"/admin/documents/edit/{document.pk}/", {"title": "Nieuwe titel"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Nieuwe titel"


# --- Serving ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, disposition",
    [
        ("rapport.pdf", make_pdf(PDF_LINES), 'inline; filename="rapport.pdf"'),
        ("notitie.docx", make_docx(), 'attachment; filename="notitie.docx"'),
        ("notitie.odt", make_odt(), 'attachment; filename="notitie.odt"'),
    ],
)
def test_documents_are_served_with_a_content_disposition(client, db, name, data, disposition):
    document = make_document(name, data)
    assert document.url == f"/documenten/{document.pk}/{document.filename}"
    response = client.get(document.url)
    try:
        assert response.status_code == 200
        assert response["Content-Disposition"] == disposition.replace(name, document.filename)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == data
    finally:
        response.close()


# --- Files made by real word processors' libraries -------------------------------------------


def make_real_docx(paragraphs, table_rows=()):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, values in zip(table.rows, table_rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_real_odt(paragraphs):
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=paragraphs[0]))
    for text in paragraphs[1:]:
        document.text.addElement(P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def test_a_docx_saved_by_python_docx_is_recognised_and_read_with_its_tables():
    data = make_real_docx(DOCX_PARAGRAPHS, table_rows=[("Gemeente", "Almere"), ("Loket", "Schuldhulp")])
    assert detect_type(io.BytesIO(data), "verslag.docx") == "docx"
    validate_upload(SimpleUploadedFile("verslag.docx", data))
    lines = extract_text(io.BytesIO(data), "docx").splitlines()
    assert lines[:2] == DOCX_PARAGRAPHS
    assert {"Gemeente", "Almere", "Loket", "Schuldhulp"} <= set(lines)


def test_an_odt_saved_by_odfpy_is_recognised_and_read():
    data = make_real_odt(ODT_PARAGRAPHS)
    assert detect_type(io.BytesIO(data), "verslag.odt") == "odt"
    validate_upload(SimpleUploadedFile("verslag.odt", data))
    assert extract_text(io.BytesIO(data), "odt").splitlines() == ODT_PARAGRAPHS


@pytest.mark.parametrize("name", ["rapport.docx", "rapport.odt"])
def test_a_pdf_disguised_as_a_word_processor_file_is_refused(pdf_bytes, name):
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile(name, pdf_bytes))
    assert caught.value.code == "content_mismatch"
    assert "De inhoud past niet bij de extensie" in caught.value.messages[0]


def test_a_bomb_outside_the_text_part_is_not_unpacked_either(caplog, monkeypatch):
    # The libraries read every member into memory, so the limit counts the whole archive.
    monkeypatch.setattr(documents, "MAX_ZIP_MEMBER_BYTES", 100_000)
    with zipfile.ZipFile(io.BytesIO(make_odt())) as archive:
        members = [(name, archive.read(name)) for name in archive.namelist()]
    data = make_zip([*members, ("Pictures/opvulling.png", b"\0" * 500_000)])
    assert len(data) < 20_000
    with caplog.at_level(logging.WARNING, logger="core.documents"):
        assert extract_text(io.BytesIO(data), "odt", name="bom.odt") == ""
    assert any("bom.odt" in message and "unpacks to" in message for message in warnings_in(caplog))


def test_a_huge_space_count_in_an_odt_is_capped():
    body = '<text:p>a<text:s text:c="999999999"/>b</text:p>'
    assert extract_text(io.BytesIO(make_odt(body=body)), "odt") == "a" + " " * 40 + "b"
