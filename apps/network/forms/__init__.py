"""Forms of the governance pages, by sub-domain."""
