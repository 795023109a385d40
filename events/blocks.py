from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BodyBlock


class ProgrammeItemBlock(blocks.StructBlock):
    """One part of the programme: a time, what happens and who leads it."""

    time = blocks.TimeBlock(label=_("Tijd"), format="%H:%M")
    end_time = blocks.TimeBlock(label=_("Tot"), required=False, format="%H:%M")
    title = blocks.CharBlock(label=_("Onderdeel"), max_length=160)
    description = blocks.TextBlock(label=_("Toelichting"), required=False)
    speaker = blocks.CharBlock(label=_("Door"), max_length=160, required=False)

    class Meta:
        icon = "time"
        label = _("Programmaonderdeel")
        template = "blocks/programme_item_block.html"


class ProgrammeBlock(BodyBlock):
    programme_item = ProgrammeItemBlock()
