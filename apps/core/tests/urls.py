"""Views for the middleware tests: the database fails in a view, or only afterwards, in another middleware."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path


def remember(request):
    request.session["seen"] = True  # no query here: the session is written by SessionMiddleware, after the view
    return HttpResponse("ok")


def database_away(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [
    path("remember/", remember),
    path("api/away/", database_away),
    path("away/", database_away),
]
