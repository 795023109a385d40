"""allauth's emails link to the public address (SITE_URL), not the host of the request that sent them."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

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
