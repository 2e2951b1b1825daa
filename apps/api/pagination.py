from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from apps.core.bounds import MAX_OFFSET


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """Like DRF's, but a malformed `limit` or `offset` is a 400 naming the parameter, not silently ignored."""

    max_limit = 500

    def get_limit(self, request):
        self._check_integer(request, self.limit_query_param, minimum=1)
        return super().get_limit(request)

    def get_offset(self, request):
        self._check_integer(request, self.offset_query_param, minimum=0, maximum=MAX_OFFSET)
        return super().get_offset(request)

    @staticmethod
    def _check_integer(request, name: str, minimum: int, maximum: int | None = None) -> None:
        raw = request.query_params.get(name)
        if raw is None:
            return
        try:
            value = int(raw)
        except ValueError:
            raise ValidationError({name: [f"« {raw} » n'est pas un nombre entier."]}) from None
        if value < minimum:
            raise ValidationError({name: [f"Doit être supérieur ou égal à {minimum}."]})
        if maximum is not None and value > maximum:
            raise ValidationError({name: [f"Doit être inférieur ou égal à {maximum}."]})
