"""The suggestion tests grade the synthetic class of tests/report/classwise_kit.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
