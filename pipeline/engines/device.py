"""Choosing the device a backend runs on, checked before any model loads or output is written."""

from __future__ import annotations

from pipeline.registry import check_choice
from pipeline.errors import PressMTError

#: The values of `--device`.
DEVICES = ("auto", "cpu", "cuda")


def _cuda_devices(backend: str) -> int:
    if backend == "ct2":
        import ctranslate2

        return ctranslate2.get_cuda_device_count()
    import torch

    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def resolve_device(device: str, backend: str) -> str:
    """`auto` becomes cuda when the backend sees a GPU, else cpu; `cuda` without one is an error
    (the libraries would otherwise fail deep inside model loading with a traceback)."""
    check_choice("--device", device, DEVICES, "device")
    if device == "cpu":
        return "cpu"
    has_cuda = _cuda_devices(backend) > 0
    if device == "cuda" and not has_cuda:
        raise PressMTError(f"--device cuda: no CUDA device is available to the {backend} backend "
                           "(use --device cpu or auto)")
    return "cuda" if has_cuda else "cpu"
