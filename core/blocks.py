"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .images import ALT_REQUIRED


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Tussenkop")
        template = "blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Alinea")
        template = "blocks/paragraph_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        required=False,
        help_text=_("Beschrijf wat de afbeelding laat zien."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Alleen decoratief"),
        required=False,
        help_text=_("Aan als de afbeelding niets toevoegt aan de tekst; schermlezers slaan haar dan over."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "blocks/image_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(block_errors={"alt_text": ValidationError(ALT_REQUIRED)})
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    speaker = blocks.CharBlock(label=_("Naam"), max_length=120, required=False)
    role = blocks.CharBlock(label=_("Rol of functie"), max_length=120, required=False)
    organisation = blocks.CharBlock(label=_("Organisatie"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een webadres"), required=False)
    link_text = blocks.CharBlock(label=_("Linktekst"), max_length=80)

    class Meta:
        icon = "link"
        label = _("Verwijzing")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Kies een pagina of vul een webadres in."))}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
