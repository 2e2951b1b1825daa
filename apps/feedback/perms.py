"""Who runs the consultations of the public: the region admin everywhere, a coordinator in their territory."""

import rules

from apps.accounts.perms import is_region_admin
from apps.network.perms import coordinates, is_any_coordinator

can_list_consultations = is_region_admin | is_any_coordinator
can_manage_consultation = is_region_admin | coordinates  # object: a Consultation or a Territory

rules.add_perm("feedback.list_consultations", can_list_consultations)
rules.add_perm("feedback.manage_consultation", can_manage_consultation)
