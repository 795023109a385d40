from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.documents import validate_upload
from core.images import validate_pixel_count
from core.taxonomy import Municipality, TargetGroup, Theme
from core.text import multiline_text, single_line

from .models.pages import STORY_BODY_MAX_CHARS, STORY_BODY_MAX_STORED, body_size
from .text import body_from_text

MAX_IMAGE_SIZE = 10 * 1024 * 1024


class StorySubmissionForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[single_line])
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=400,
        validators=[multiline_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén of twee zinnen: wie werkte samen, waar, en wat leverde het op?"),
    )
    body = forms.CharField(
        label=_("Het verhaal"),
        max_length=STORY_BODY_MAX_CHARS,
        validators=[multiline_text],
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Laat een witregel tussen alinea's. Hoogstens 30.000 tekens."),
    )
    organisation = forms.ModelChoiceField(label=_("Namens welke organisatie?"), queryset=None, empty_label=None)
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Doelgroepen"), queryset=TargetGroup.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.all(), required=False, empty_label=_("(geen gemeente)")
    )
    image = forms.ImageField(label=_("Foto"), required=False, help_text=_("JPG of PNG, hoogstens 10 MB."))
    image_alt = forms.CharField(
        label=_("Wat staat er op de foto?"),
        max_length=250,
        required=False,
        validators=[single_line],
        help_text=_("Voor wie de foto niet kan zien. Verplicht als u een foto meestuurt."),
    )
    attachment = forms.FileField(label=_("Bijlage"), required=False, help_text=_("PDF, DOCX of ODT."))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and image.size > MAX_IMAGE_SIZE:
            raise ValidationError(_("De foto is groter dan 10 MB."))
        if image:
            validate_pixel_count(*image.image.size)
        return image

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        if attachment:
            validate_upload(attachment)
            attachment.seek(0)
        return attachment

    def clean_body(self):
        body = self.cleaned_data["body"]
        if body_size(body_from_text(body)) > STORY_BODY_MAX_STORED:
            raise ValidationError(_("Dit verhaal is te lang. Maak het korter of verdeel het over meer verhalen."))
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("Beschrijf wat er op de foto staat."))
        return cleaned
