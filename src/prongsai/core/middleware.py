"""Thai first, each request's digit style from a clean start, and X-Forwarded-Proto only from trusted proxies.

Thai first: the language is Thai unless the person chose English with the switch (a cookie).

Django's LocaleMiddleware would follow the browser's Accept-Language, which on many government PCs
and phones says English; the officer should not get a half-translated page by accident.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from prongsai.core import digits
from prongsai.core.addresses import is_trusted_proxy


class ThaiFirstLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The next request in this thread (or test) starts from where this one did.
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class DigitStyleMiddleware:
    """Every request starts in the default digit style (Thai) and leaves none behind (core/digits.py).

    The access helper that resolves the request's organisation switches to the organisation's style.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = digits.start()
        try:
            return self.get_response(request)
        finally:
            digits.finish(token)


class TrustedProxyMiddleware:
    """X-Forwarded-Proto is believed only from a proxy listed in PRONGSAI_TRUSTED_PROXIES.

    Django's SECURE_PROXY_SSL_HEADER believes the header from anyone; a client reaching the app
    directly could claim "https". Dropping the header from other peers first keeps request.is_secure()
    (HSTS, secure redirects) to what the trusted proxy saw.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "HTTP_X_FORWARDED_PROTO" in request.META and not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)
