"""Keep memory a model freed for its next batch, instead of handing it back to the kernel.

CTranslate2 and torch allocate each batch's buffers afresh. glibc returns large freed blocks to the
kernel at once (blocks above its mmap threshold, and the heap's top above its trim threshold), so
the next batch faults the same pages in again: on 2 cores that was 2-4x the page faults of one
large `translate_batch` call and about 2 s of kernel time per 1,000 segments (bench/README.md,
"allocator"). Raising both thresholds keeps those blocks in the process for reuse; it costs a few
tens of MB of resident memory. A threshold the user set in the environment (MALLOC_MMAP_THRESHOLD_,
MALLOC_TRIM_THRESHOLD_) is left as it is, and other C libraries are left alone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from functools import cache

#: glibc's mallopt parameters (malloc.h) and the values set.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 64 << 20
TRIM_THRESHOLD = 256 << 20


@cache
def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds once per process; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # no glibc (musl has no mallopt)
        return False
    done = True
    for env, param, value in (("MALLOC_MMAP_THRESHOLD_", _M_MMAP_THRESHOLD, MMAP_THRESHOLD),
                              ("MALLOC_TRIM_THRESHOLD_", _M_TRIM_THRESHOLD, TRIM_THRESHOLD)):
        if env not in os.environ:
            done = bool(mallopt(param, value)) and done
    return done
