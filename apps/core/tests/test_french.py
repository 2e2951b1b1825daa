"""The French wording rules (apps/core/french.py), one table per rule, and their template filters."""

from datetime import date, datetime
from html import unescape

import pytest
from django.template import Context, Template

from apps.core import french


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Orléans", "d'Orléans"),
        ("Amboise", "d'Amboise"),
        ("Issoudun", "d'Issoudun"),
        ("Yzeures-sur-Creuse", "d'Yzeures-sur-Creuse"),
        ("Écueillé", "d'Écueillé"),
        ("Blois", "de Blois"),
        ("Tours", "de Tours"),
        ("Henrichemont", "de Henrichemont"),  # an H is never elided: aspirated or mute cannot be told
        ("Le Mans", "du Mans"),
        ("Les Montils", "des Montils"),
        ("La Châtre", "de La Châtre"),
        ("Cher", "du Cher"),
        ("Loir-et-Cher", "du Loir-et-Cher"),
        ("Loiret", "du Loiret"),
        ("Indre", "de l'Indre"),
        ("Eure-et-Loir", "d'Eure-et-Loir"),
        ("Indre-et-Loire", "d'Indre-et-Loire"),
        ("Corse-du-Sud", "de la Corse-du-Sud"),
        ("Bouches-du-Rhône", "des Bouches-du-Rhône"),
        ("Paris", "de Paris"),
        ("", ""),
    ],
)
def test_de_elides_and_contracts(name, expected):
    assert french.de(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Indre", "l'Indre"),
        ("Cher", "le Cher"),
        ("Loir-et-Cher", "le Loir-et-Cher"),
        ("Corse-du-Sud", "la Corse-du-Sud"),
        ("Hautes-Alpes", "les Hautes-Alpes"),
        ("Ain", "l'Ain"),
        ("Eure-et-Loir", "Eure-et-Loir"),
        ("Blois", "Blois"),
    ],
)
def test_article_before_a_departement(name, expected):
    assert french.article(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [("Blois", "à Blois"), ("Orléans", "à Orléans"), ("Le Mans", "au Mans"), ("Les Montils", "aux Montils")],
)
def test_a_contracts(name, expected):
    assert french.a(name) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("18 services à moins de 30 km de Orléans", "18 services à moins de 30 km d'Orléans"),
        ("Représentant·e de APEC", "Représentant·e d'APEC"),
        ("le Indre", "l'Indre"),
        ("la Agence", "l'Agence"),
        ("De Amboise", "D'Amboise"),
        ("parce que il", "parce qu'il"),
        ("de Blois", "de Blois"),
        ("de Hautes", "de Hautes"),
        ("décidé le 3 mars", "décidé le 3 mars"),
    ],
)
def test_elide_in_a_sentence(text, expected):
    assert french.elide(text) == expected


@pytest.mark.parametrize(
    "count, singular, plural, expected",
    [
        (0, "disponible", None, "0 disponible"),
        (1, "disponible", None, "1 disponible"),
        (2, "disponible", None, "2 disponibles"),
        (0, "place disponible", None, "0 place disponible"),
        (1, "place disponible", None, "1 place disponible"),
        (3, "place disponible", None, "3 places disponibles"),
        (0, "demande de frais", None, "0 demande de frais"),
        (2, "demande de frais", None, "2 demandes de frais"),
        (2, "lieu", None, "2 lieux"),
        (2, "bureau", None, "2 bureaux"),
        (2, "accueil régional", None, "2 accueils régionaux"),
        (2, "inscrit·e", None, "2 inscrit·es"),
        (2, "œil", "yeux", "2 yeux"),
        (1, "œil", "yeux", "1 œil"),
        (1200, "lieu", None, "1\u202f200 lieux"),
        (None, "réponse", None, "0 réponse"),
        (-1, "degré", None, "-1 degré"),
        (-2, "degré", None, "-2 degrés"),
    ],
)
def test_nombre_agrees_with_the_count(count, singular, plural, expected):
    assert french.nombre(count, singular, plural) == expected


@pytest.mark.parametrize(
    "names, expected",
    [([], ""), (["Manon"], "Manon"), (["Manon", "Bastien"], "Manon et Bastien"), (["A", "B", "C"], "A, B et C")],
)
def test_liste(names, expected):
    assert french.liste(names) == expected


@pytest.mark.parametrize(
    "value, fmt, expected",
    [
        (date(2027, 1, 1), "j F Y", "1er janvier 2027"),
        (date(2026, 11, 26), "j F Y", "26 novembre 2026"),
        (date(2026, 12, 1), "l j F Y", "mardi 1er décembre 2026"),
        (date(2026, 12, 2), "l j F Y", "mercredi 2 décembre 2026"),
        (datetime(2027, 3, 1, 9, 30), "j F Y à H:i", "1er mars 2027 à 09:30"),
        (date(2027, 1, 1), "d/m/Y", "01/01/2027"),
        (None, "j F Y", ""),
    ],
)
def test_date_fr_writes_the_first_of_the_month_1er(value, fmt, expected):
    assert french.date_fr(value, fmt) == expected


@pytest.mark.parametrize(
    "source, context, expected",
    [
        ("{{ name|de }}", {"name": "Orléans"}, "d'Orléans"),
        ("{{ name|article }}", {"name": "Indre"}, "l'Indre"),
        ("{{ name|a }}", {"name": "Le Mans"}, "au Mans"),
        ('{{ n|nombre:"place disponible" }}', {"n": 0}, "0 place disponible"),
        ('{{ n|nombre:"lieu|lieux" }}', {"n": 4}, "4 lieux"),
        ('{{ n|accord:"disponible" }}', {"n": 3}, "disponibles"),
        ("{{ d|date_fr }}", {"d": date(2026, 1, 1)}, "1er janvier 2026"),
        ('{{ d|date_fr:"l j F" }}', {"d": date(2026, 1, 1)}, "jeudi 1er janvier"),
        ("{{ names|liste }}", {"names": ["Manon", "Bastien"]}, "Manon et Bastien"),
    ],
)
def test_filters_are_builtins(source, context, expected):
    assert unescape(Template(source).render(Context(context))) == expected


@pytest.mark.parametrize(
    "source, n, expected",
    [
        ("{{ n }} disponible{{ n|pluralize }}", 0, "0 disponible"),
        ("{{ n }} disponible{{ n|pluralize }}", 1, "1 disponible"),
        ("{{ n }} disponible{{ n|pluralize }}", 2, "2 disponibles"),
        ('{{ n }} lieu{{ n|pluralize:"x" }}', 0, "0 lieu"),
        ('{{ n }} lieu{{ n|pluralize:"x" }}', 5, "5 lieux"),
        ('{{ n }} cheva{{ n|pluralize:"l,ux" }}', 3, "3 chevaux"),
        ("{{ n|length }} inscrit·e{{ n|pluralize }}", [], "0 inscrit·e"),
        ("{{ n|length }} inscrit·e{{ n|pluralize }}", [1, 2], "2 inscrit·es"),
    ],
)
def test_pluralize_follows_the_french_rule_everywhere(source, n, expected):
    assert Template(source).render(Context({"n": n})) == expected
