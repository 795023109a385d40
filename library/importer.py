"""Import library material (stories, guides, playbooks) from JSON Lines, through core.importing.

One JSON object per line; see ``import_lines`` for the rules and the README for the format.
Every line is checked first and then imported in its own transaction, so a bad line is
reported and skipped without leaving half a page behind, and the good lines still go in.
Running the same file twice adds nothing: a page of the same kind with the same title
(ignoring case) under the library index counts as already present. Length limits are the
models'; the pages' own validation runs when they are saved.

Messages are in Dutch because the people running the import are Dutch editors.
"""

import datetime
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from core import importing
from core.documents import validate_upload
from core.importing import ImportRefused, RecordError, describe, max_length, too_long
from core.municipalities import find_municipality, unknown_municipality_error
from core.pagetree import parent_for
from core.taxonomy import Municipality, TargetGroup, Theme
from members.models import Organisation

from .blocks import PlaybookStepBlock
from .models import GuideDocument, GuidePage, LibraryIndexPage, PlaybookPage, StoryPage

KINDS = {"story": StoryPage, "guide": GuidePage, "playbook": PlaybookPage}
KIND_NAMES = {"story": _lazy("praktijkverhaal"), "guide": _lazy("handreiking"), "playbook": _lazy("draaiboek")}
ALLOWED_KEYS = {
    "kind",
    "title",
    "summary",
    "body",
    "themes",
    "target_groups",
    "tags",
    "municipality",
    "organisations",
    "published",
    "attachments",
    "steps",
}
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "odt")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Field lengths of the models, checked up front so a long value gets a clear message.
MAX_TITLE = max_length(StoryPage, "title")
MAX_SUMMARY = max_length(StoryPage, "summary")
MAX_VOCABULARY_NAME = max_length(Theme, "name")
MAX_TAG = max_length(Tag, "name")
MAX_STEP_TITLE = PlaybookStepBlock().child_blocks["title"].field.max_length
MAX_ORGANISATION_NAME = max_length(Organisation, "name")


@dataclass
class Attachment:
    path: Path
    name: str


@dataclass
class Spec:
    """A checked line, ready to be written."""

    kind: str
    title: str
    summary: str
    paragraphs: list
    themes: list
    target_groups: list
    tags: list
    municipality: str
    published: datetime.date | None
    attachments: list
    steps: list
    organisations: list


# --- Reading and checking a line -------------------------------------------------------------


