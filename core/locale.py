from django.conf import settings
from django.utils import translation


def chosen_language(request):
    """The language picked with the language switch, else the site's language."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Dutch unless the visitor picked another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language and mix
    an English interface into Dutch content; here only an explicit choice counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if "Cookie" not in response.get("Vary", ""):
            response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Cookie"]))
        translation.deactivate()
        return response
