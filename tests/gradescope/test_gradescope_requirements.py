"""Pinning what the bundle needs: distributions behind imports, closed over their dependencies."""

from __future__ import annotations

from importlib import metadata

from autograder.gradescope.requirements import own_distribution, pinned


def test_a_library_brings_its_dependencies_pinned_to_the_installed_versions():
    pins = dict(line.split("==") for line in pinned(["sympy", "matplotlib"]))
    assert pins["sympy"] == metadata.version("sympy")
    assert pins["mpmath"] == metadata.version("mpmath")        # sympy's dependency
    assert pins["numpy"] == metadata.version("numpy")          # matplotlib's dependency
    assert list(pins) == sorted(pins)


def test_stdlib_modules_and_excluded_distributions_are_not_pinned():
    pins = pinned(["json", "os", "autograder", "numpy"], exclude=own_distribution())
    assert pins == [f"numpy=={metadata.version('numpy')}"]


def test_extras_only_dependencies_stay_out():
    # jsonschema's format checkers are installed here (Jupyter asks for them) but sit behind extras.
    names = {line.split("==")[0] for line in pinned(["jsonschema"])}
    assert "jsonschema" in names and "attrs" in names
    assert not {"fqdn", "isoduration", "webcolors", "uri-template"} & names
