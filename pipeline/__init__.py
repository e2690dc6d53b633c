"""pressmt: translate Russian press releases into English and Kazakh with enforced glossaries."""

__version__ = "0.1.0"
