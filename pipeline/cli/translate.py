"""`pressmt translate` (being written)."""


def translate_command() -> None:
    """Translate documents."""
    raise NotImplementedError
