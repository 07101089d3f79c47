"""Which isolation layers a sandbox puts around student code: one setting.

``$AUTOGRADER_ISOLATION`` (or ``Sandbox(isolation=...)``) takes:

=============  ==========  ========  =================  ===========
setting        Landlock    user      audit hook         network ns
=============  ==========  ========  =================  ===========
``auto``       if kernel   if root   if no Landlock     if root
``landlock``   yes         no        signals (ABI < 6)  if root
``user``       no          yes       no                 if root
``audit``      no          no        yes                if root
``no-netns``   if kernel   if root   if no Landlock     no
=============  ==========  ========  =================  ===========

``auto`` is for grading; the others leave out layers on purpose, so that
the tests can prove that each layer stops what it must on its own
(``tests/sandbox/test_sandbox_layers.py``).  ``landlock-N`` is ``landlock``
with the feature set of ABI version N, as an older kernel would give, and
``audit-hook`` is another name for ``audit``.  The choice is made here, in
the grader: the zygote receives ``layers(setting)`` and its children apply
what it says (``inside/child.py``).
"""

from __future__ import annotations

import os

VARIABLE = "AUTOGRADER_ISOLATION"
SETTINGS = ("auto", "landlock", "user", "audit", "no-netns")


def from_environment() -> str:
    value = os.environ.get(VARIABLE, "").strip() or "auto"
    check(value)
    return value


def check(setting: str) -> str:
    """The setting itself, or ValueError naming the ones there are."""
    if setting in SETTINGS or setting == "audit-hook" or (
            setting.startswith("landlock-") and setting[len("landlock-"):].isdigit()):
        return setting
    raise ValueError(f"unknown isolation {setting!r}: ${VARIABLE} takes one of {', '.join(SETTINGS)}")


def layers(setting: str) -> dict:
    """What to apply: ``netns``, ``landlock`` (False, True or a highest ABI),
    ``user`` (switch to the sandbox's account when root), ``audit``
    ("full", "fallback" when Landlock is unavailable, or "")."""
    if setting in ("audit", "audit-hook"):
        return {"netns": True, "landlock": False, "user": False, "audit": "full"}
    if setting == "user":
        return {"netns": True, "landlock": False, "user": True, "audit": ""}
    if setting.startswith("landlock"):
        cap = int(setting.split("-", 1)[1]) if "-" in setting else True
        return {"netns": True, "landlock": cap, "user": False, "audit": ""}
    return {"netns": setting != "no-netns", "landlock": True, "user": True, "audit": "fallback"}


def weaker_than_landlock(isolation: str) -> bool:
    """True for a report's isolation that had no Landlock (or is unknown)."""
    return not isolation.startswith("landlock")
