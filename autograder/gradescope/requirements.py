"""The bundle's ``requirements.txt``: what grading imports, pinned to this machine.

The list is not written by hand: a fresh interpreter imports every module the
bundle ships plus the libraries student code is expected to use, and the
distributions those imports came from (with everything they declare as
dependencies) are pinned to the versions installed here.  A grader module that
starts importing something new therefore ships with it, and jupyter/nbgrader
stay out because nothing the bundle ships imports them.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

# What student code imports; the grader itself may not need all of them.
STUDENT_LIBRARIES = ("numpy", "sympy", "matplotlib.pyplot")

# Modules already loaded when the interpreter starts (site hooks such as
# setuptools' distutils shim) are not the grader's doing and are left out.
_TRACE = """
import sys
before = set(sys.modules)
import importlib, json, os
os.environ["MPLBACKEND"] = "Agg"
sys.path.insert(0, {source!r})
for name in json.loads({modules!r}):
    importlib.import_module(name)
print(json.dumps(sorted({{m.partition(".")[0] for m in set(sys.modules) - before}})))
"""


def imported_top_levels(source: Path, modules: list[str]) -> list[str]:
    """Top-level module names loaded by importing ``modules`` from ``source``."""
    script = _TRACE.format(source=str(source), modules=json.dumps([*modules, *STUDENT_LIBRARIES]))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"importing the bundled grader failed:\n{done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def pinned(top_levels: list[str], exclude: set[str] = frozenset()) -> list[str]:
    """``name==version`` for the distributions providing ``top_levels``, closed over dependencies."""
    providers = metadata.packages_distributions()
    todo = [dist for name in top_levels for dist in providers.get(name, ())]
    found: dict[str, str] = {}
    environment = default_environment()
    while todo:
        name = _canonical(todo.pop())
        if name in found or name in exclude:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency that is not installed here
        found[name] = dist.version
        for line in dist.requires or ():
            requirement = Requirement(line)
            # Extras are never requested, so requirements guarded by them are skipped.
            if requirement.marker is None or requirement.marker.evaluate({**environment, "extra": ""}):
                todo.append(requirement.name)
    return [f"{name}=={version}" for name, version in sorted(found.items())]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def own_distribution() -> set[str]:
    """This project's own distribution name(s): shipped as source, never installed."""
    providers = metadata.packages_distributions()
    return {_canonical(d) for d in providers.get("autograder", ())}


# The Pythons a bundle supports.  Gradescope's default image (Ubuntu 22.04)
# has 3.10; the pins traced here are for this interpreter, and for each other
# version pip resolves the same distributions, none newer than tested here.
SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# Gradescope's images are x86-64 Linux with glibc 2.27 or later.
PLATFORMS = ("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_27_x86_64", "manylinux_2_28_x86_64")


def this_python() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def resolved_for(python: str, pins: list[str]) -> list[str]:
    return list(_resolved_for(python, tuple(pins)))


@functools.lru_cache(maxsize=None)
def _resolved_for(python: str, pins: tuple[str, ...]) -> tuple[str, ...]:
    """``pins`` (``name==version``) resolved for another Python: each
    distribution at the newest release not newer than the pinned one that has
    a wheel for that Python on Linux, with whatever it then depends on.
    Asks the package index (pip's own resolver, nothing installed)."""
    bounded = [pin.replace("==", "<=", 1) for pin in pins]
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
               "--only-binary=:all:", "--python-version", python, "--implementation", "cp",
               *[x for platform in PLATFORMS for x in ("--platform", platform)], "--report", "-", *bounded]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pip could not resolve the requirements for Python {python}:\n"
                           f"{done.stderr.strip()[-2000:]}")
    report = json.loads(done.stdout)
    found = {_canonical(item["metadata"]["name"]): item["metadata"]["version"] for item in report["install"]}
    return tuple(f"{name}=={version}" for name, version in sorted(found.items()))
