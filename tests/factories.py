import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail.models import Page

from home.models import ContentPage, HomePage
from library.models import GuidePage, LibraryIndexPage, PlaybookPage, StoryPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")
    first_name = "Sanne"
    last_name = factory.Sequence(lambda n: f"Jansen {n}")
    password = factory.PostGenerationMethodCall("set_password", "een-sterk-wachtwoord")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=extracted is not False, primary=True)


class PageFactory(factory.Factory):
    """Creates a page under `parent` through Wagtail's tree API and publishes it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttributeSequence(lambda page, n: f"{slugify(page.title)[:40]}-{n}")
    live = True

    @classmethod
    def _create(cls, model_class, parent=None, publish=True, **kwargs):
        parent = parent or HomePage.objects.first() or Page.get_first_root_node()
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        return page


class ContentPageFactory(PageFactory):
    class Meta:
        model = ContentPage

    summary = "Een korte samenvatting."
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Tekst over samenwerking tegen armoede.</p>"}]
    )


class LibraryPageFactory(PageFactory):
    """Material under the library index, created if needed. Pass themes=[...], target_groups=[...], tags=[...]."""

    class Meta:
        abstract = True

    summary = factory.Sequence(lambda n: f"Samenvatting van materiaal {n}.")

    @classmethod
    def _create(cls, model_class, parent=None, themes=(), target_groups=(), tags=(), publish=True, **kwargs):
        if parent is None:
            parent = LibraryIndexPage.objects.first()
            if parent is None:
                home = HomePage.objects.first()
                parent = home.add_child(instance=LibraryIndexPage(title="Bibliotheek", slug="bibliotheek"))
                parent.save_revision().publish()
        page = model_class(**kwargs)
        page.themes = list(themes)
        page.target_groups = list(target_groups)
        page.tags.set(list(tags))
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        else:
            type(page).objects.filter(pk=page.pk).update(live=False)
        return page


class StoryPageFactory(LibraryPageFactory):
    class Meta:
        model = StoryPage

    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Zo werkten we samen.</p>"}])


class GuidePageFactory(LibraryPageFactory):
    class Meta:
        model = GuidePage

    summary_html = "<p>De kern van de handreiking.</p>"


class PlaybookPageFactory(LibraryPageFactory):
    class Meta:
        model = PlaybookPage

    steps = factory.LazyFunction(
        lambda: [
            {
                "type": "step",
                "value": {
                    "title": "Verkennen",
                    "goal": "Elkaar leren kennen.",
                    "meeting": "Startbijeenkomst",
                    "description": "",
                    "homework": "Maak een lijst.",
                    "materials": [],
                },
            },
            {
                "type": "step",
                "value": {
                    "title": "Afspreken",
                    "goal": "Wie doet wat.",
                    "meeting": "",
                    "description": "",
                    "homework": "",
                    "materials": [],
                },
            },
        ]
    )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Theme"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Thema {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.TargetGroup"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Doelgroep {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Municipality"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
