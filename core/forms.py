from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form on the site renders through the accessible field template."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
