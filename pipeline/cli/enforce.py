"""`pressmt enforce` (being written)."""


def enforce_command() -> None:
    """Enforce a glossary on an existing translation."""
    raise NotImplementedError
