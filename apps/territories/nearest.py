"""Nearest point of a set, for many queries, exactly, without a spatial extension.

The points (places of one network) go into a grid of square cells in degrees, sized for the number of
points (about two per occupied cell). A query looks at its own cell, then at rings of cells around it,
and stops as soon as no cell of the next ring can hold a point closer than the best one found: a ring
`r` cells away is at least `(r - 1)` cells of latitude or of longitude away, and the great-circle
distance is bounded below by both (with a safety margin). Distances are the project's haversine
(`apps.core.geo_math.haversine_km`), so a brute-force scan gives the same numbers.

Pure Python: ~35,000 communes × 6 networks against a 100,000-place directory in about 10 s (bench/panorama.py).
"""

import math
from collections import defaultdict

from apps.core.geo_math import EARTH_RADIUS_KM, haversine_km

KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
SAFETY = 0.95  # lower bounds are shrunk by 5 %: the sine/arc and latitude approximations stay on the safe side
MAX_RINGS = 60  # past this many rings, the remaining points are scanned one by one


class NearestIndex:
    """A grid over points (lat, lon, ident): `nearest(lat, lon)` → (km, ident) or None when empty."""

    def __init__(self, points: list[tuple[float, float, object]], area_deg2: float = 150.0):
        self.points = points
        count = max(len(points), 1)
        # Metropolitan France spans about 10° × 15°: half a point per cell when spread evenly (places cluster
        # in towns, so occupied cells hold more); measured fastest in bench/panorama.py.
        self.cell = min(2.0, max(0.05, math.sqrt(area_deg2 / (2 * count))))
        # Each point also in radians with the cosine of its latitude: the inner loop compares the haversine's
        # `a` term (monotonic in the distance) without sqrt or asin.
        self.cells: dict[tuple[int, int], list[tuple]] = defaultdict(list)
        for lat, lon, ident in points:
            phi = math.radians(lat)
            self.cells[self._key(lat, lon)].append((phi, math.radians(lon), math.cos(phi), lat, lon, ident))

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor(lon / self.cell)

    def _ring(self, i: int, j: int, r: int):
        cells = self.cells
        if r == 0:
            found = cells.get((i, j))
            if found:
                yield found
            return
        for dj in range(-r, r + 1):
            for di in (-r, r):
                found = cells.get((i + di, j + dj))
                if found:
                    yield found
        for di in range(-r + 1, r):
            for dj in (-r, r):
                found = cells.get((i + di, j + dj))
                if found:
                    yield found

    def _ring_lower_bound_km(self, lat: float, r: int) -> float:
        """No point in ring r (or beyond) is closer than this to a query at latitude `lat`."""
        if r <= 1:
            return 0.0
        span = (r - 1) * self.cell
        widest = min(89.9, abs(lat) + (r + 1) * self.cell)
        per_lon = KM_PER_DEGREE * math.cos(math.radians(widest))
        return SAFETY * span * min(KM_PER_DEGREE, per_lon)

    def nearest(self, lat: float, lon: float) -> tuple[float, object] | None:
        if not self.points:
            return None
        i, j = self._key(lat, lon)
        phi, lam = math.radians(lat), math.radians(lon)
        cos_phi = math.cos(phi)
        sin, asin, sqrt = math.sin, math.asin, math.sqrt
        best_a, best = 2.0, None
        best_km = math.inf
        for r in range(MAX_RINGS + 1):
            if best is not None and self._ring_lower_bound_km(lat, r) > best_km:
                return haversine_km(lat, lon, best[3], best[4]), best[5]
            improved = False
            for bucket in self._ring(i, j, r):
                for point in bucket:
                    a = sin((point[0] - phi) / 2) ** 2 + cos_phi * point[2] * sin((point[1] - lam) / 2) ** 2
                    if a < best_a:
                        best_a, best, improved = a, point, True
            if improved:
                best_km = 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(best_a)))
        # Far from everything (an overseas commune, a network with few places): scan every point.
        best_km, best_ident = math.inf, None
        for plat, plon, ident in self.points:
            km = haversine_km(lat, lon, plat, plon)
            if km < best_km:
                best_km, best_ident = km, ident
        return best_km, best_ident


def nearest_brute_force(points: list[tuple[float, float, object]], lat: float, lon: float):
    """The reference the tests compare the grid with: every point, one by one."""
    best = None
    for plat, plon, ident in points:
        km = haversine_km(lat, lon, plat, plon)
        if best is None or km < best[0]:
            best = (km, ident)
    return best
