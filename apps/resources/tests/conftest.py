"""The personas of professionalisation's tests, reused for the mallette."""

from apps.skills.tests.conftest import (  # noqa: F401  (fixtures)
    as_role,
    coordination,
    fast_settings,
    frameworks,
    loir_et_cher,
    ml_blaisois,
    personas,
)
