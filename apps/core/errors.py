"""The site's error handlers: JSON under /api/ (its clients parse JSON), the French HTML pages elsewhere."""

from django.http import JsonResponse
from django.views.defaults import page_not_found
from django.views.defaults import server_error as html_server_error


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Ressource introuvable."}, status=404)
    return page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Erreur interne du serveur : réessayez plus tard."}, status=500)
    return html_server_error(request)