def paragraphs_of(text):
    """Split plain text on blank lines; the lines inside a paragraph are joined with a space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text) if part.strip()]


def paragraphs_html(paragraphs):
    return "".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


def _text(data, key, errors, *, required=False, max_length=None, label=None):
    label = label or key
    value = data.get(key)
    if value is None:
        if required:
            errors.append(_("'%(label)s' ontbreekt") % {"label": label})
        return ""
    if not isinstance(value, str):
        errors.append(_("'%(label)s' moet tekst zijn") % {"label": label})
        return ""
    value = value.strip()
    if required and not value:
        errors.append(_("'%(label)s' is leeg") % {"label": label})
    elif max_length and len(value) > max_length:
        errors.append(too_long(label, len(value), max_length))
    return value


def _names(data, key, errors, max_length):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(_("'%(key)s' moet een lijst van namen zijn") % {"key": key})
        return []
    names = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            errors.append(_("'%(key)s' mag alleen niet-lege namen (tekst) bevatten") % {"key": key})
            return []
        name = " ".join(item.split())
        if len(name) > max_length:
            errors.append(
                _("naam in '%(key)s' is te lang: '%(start)s…' (hoogstens %(limit)d tekens)")
                % {"key": key, "start": name[:40], "limit": max_length}
            )
            return []
        if name.lower() not in {existing.lower() for existing in names}:
            names.append(name)
    return names


def _date(data, errors):
    value = data.get("published")
    if value is None:
        return None
    if not isinstance(value, str) or not DATE_PATTERN.match(value.strip()):
        errors.append(_("ongeldige datum %(value)r in 'published' (gebruik JJJJ-MM-DD)") % {"value": value})
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        errors.append(_("ongeldige datum %(value)r in 'published' (die dag bestaat niet)") % {"value": value})
        return None


def check_attachment(path, shown):
    """Return the reason a file cannot be attached, or None when it is fine."""
    extension = path.suffix.lstrip(".").lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        allowed = ", ".join(f".{ext}" for ext in ATTACHMENT_EXTENSIONS)
        return _("bijlage '%(file)s' heeft een niet-toegestaan bestandstype (toegestaan: %(allowed)s)") % {
            "file": shown,
            "allowed": allowed,
        }
    if not path.is_file():
        return _("bijlage '%(file)s' bestaat niet") % {"file": shown}
    with path.open("rb") as handle:
        try:
            validate_upload(File(handle, name=path.name))
        except ValidationError as error:
            return _("bijlage '%(file)s' is geweigerd: %(reason)s") % {
                "file": shown,
                "reason": " ".join(error.messages),
            }
    return None


def _attachments(data, kind, base_dir, errors):
    value = data.get("attachments")
    if value is None or value == []:
        # A guide without files is a web-page guide, the accessible form.
        return []
    if kind != "guide":
        errors.append(_("alleen handreikingen kunnen bijlagen hebben, een %(kind)s niet") % {"kind": KIND_NAMES[kind]})
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        errors.append(_("'attachments' moet een lijst van bestandsnamen zijn"))
        return []
    attachments = []
    for item in value:
        shown = item.strip()
        path = Path(base_dir) / shown
        reason = check_attachment(path, shown)
        if reason:
            errors.append(reason)
        else:
            attachments.append(Attachment(path=path, name=path.name))
    return attachments


def _steps(data, kind, errors):
    value = data.get("steps")
    if value is None or value == []:
        return []
    if kind != "playbook":
        errors.append(_("alleen draaiboeken hebben stappen, een %(kind)s niet") % {"kind": KIND_NAMES[kind]})
        return []
    if not isinstance(value, list):
        errors.append(_("'steps' moet een lijst zijn"))
        return []
    steps = []
    for number, step in enumerate(value, start=1):
        if not isinstance(step, dict):
            errors.append(_("stap %(number)d moet een object met 'title' en 'body' zijn") % {"number": number})
            continue
        unknown = sorted(set(step) - {"title", "body"})
        if unknown:
            errors.append(
                _("stap %(number)d heeft onbekende velden: %(fields)s")
                % {"number": number, "fields": ", ".join(unknown)}
            )
        step_errors = []
        title = _text(step, "title", step_errors, required=True, max_length=MAX_STEP_TITLE)
        body = _text(step, "body", step_errors, required=True)
        errors.extend(_("stap %(number)d: %(reason)s") % {"number": number, "reason": reason} for reason in step_errors)
        if not step_errors:
            steps.append((title, body))
    return steps


def _organisations(data, kind, errors):
    """Existing organisations, by name or slug; only stories name the organisations involved."""
    names = _names(data, "organisations", errors, MAX_ORGANISATION_NAME)
    if not names:
        return []
    if kind != "story":
        errors.append(_("'organisations' kan alleen bij een praktijkverhaal (story)"))
        return []
    found = []
    for name in names:
        organisation = (
            Organisation.objects.filter(slug=name).first() or Organisation.objects.filter(name__iexact=name).first()
        )
        if organisation is None:
            errors.append(
                _("onbekende organisatie %(name)r (voeg haar eerst toe in de beheeromgeving)") % {"name": name}
            )
        else:
            found.append(organisation)
    return found


def parse_line(text, base_dir):
    """Turn one line of JSON into a ``Spec``, or raise ``RecordError`` with every reason found."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(
            _("ongeldige JSON (bij teken %(position)d: %(reason)s)") % {"position": error.pos + 1, "reason": error.msg}
        ) from error
    if not isinstance(data, dict):
        raise RecordError(_("geen JSON-object ({...})"))

    kind = data.get("kind")
    if kind is None:
        raise RecordError(_("'kind' ontbreekt (story, guide of playbook)"))
    if kind not in KINDS:
        raise RecordError(_("onbekende soort %(kind)r (kies story, guide of playbook)") % {"kind": kind})

    errors = []
    unknown = sorted(set(data) - ALLOWED_KEYS)
    if unknown:
        errors.append(_("onbekende velden: %(fields)s") % {"fields": ", ".join(unknown)})
    title = _text(data, "title", errors, required=True, max_length=MAX_TITLE)
    summary = _text(data, "summary", errors, required=True, max_length=MAX_SUMMARY)
    body = _text(data, "body", errors)
    spec = Spec(
        kind=kind,
        title=" ".join(title.split()),
        summary=summary,
        paragraphs=paragraphs_of(body),
        themes=_names(data, "themes", errors, MAX_VOCABULARY_NAME),
        target_groups=_names(data, "target_groups", errors, MAX_VOCABULARY_NAME),
        tags=_names(data, "tags", errors, MAX_TAG),
        municipality=_municipality(data, errors),
        published=_date(data, errors),
        attachments=_attachments(data, kind, base_dir, errors),
        steps=_steps(data, kind, errors),
        organisations=_organisations(data, kind, errors),
    )
    if errors:
        raise RecordError(errors)
    return spec


def _municipality(data, errors):
    """The official name of the line's municipality, if any; only the shipped list counts."""
    value = " ".join(_text(data, "municipality", errors, max_length=MAX_VOCABULARY_NAME).split())
    if not value:
        return ""
    municipality = find_municipality(value)
    if municipality is None:
        errors.append(unknown_municipality_error(value))
        return value
    return municipality.name


