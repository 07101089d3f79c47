import sys
from pathlib import Path

# The throwaway-course kit lives with the batch tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))
