import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Page

from home.models import ContentPage, HomePage


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
    slug = factory.Sequence(lambda n: f"pagina-{n}")
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
