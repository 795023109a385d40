"""Checking uploaded documents and reading the plain text inside them (for search)."""

import logging
import os
import time
import zipfile
from contextlib import contextmanager
from xml.parsers import expat

from django.conf import settings
from django.core.exceptions import ValidationError
from django.dispatch import Signal
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from .tasks import task

logger = logging.getLogger(__name__)

# Sent (with ``document``) when the text of a document's file has been read; the search app listens.
document_text_changed = Signal()

KIND_LABELS = {
    "pdf": _("PDF-bestand"),
    "docx": _("Word-document (DOCX)"),
    "odt": _("OpenDocument-tekstdocument (ODT)"),
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Real document XML is a few MB at most; anything bigger is a zip bomb or not worth reading.
MAX_ZIP_MEMBER_BYTES = 50 * 1024 * 1024
CHUNK_SIZE = 64 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006 "
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "


def extension_of(name):
    return os.path.splitext(name or "")[1].lstrip(".").lower()


@contextmanager
def _binary_stream(fileobj_or_path):
    """Yield a seekable binary stream at position 0; leave a caller's file rewound for saving."""
    if isinstance(fileobj_or_path, (str, os.PathLike)):
        with open(fileobj_or_path, "rb") as stream:
            yield stream
        return
    fileobj_or_path.seek(0)
    try:
        yield fileobj_or_path
    finally:
        fileobj_or_path.seek(0)


def _sniff(stream):
    if stream.read(5) == b"%PDF-":
        return "pdf"
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return "docx"
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                if archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return "odt"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        pass
    return None


def detect_type(fileobj_or_path, name=None):
    """Return "pdf", "docx" or "odt" judged by the content, or None.

    With a name, also None when its extension does not match the content.
    """
    if name is None and isinstance(fileobj_or_path, (str, os.PathLike)):
        name = os.fspath(fileobj_or_path)
    with _binary_stream(fileobj_or_path) as stream:
        kind = _sniff(stream)
    if kind and name is not None and extension_of(name) != kind:
        return None
    return kind


def allowed_extensions():
    return [extension.lower() for extension in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or KIND_LABELS]


def validate_upload(file):
    """Refuse a document whose type, content or size is not acceptable."""
    name = os.path.basename(getattr(file, "name", "") or "")
    allowed = allowed_extensions()
    allowed_text = ", ".join(f".{extension}" for extension in allowed)
    extension = extension_of(name)
    if not extension:
        raise ValidationError(
            _("Het bestand heeft geen extensie. Toegestaan zijn: %(allowed)s."),
            code="no_extension",
            params={"allowed": allowed_text},
        )
    if extension not in allowed or extension not in KIND_LABELS:
        # Wagtail's uploader inserts this message as HTML, so never echo odd characters from the name.
        if not (extension.isalnum() and len(extension) <= 10):
            raise ValidationError(
                _("Dit soort bestand is niet toegestaan. Toegestaan zijn: %(allowed)s."),
                code="extension_not_allowed",
                params={"allowed": allowed_text},
            )
        raise ValidationError(
            _("Bestanden van het type .%(extension)s zijn niet toegestaan. Toegestaan zijn: %(allowed)s."),
            code="extension_not_allowed",
            params={"extension": extension, "allowed": allowed_text},
        )
    size = file.size
    if not size:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    max_size = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if size > max_size:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s). Het mag hoogstens %(max_size)s zijn."),
            code="too_large",
            params={"size": filesizeformat(size), "max_size": filesizeformat(max_size)},
        )
    if detect_type(file, name) != extension:
        raise ValidationError(
            _("De inhoud past niet bij de extensie .%(extension)s: dit is geen echt %(kind)s."),
            code="content_mismatch",
            params={"kind": KIND_LABELS[extension], "extension": extension},
        )


class _Stop(Exception):
    """Raised to abandon extraction once a limit is reached."""


class _TextCollector:
    """Collects text, with a newline between paragraphs, up to a number of characters."""

    def __init__(self, max_chars):
        self.parts = []
        self.length = 0
        self.max_chars = max_chars
        self.truncated = False
        self.warned = False

    def warn(self, message, *args):
        self.warned = True
        logger.warning(message, *args)

    def add(self, text):
        if not text:
            return
        room = self.max_chars - self.length
        if len(text) > room:
            self.parts.append(text[:room])
            self.length = self.max_chars
            self.truncated = True
            raise _Stop
        self.parts.append(text)
        self.length += len(text)

    def paragraph_break(self):
        if self.parts and not self.parts[-1].endswith("\n"):
            self.add("\n")

    def text(self):
        return "".join(self.parts)


