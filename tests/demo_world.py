"""The whole demo region (directory, rules, grid, governance, programme) for tests that walk it as its users."""


def load_demo_world() -> None:
    """What `load_demo` loads, in the caller's transaction: the caller rolls it back when done."""
    from apps.directory.services import load_demo_data, load_vocabularies
    from apps.feedback import demo as feedback_demo
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
    feedback_demo.load()
