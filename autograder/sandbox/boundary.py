"""The grader's one way into ``inside/``: load its modules by file path.

The modules in ``inside/`` run next to student code, so the grader never
imports that folder as ``autograder.sandbox.inside`` (it would then be part
of the package student code must not reach, and could grow imports of it).
Those it shares (the codec, message framing and kinds, the probes) are
loaded here from their files under the private package name
``_sandbox_inside``; their relative imports resolve within the folder.
Loaded once per process, so ``codec.Probe`` is one class everywhere.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from pathlib import Path

INSIDE = Path(__file__).resolve().with_name("inside")
PACKAGE = "_sandbox_inside"
_lock = threading.Lock()


def load(name: str):
    """The module ``inside/<name>.py``."""
    with _lock:
        if PACKAGE not in sys.modules:
            spec = importlib.util.spec_from_file_location(PACKAGE, INSIDE / "__init__.py",
                                                          submodule_search_locations=[str(INSIDE)])
            package = importlib.util.module_from_spec(spec)
            sys.modules[PACKAGE] = package
            try:
                spec.loader.exec_module(package)
            except BaseException:
                del sys.modules[PACKAGE]
                raise
        return importlib.import_module(f"{PACKAGE}.{name}")
