"""The site's one public address (settings.SITE_URL), used by every absolute link.

Emails, feeds, calendar files, the sitemap and print views are read away from the request that
made them, so their links never come from a request's host or from Wagtail's Site record.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path):
    """The public address of a path on this site ("/agenda/" -> "https://.../agenda/")."""
    if not path.startswith("/"):
        path = "/" + path
    return settings.SITE_URL + path


def rebase(url):
    """The same path, query and fragment, on the public address instead of whatever host `url` names."""
    bits = urlsplit(url)
    return absolute_url(urlunsplit(("", "", bits.path or "/", bits.query, bits.fragment)))


def site_host_and_port():
    bits = urlsplit(settings.SITE_URL)
    return bits.hostname, bits.port or (443 if bits.scheme == "https" else 80)


def sync_site_record(**kwargs):
    """Point Wagtail's default Site at SITE_URL, for whatever still reads the record (admin, previews)."""
    from wagtail.models import Site  # core.apps imports this module before models can be loaded

    hostname, port = site_host_and_port()
    Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port).update(hostname=hostname, port=port)