def _pdf_text(stream, name, deadline, collector):
    reader = PdfReader(stream, strict=False)
    if reader.is_encrypted:
        # A PDF with only an owner password opens without asking, so its text is public.
        try:
            readable = reader.decrypt("")
        except Exception:  # noqa: BLE001  (missing crypto support or a broken encryption dictionary)
            readable = 0
        if not readable:
            collector.warn("Document %s is encrypted; no text extracted.", name)
            return
    max_pages = settings.DOCUMENT_EXTRACTION_MAX_PAGES
    page_count = len(reader.pages)

    def check_deadline(*args):
        if time.monotonic() >= deadline:
            raise _Stop

    for number in range(page_count):
        if number >= max_pages:
            collector.warn("Document %s has %d pages; only the first %d were read.", name, page_count, max_pages)
            return
        try:
            check_deadline()
            text = reader.pages[number].extract_text(visitor_operand_before=check_deadline)
        except _Stop:
            collector.warn("Reading document %s took too long; stopped at page %d of %d.", name, number + 1, page_count)
            return
        except Exception as error:  # noqa: BLE001
            collector.warn("Page %d of document %s could not be read: %s", number + 1, name, error)
            continue
        collector.paragraph_break()
        collector.add(text.strip())


class _ExpatText:
    """Streams one XML member through expat, keeping only the text of paragraphs."""

    paragraph_tags = frozenset()
    skipped_tags = frozenset()

    def __init__(self, collector):
        self.collector = collector
        self.paragraph_depth = 0
        self.skip_depth = 0
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        # Document XML never has a DTD; refusing one rules out entity tricks.
        self.parser.StartDoctypeDeclHandler = self.refuse_dtd
        self.parser.EntityDeclHandler = self.refuse_dtd
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters

    def refuse_dtd(self, *args):
        raise ValueError("XML with a DTD")

    def start(self, tag, attributes):
        if self.skip_depth or tag in self.skipped_tags:
            self.skip_depth += 1
            return
        if tag in self.paragraph_tags:
            self.paragraph_depth += 1
            self.collector.paragraph_break()
        elif self.paragraph_depth:
            self.start_inline(tag, attributes)

    def end(self, tag):
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in self.paragraph_tags:
            self.paragraph_depth -= 1
            self.collector.paragraph_break()
        elif self.paragraph_depth:
            self.end_inline(tag)

    def start_inline(self, tag, attributes):
        pass

    def end_inline(self, tag):
        pass

    def characters(self, data):
        pass

    def feed(self, data, final=False):
        self.parser.Parse(data, final)


class _DocxText(_ExpatText):
    paragraph_tags = frozenset({W + "p"})
    # The fallback repeats the text of a text box that mc:Choice already holds.
    skipped_tags = frozenset({MC + "Fallback", W + "delText", W + "instrText", W + "pPr", W + "rPr"})

    def __init__(self, collector):
        super().__init__(collector)
        self.in_text = 0

    def start_inline(self, tag, attributes):
        if tag == W + "t":
            self.in_text += 1
        elif tag == W + "tab":
            self.collector.add("\t")
        elif tag in (W + "br", W + "cr"):
            self.collector.add("\n")

    def end_inline(self, tag):
        if tag == W + "t":
            self.in_text -= 1

    def characters(self, data):
        if self.in_text and not self.skip_depth:
            self.collector.add(data)


class _OdtText(_ExpatText):
    paragraph_tags = frozenset({TEXT + "p", TEXT + "h"})
    skipped_tags = frozenset({OFFICE + "annotation", TEXT + "tracked-changes", TEXT + "note-citation"})

    def start_inline(self, tag, attributes):
        if tag == TEXT + "s":
            try:
                count = int(attributes.get(TEXT + "c", 1))
            except ValueError:
                count = 1
            # The count comes from the file; a huge one would only waste memory.
            self.collector.add(" " * max(1, min(count, 40)))
        elif tag == TEXT + "tab":
            self.collector.add("\t")
        elif tag == TEXT + "line-break":
            self.collector.add("\n")

    def characters(self, data):
        if self.paragraph_depth and not self.skip_depth:
            self.collector.add(data)


