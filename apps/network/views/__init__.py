"""Views of the governance, one module per sub-domain."""
