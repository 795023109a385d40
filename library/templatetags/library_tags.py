from django import template

from library.models.pages import KIND_BY_MODEL, KIND_LABELS, KIND_MODELS

register = template.Library()

KIND_BY_CONTENT_TYPE = {model._meta.model_name: kind for kind, model in KIND_MODELS.items()}


@register.filter
def kind_label(item):
    """The material type, from the base page's content type, without loading the specific page."""
    kind = KIND_BY_MODEL.get(type(item).__name__) or KIND_BY_CONTENT_TYPE.get(item.content_type.model, "")
    return KIND_LABELS.get(kind, "")