def _zip_xml_text(stream, member, reader_class, name, deadline, collector):
    with zipfile.ZipFile(stream) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_ZIP_MEMBER_BYTES:
            collector.warn(
                "Document %s: %s unpacks to %d bytes, more than the %d allowed; not read.",
                name,
                member,
                info.file_size,
                MAX_ZIP_MEMBER_BYTES,
            )
            return
        reader = reader_class(collector)
        total = 0
        with archive.open(info) as xml:
            while True:
                if time.monotonic() >= deadline:
                    collector.warn("Reading document %s took too long; stopped early.", name)
                    return
                chunk = xml.read(CHUNK_SIZE)
                total += len(chunk)
                if total > MAX_ZIP_MEMBER_BYTES:
                    # The size in the zip directory lied.
                    collector.warn("Document %s: %s unpacks to more than declared; stopped.", name, member)
                    return
                reader.feed(chunk, final=not chunk)
                if not chunk:
                    return


def extract_text(path_or_file, kind, name=None):
    """Return the plain text of a PDF, DOCX or ODT file, within time and size limits.

    Never raises: an unreadable, encrypted or image-only file gives "" and a
    warning naming the document.
    """
    if name is None:
        is_path = isinstance(path_or_file, (str, os.PathLike))
        name = os.fspath(path_or_file) if is_path else getattr(path_or_file, "name", "?")
    deadline = time.monotonic() + settings.DOCUMENT_EXTRACTION_MAX_SECONDS
    collector = _TextCollector(settings.DOCUMENT_EXTRACTION_MAX_CHARS)
    try:
        with _binary_stream(path_or_file) as stream:
            if kind == "pdf":
                _pdf_text(stream, name, deadline, collector)
            elif kind == "docx":
                _zip_xml_text(stream, "word/document.xml", _DocxText, name, deadline, collector)
            elif kind == "odt":
                _zip_xml_text(stream, "content.xml", _OdtText, name, deadline, collector)
            else:
                collector.warn("Document %s has unsupported type %r; no text extracted.", name, kind)
    except _Stop:
        pass
    except Exception as error:  # noqa: BLE001  (a damaged upload must not break the caller)
        logger.warning("Document %s could not be read (%s: %s); no text extracted.", name, type(error).__name__, error)
        return ""
    if collector.truncated:
        collector.warn("Document %s holds more than %d characters; the rest was skipped.", name, collector.max_chars)
    text = collector.text().strip()
    if not text and not collector.warned:
        logger.warning("Document %s contains no readable text (a scan or only images?).", name)
    return text


def _reindex_pages_using(document):
    """Pages index the text of their documents; refresh them now that the text is known."""
    from wagtail.models import ReferenceIndex
    from wagtail.search import index

    for source, _references in ReferenceIndex.get_grouped_references_to(document):
        source = getattr(source, "specific", source)
        try:
            index.insert_or_update_object(source)
        except Exception:  # noqa: BLE001  (a search hiccup must not lose the extracted text)
            logger.exception("Could not reindex %r after reading document %s.", source, document.pk)


@task()
def extract_document_text(document_id):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return None
    name = f"{document.pk} ({document.filename})"
    text = ""
    try:
        with document.open_file() as stream:
            kind = detect_type(stream, document.filename)
            if kind is None:
                logger.warning("Document %s is not a PDF, DOCX or ODT file; no text extracted.", name)
            else:
                text = extract_text(stream, kind, name=name)
    except OSError as error:
        logger.warning("Document %s could not be opened: %s", name, error)
    state = Document.Extraction.DONE if text else Document.Extraction.EMPTY
    # Matching the hash drops the result if the file was replaced while we were reading.
    updated = Document.objects.filter(pk=document.pk, file_hash=document.file_hash).update(
        extracted_text=text, extraction=state
    )
    if updated:
        document.extracted_text, document.extraction = text, state
        _reindex_pages_using(document)
        # Site search re-indexes whatever uses this file (guides), after commit.
        document_text_changed.send(sender=type(document), document=document)
    return state.value if updated else None
