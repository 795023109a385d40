"""The newsletter as an email: plain text plus HTML, in Dutch, with one-click unsubscribe headers."""

import html

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from core.siteurl import absolute_url, rebase
from core.text import one_line
from follows.models import NewsKind
from follows.unsubscribe import list_unsubscribe_headers
from follows.unsubscribe import unsubscribe_url as follows_unsubscribe_url


def unsubscribe_url(*, user=None, subscription=None):
    """A member stops the newsletter only; a guest's link erases their subscription."""
    if user is not None:
        return follows_unsubscribe_url(user=user, kind=NewsKind.NEWSLETTER)
    return follows_unsubscribe_url(subscription=subscription)


def items(newsletter):
    pages = [item.page.specific for item in newsletter.items.select_related("page").order_by("sort_order")]
    return [{"page": page, "url": rebase(page.get_full_url() or page.url or "/")} for page in pages if page.live]


def context(newsletter, *, user=None, subscription=None):
    unsubscribe = unsubscribe_url(user=user, subscription=subscription) if (user or subscription) else ""
    return {
        "newsletter": newsletter,
        "intro_text": html.unescape(strip_tags(expand_db_html(newsletter.intro).replace("</p>", "</p>\n"))).strip(),
        "items": items(newsletter),
        "unsubscribe_url": unsubscribe,
        # Members change their email choices in their account; guests have only their subscription.
        "settings_url": absolute_url(reverse("members:account")) if user or not subscription else unsubscribe,
        "site_url": settings.SITE_URL,
    }


def render(newsletter, **recipient):
    """(subject, text, html) as the recipient will see them."""
    with translation.override(settings.LANGUAGE_CODE):
        data = context(newsletter, **recipient)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + one_line(newsletter.subject)
        return (
            subject,
            render_to_string("newsletters/email/newsletter.txt", data),
            render_to_string("newsletters/email/newsletter.html", data),
        )


def message(newsletter, email, *, user=None, subscription=None, test=False):
    subject, text, html = render(newsletter, user=user, subscription=subscription)
    headers = {}
    if user or subscription:
        headers = list_unsubscribe_headers(unsubscribe_url(user=user, subscription=subscription))
    if test:
        subject = f"[TEST] {subject}"
    mail = EmailMultiAlternatives(subject, text, None, [email], headers=headers)
    mail.attach_alternative(html, "text/html")
    return mail
