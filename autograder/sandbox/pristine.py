"""The modules the harness relies on, as they were before any student code ran.

A submission may replace ``numpy.asarray``, ``builtins.isinstance`` or
``os.write`` for its own purposes.  Its functions must keep seeing those
replacements, but the harness (decoding arguments, recording warnings,
encoding results, sending messages) must not.  ``ORIGINAL`` is taken when
the zygote starts; ``snapshot``/``restore`` swap whole module namespaces,
which costs microseconds.
"""

from __future__ import annotations

import base64
import builtins
import inspect
import json
import math
import os
import posixpath

import numpy

# Not `warnings`: recording warnings works by swapping its attributes during calls.
MODULES = (builtins, numpy, json, base64, math, os, posixpath, inspect)


def snapshot() -> list:
    return [(module, dict(module.__dict__)) for module in MODULES]


def restore(state: list) -> None:
    """Make each module's namespace hold exactly the saved bindings again.

    Assigns key by key rather than rebuilding, so it allocates almost
    nothing and still works right after a MemoryError.
    """
    for module, namespace in state:
        current = module.__dict__
        for key in [k for k in current if k not in namespace]:
            del current[key]
        for key, value in namespace.items():
            if current.get(key, _ABSENT) is not value:
                current[key] = value


_ABSENT = object()


ORIGINAL = snapshot()
