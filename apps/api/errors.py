from django.http import JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception=None):
    """JSON for the API (its clients parse JSON), the French HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Ressource introuvable."}, status=404)
    return page_not_found(request, exception)
