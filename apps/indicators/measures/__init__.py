"""The indicators as plain functions over an `IndicatorFilter` (period + scope). Codes refer to the catalogue."""
