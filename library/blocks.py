from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import BodyBlock


class TipsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120, default="Tips")
    tips = blocks.ListBlock(blocks.CharBlock(label=_("Tip"), max_length=300), label=_("Tips"))

    class Meta:
        icon = "help"
        label = _("Tips")
        template = "blocks/tips_block.html"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Getal"), max_length=20, help_text=_("Bijvoorbeeld 158 of 5 tot 7 jaar."))
    label = blocks.CharBlock(label=_("Omschrijving"), max_length=160)


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Kerncijfers"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Kerncijfers")
        template = "blocks/key_figures_block.html"


class StoryBodyBlock(BodyBlock):
    tips = TipsBlock()
    key_figures = KeyFiguresBlock()


class DocumentMaterialBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Titel"), max_length=160, required=False)


class LinkMaterialBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Webadres"))
    title = blocks.CharBlock(label=_("Titel"), max_length=160)


class MaterialsBlock(blocks.StreamBlock):
    document = DocumentMaterialBlock(label=_("Document"))
    link = LinkMaterialBlock(label=_("Link"))
    video = LinkMaterialBlock(label=_("Video"))

    class Meta:
        required = False


class PlaybookStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    goal = blocks.TextBlock(label=_("Doel"))
    meeting = blocks.CharBlock(
        label=_("Bijeenkomst"),
        max_length=160,
        required=False,
        help_text=_("De bijeenkomst waar deze stap bij hoort, met de werkvorm."),
    )
    description = blocks.RichTextBlock(
        label=_("Uitleg"), required=False, features=["bold", "italic", "link", "ol", "ul"]
    )
    homework = blocks.TextBlock(label=_("Huiswerk"), required=False)
    materials = MaterialsBlock(label=_("Materialen"))

    class Meta:
        icon = "list-ol"
        label = _("Stap")
