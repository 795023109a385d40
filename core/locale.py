from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Dutch unless the visitor picked another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language and mix
    an English interface into Dutch content; here only an explicit choice counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if "Cookie" not in response.get("Vary", ""):
            response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Cookie"]))
        translation.deactivate()
        return response
