"""The engine room has no import cycle: every module of every app imports alone, in any order, and the
import graph of the apps' modules (tests/import_graph.py) has no cycle."""

import random
import subprocess
import sys
import textwrap

import pytest

from tests.import_graph import ROOT, app_graph, app_modules, cycles, import_graph

SEEDS = [1, 2, 3]


def test_the_checker_finds_a_cycle_and_its_members():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_checker_reads_function_level_and_relative_imports(tmp_path):
    package = tmp_path / "apps" / "shop"
    package.mkdir(parents=True)
    (tmp_path / "apps" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "orders.py").write_text("from .stock import level\n")
    (package / "stock.py").write_text("def level():\n    from apps.shop import orders\n")
    graph = import_graph(tmp_path)
    assert graph["apps.shop.orders"] == {"apps.shop.stock"} and graph["apps.shop.stock"] == {"apps.shop.orders"}
    assert cycles(graph) == [["apps.shop.orders", "apps.shop.stock"]]


def test_no_module_of_the_apps_is_part_of_an_import_cycle():
    assert cycles(import_graph()) == []


def test_accounts_and_core_import_no_domain_app():
    """core is the bottom layer; its management commands (and the demo loading they run) are entry points
    that nothing imports, so they may call every app."""
    graph = import_graph()
    library = {module: deps for module, deps in graph.items() if not module.startswith("apps.core.management")}
    apps = app_graph(library)
    assert apps["apps.core"] == set()
    assert apps["apps.accounts"] <= {"apps.core"}


@pytest.mark.parametrize("seed", SEEDS)
def test_every_module_imports_in_any_order(seed):
    """In a fresh interpreter (imports are cached per process), after django.setup(), in a shuffled order."""
    names = sorted(app_modules())
    random.Random(seed).shuffle(names)
    script = textwrap.dedent(
        f"""
        import importlib, os, sys
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings")
        import django
        django.setup()
        for name in {names!r}:
            importlib.import_module(name)
        print(len(sys.modules))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
