from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Pagina"))
    text = blocks.TextBlock(
        label=_("Tekst"),
        required=False,
        help_text=_("Laat leeg om de samenvatting van de pagina te tonen."),
    )

    class Meta:
        icon = "pick"
        label = _("Uitgelichte pagina")
        template = "blocks/featured_page_block.html"
