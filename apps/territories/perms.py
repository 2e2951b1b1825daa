"""Who may do what with the territories' panoramas, series and documents (one rule each, tested as a table).

- a panorama, its PDF, the coverage and the method: everyone (public);
- the documents of a territory (diagnostics, panoramas): the network — members of a structure, coordinators,
  the Région and the support team;
- adding a document version: the coordinators of that territory and the Région;
- importing series from outside: the Région.
"""

import rules

from apps.accounts.perms import is_region_admin, is_support_team
from apps.indicators.access import coordinated_territories, coordinates_territory


@rules.predicate
def has_membership(user):
    return user.is_authenticated and user.memberships.exists()


@rules.predicate
def coordinates_a_territory(user):
    return coordinated_territories(user).exists()


is_network = is_region_admin | is_support_team | has_membership | coordinates_a_territory

can_view_documents = is_network
can_add_document = is_region_admin | coordinates_territory
can_import_series = is_region_admin

rules.add_perm("territories.view_documents", can_view_documents)
rules.add_perm("territories.add_document", can_add_document)
rules.add_perm("territories.import_series", can_import_series)
