"""Fail cleanly when the database is away (restart, failover): a 503 the client can retry, never a stack trace.

Django opens a fresh connection on the next request (CONN_HEALTH_CHECKS), so the app recovers by itself.

Two ways a database error reaches us: raised by a view (or its template), through `process_exception`;
or raised by a middleware placed after this one, e.g. SessionMiddleware saving a modified session once
the view has answered. Django turns the latter into a 500 inside the middleware chain before it gets
here, so the error is noted on the request from the `got_request_exception` signal and the 500 swapped
for the 503.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
NOTED = "_spro_database_error"


def _note_database_error(sender, request=None, **kwargs):
    error = sys.exc_info()[1]  # the signal is sent while Django handles the exception
    if request is not None and isinstance(error, DATABASE_ERRORS):
        setattr(request, NOTED, error)


def unavailable(request, exception) -> HttpResponse:
    logger.error("Base de données indisponible : %s", exception)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "Service momentanément indisponible, réessayez dans un instant."}, status=503
        )
    else:
        # Rendered now and without the request: no context processor, nothing that could need the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "10"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_database_error, dispatch_uid="apps.core.database_unavailable")

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, NOTED, None)
        if error is not None and response.status_code == 500:
            return unavailable(request, error)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        return unavailable(request, exception)


class RejectNullCharactersMiddleware:
    """A NUL character in the query string is a 400, before any view.

    PostgreSQL refuses NUL in text values (a DataError, so a 500) and no one types one: forms
    already refuse it, but filters read from the query string (API lists) would reach the database.
    """

    MESSAGE = "Paramètre invalide : le caractère nul (0x00) n'est pas accepté."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": self.MESSAGE}, status=400)
            return HttpResponse(self.MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
