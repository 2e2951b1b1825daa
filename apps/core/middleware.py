"""Fail cleanly when the database is away (restart, failover): a 503 the client can retry, never a stack trace.

Django opens a fresh connection on the next request (CONN_HEALTH_CHECKS), so the app recovers by itself.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Base de données indisponible : %s", exception)
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"detail": "Service momentanément indisponible, réessayez dans un instant."}, status=503
            )
        else:
            response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = "10"
        return response
