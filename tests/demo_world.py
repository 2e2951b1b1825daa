"""The whole demo region (directory, rules, grid, governance, programme) for tests that walk it as its users."""


def load_demo_world() -> None:
    """What `load_demo` loads, in the caller's transaction: the caller rolls it back when done."""
    from apps.directory.services import load_demo_data, load_vocabularies
    from apps.geo.services import load_reference_geography, load_territories
    from apps.network import demo as network_demo
    from apps.orientation.grid import load_default_grid
    from apps.orientation.routing import load_default_rules
    from apps.programme import demo as programme_demo

    load_reference_geography(["18", "28", "36", "37", "41", "45"])
    load_territories()
    load_vocabularies()
    load_default_rules()
    load_default_grid()
    load_demo_data()
    network_demo.load()
    programme_demo.load()
    _load_training_offer()


def _load_training_offer() -> None:
    """Jobs, funding schemes and a small generated LHEO feed, imported through the real import path."""
    import tempfile
    from pathlib import Path

    from django.utils import timezone

    from apps.training import services as training_services
    from apps.training.demo import write_demo_feed

    training_services.load_rome()
    training_services.load_funding_schemes()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "offre.xml"
        write_demo_feed(path, trainings=60, start=timezone.localdate())
        training_services.import_offer(path)
