"""Views for the middleware and error tests: the database fails in a view, or afterwards, or the view has a bug."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path


def remember(request):
    request.session["seen"] = True  # no query here: the session is written by SessionMiddleware, after the view
    return HttpResponse("ok")


def database_away(request):
    raise OperationalError("server closed the connection unexpectedly")


def broken(request):
    raise ZeroDivisionError("a bug")


urlpatterns = [
    path("api/broken/", broken),
    path("broken/", broken),
    path("remember/", remember),
    path("api/away/", database_away),
    path("away/", database_away),
]

handler500 = "apps.core.errors.server_error"
