from django.http import Http404
from wagtail import hooks

from .private_files import is_private, may_see


@hooks.register("before_serve_document")
def keep_private_submission_files_private(document, request):
    """A file of a submission that is not published yet is served only to the submitter and moderators."""
    if is_private(document) and not may_see(request.user, document):
        raise Http404