# --- Writing ---------------------------------------------------------------------------------


def library_index():
    """The library index, created under the home page when there is none yet."""
    index = LibraryIndexPage.objects.first()
    if index is not None:
        return index
    home = parent_for(LibraryIndexPage)
    if home is None:
        raise ImportRefused(_("er is geen startpagina (HomePage) om de bibliotheek onder te zetten"))
    with transaction.atomic():
        index = LibraryIndexPage(title="Bibliotheek", slug="bibliotheek", show_in_menus=True)
        try:
            home.add_child(instance=index)
        except ValidationError as error:
            raise ImportRefused(
                _("de bibliotheek kon niet worden aangemaakt: %(reason)s") % {"reason": describe(error)}
            ) from error
        index.save_revision().publish()
    return index


def already_present(index, spec):
    return KINDS[spec.kind].objects.child_of(index).filter(title__iexact=spec.title).exists()


def build_page(spec):
    common = {"title": spec.title, "summary": spec.summary}
    if spec.published is not None:
        common["published"] = spec.published
    if spec.kind == "story":
        body = [{"type": "paragraph", "value": paragraphs_html([paragraph])} for paragraph in spec.paragraphs]
        return StoryPage(body=body, **common)
    if spec.kind == "guide":
        return GuidePage(summary_html=paragraphs_html(spec.paragraphs or [spec.summary]), **common)
    steps = [
        {
            "type": "step",
            "value": {"title": title, "goal": body, "meeting": "", "description": "", "homework": "", "materials": []},
        }
        for title, body in spec.steps
    ]
    return PlaybookPage(introduction=paragraphs_html(spec.paragraphs), steps=steps, **common)


def store_document(spec, attachment, stored_files):
    """Save one attachment as a document, checked by the document model itself."""
    Document = get_document_model()
    title = spec.title if len(spec.attachments) == 1 else f"{spec.title} ({attachment.name})"
    document = Document(title=title[:255])
    with attachment.path.open("rb") as handle:
        document.file = File(handle, name=attachment.name)
        try:
            document.full_clean()
        except ValidationError as error:
            raise RecordError(
                _("bijlage '%(file)s' is geweigerd: %(reason)s") % {"file": attachment.name, "reason": describe(error)}
            ) from error
        document.file_size = document.file.size
        document.file_hash = hash_filelike(handle)
        handle.seek(0)
        document.save()
    stored_files.append((document.file.storage, document.file.name))
    return document


def write(index, spec):
    """Create and publish the page for one checked line. Call inside a transaction."""
    stored_files = []
    try:
        page = build_page(spec)
        page.municipality = Municipality.objects.get(name=spec.municipality) if spec.municipality else None
        page.themes = [Theme.get_or_create_by_name(name) for name in spec.themes]
        page.target_groups = [TargetGroup.get_or_create_by_name(name) for name in spec.target_groups]
        page.tags.set(spec.tags)
        if spec.kind == "story":
            page.organisations = spec.organisations
        if spec.kind == "guide":
            page.documents = [
                GuideDocument(document=store_document(spec, attachment, stored_files))
                for attachment in spec.attachments
            ]
        index.add_child(instance=page)
        page.save_revision().publish()
    except BaseException:
        # The database rolls back; files already written to storage do not, so remove them.
        for storage, name in stored_files:
            storage.delete(name)
        raise
    return page


class LibraryImporter(importing.Importer):
    """The library index is looked up (or made) at the first good line, so a file of bad lines needs no home page."""

    def __init__(self, base_dir):
        self.base_dir = base_dir
        self.index = None

    def parse(self, line):
        spec = parse_line(line, self.base_dir)
        if self.index is None:  # outside the line's transaction, so that a failed line does not take it along
            self.index = library_index()
        return spec

    def already_present(self, spec):
        return already_present(self.index, spec)

    def write(self, spec):
        return write(self.index, spec)

    def label(self, spec):
        return _("%(kind)s '%(title)s'") % {"kind": KIND_NAMES[spec.kind], "title": spec.title}

    def entry(self, spec):
        return (spec.kind, spec.title)


def import_lines(lines, base_dir, on_progress=None):
    """Import every good line and report the rest; returns an ``ImportReport``.

    ``lines`` are strings (or bytes, read as UTF-8), numbered from 1; blank lines are ignored
    but still counted, so the numbers match what an editor shows. Attachment paths are
    relative to ``base_dir``. See ``core.importing.run`` for ``on_progress``.
    """
    return importing.run(LibraryImporter(base_dir), importing.read_lines(lines), on_progress=on_progress)


def import_file(path, on_progress=None):
    """Import a JSONL file; attachment paths are relative to the file's folder."""
    path = Path(path)
    with path.open("rb") as handle:
        return import_lines(handle, path.resolve().parent, on_progress=on_progress)
