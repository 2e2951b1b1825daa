"""drf-spectacular post-processing: document the error answers every operation can give."""

ERROR_RESPONSES = {
    "400": "Paramètre ou donnée invalide : le corps nomme chaque champ en erreur.",
    "403": "Authentification requise ou droits insuffisants.",
    "404": "Ressource introuvable, ou hors de votre périmètre.",
    "429": "Trop de requêtes : réessayez plus tard.",
}


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "Error",
        {
            "type": "object",
            "description": "Message d'erreur : `detail`, ou une liste de messages par champ.",
            "properties": {"detail": {"type": "string"}},
            "additionalProperties": True,
        },
    )
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": description, "content": reference})
    return result
