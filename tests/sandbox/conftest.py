"""A warm sandbox shared by the tests of one worker."""

from __future__ import annotations

import pytest
from sandbox_kit import FAST

from autograder.sandbox import Sandbox


@pytest.fixture(scope="session")
def sandbox():
    with Sandbox(limits=FAST) as sb:
        yield sb
