"""allauth's emails link to the public address (SITE_URL), not the host of the request that sent them, and
signup takes as long for a known address as for a new one."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.crypto import get_random_string

from core.siteurl import rebase, site_host_and_port


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        context = {
            key: rebase(value) if key.endswith("_url") and isinstance(value, str) and "://" in value else value
            for key, value in context.items()
        }
        context.setdefault(
            "current_site", SimpleNamespace(domain=site_host_and_port()[0], name=str(settings.WAGTAIL_SITE_NAME))
        )
        super().send_mail(template_prefix, email, context)

    def send_account_already_exists_mail(self, email):
        # A new signup hashes its password, which is most of its time; an address that already has an
        # account would answer much faster and so give itself away. Do the same work here.
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)
