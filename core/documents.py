"""Checking uploaded documents and reading the plain text inside them (for search)."""

import logging
import os
import time
import zipfile
from contextlib import contextmanager

import docx
import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.dispatch import Signal
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from docx.oxml.ns import qn
from odf.opendocument import load as load_opendocument
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
# A real DOCX or ODT unpacks to a few MB; anything bigger is a zip bomb or not worth reading.
MAX_ZIP_MEMBER_BYTES = 50 * 1024 * 1024

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


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
    # filetype reads the first 8 kB: the PDF signature, or the first names in a zip archive.
    kind = filetype.guess_extension(stream)
    return kind if kind in KIND_LABELS else None


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
        except Exception as error:  # noqa: BLE001  (one broken page must not stop the others)
            collector.warn("Page %d of document %s could not be read: %s", number + 1, name, error)
            continue
        collector.paragraph_break()
        collector.add(text.strip())


def _check_unpacked_size(stream, name, collector):
    """Refuse an archive that unpacks to more than allowed, before a library unpacks it into memory.

    Both libraries read every member whole; zipfile never returns more than the size the directory
    declares (a lie ends in a CRC error), so the declared sizes bound the memory used.
    """
    with zipfile.ZipFile(stream) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    stream.seek(0)
    if unpacked > MAX_ZIP_MEMBER_BYTES:
        collector.warn(
            "Document %s unpacks to %d bytes, more than the %d allowed; not read.",
            name,
            unpacked,
            MAX_ZIP_MEMBER_BYTES,
        )
        return False
    return True


def _check_deadline(deadline, name, collector):
    if time.monotonic() >= deadline:
        collector.warn("Reading document %s took too long; stopped early.", name)
        raise _Stop


def _docx_text(stream, name, deadline, collector):
    document = docx.Document(stream)
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    skipped = {fallback, qn("w:txbxContent")}
    for paragraph in document.element.body.iter(qn("w:p")):
        _check_deadline(deadline, name, collector)
        # The fallback repeats a text box that mc:Choice already holds.
        if any(ancestor.tag == fallback for ancestor in paragraph.iterancestors()):
            continue
        collector.paragraph_break()
        for run in paragraph.iter(qn("w:r")):
            # Runs of a nested paragraph (a text box) are read as that paragraph.
            owner = next(run.iterancestors(qn("w:p"), *skipped))
            if owner is paragraph:
                # python-docx's run text: w:t, tabs and breaks; never deleted text or field codes.
                collector.add(run.text)
        collector.paragraph_break()


ODT_PARAGRAPHS = frozenset({(TEXT, "p"), (TEXT, "h")})
ODT_SKIPPED = frozenset({(OFFICE, "annotation"), (TEXT, "tracked-changes"), (TEXT, "note-citation")})


def _odt_text(stream, name, deadline, collector):
    document = load_opendocument(stream)

    def walk(node, in_paragraph):
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                if in_paragraph:
                    collector.add(child.data)
                continue
            if child.nodeType != child.ELEMENT_NODE or child.qname in ODT_SKIPPED:
                continue
            if child.qname in ODT_PARAGRAPHS:
                _check_deadline(deadline, name, collector)
                collector.paragraph_break()
                walk(child, True)
                collector.paragraph_break()
            elif in_paragraph and child.qname == (TEXT, "s"):
                # The count comes from the file; a huge one would only waste memory.
                count = child.attributes.get((TEXT, "c"), "1")
                collector.add(" " * max(1, min(int(count) if count.isdigit() else 1, 40)))
            elif in_paragraph and child.qname == (TEXT, "tab"):
                collector.add("\t")
            elif in_paragraph and child.qname == (TEXT, "line-break"):
                collector.add("\n")
            else:
                walk(child, in_paragraph)

    _check_deadline(deadline, name, collector)
    walk(document.text, False)


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
            elif kind in ("docx", "odt") and _check_unpacked_size(stream, name, collector):
                _check_deadline(deadline, name, collector)
                (_docx_text if kind == "docx" else _odt_text)(stream, name, deadline, collector)
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
        except Exception:  # a search hiccup must not lose the extracted text
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
