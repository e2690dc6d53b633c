"""`pressmt evaluate` (being written)."""


def evaluate_command() -> None:
    """Score translations."""
    raise NotImplementedError
