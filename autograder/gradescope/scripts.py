"""The two shell scripts Gradescope runs: ``setup.sh`` once, ``run_autograder`` per submission.

Both honour ``AUTOGRADER_ROOT`` (default ``/autograder``) so that a test can
stand a temporary folder in for the container's root, and ``run_autograder``
honours ``AUTOGRADER_PYTHON`` so that it can grade with an interpreter that is
already set up instead of the one ``setup.sh`` installs.
"""

from __future__ import annotations

import shlex

# The virtual environment lives outside /autograder on purpose: the sandbox
# lets student code read the interpreter's files, and nothing of the grader's
# may sit beside them.
VENV = "/opt/course-venv"

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the grading image.
# It installs a Python >= 3.11 virtual environment holding only what grading
# needs (requirements.txt, pinned); the grader itself stays as source code in
# /autograder/source and is never installed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${AUTOGRADER_VENV:-%(venv)s}"

python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3.11 python3.11-venv
  python=python3.11
fi

# Debian and Ubuntu ship the venv module separately.
if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$(basename "$python")-venv" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --no-cache-dir --upgrade pip
"$venv/bin/python" -m pip install -q --no-cache-dir -r "$here/requirements.txt"
# Compiled once here, so each submission does not pay for it.
"$venv/bin/python" -m compileall -q "$here/autograder" "$here/solutions"
# The reference's answers, SymPy's gradients and the known mistakes' outputs
# on the hidden inputs, computed once here and read by every submission
# (inside the folder the sandbox hides).
(cd "$here" && AUTOGRADER_CACHE="$here/.cache" "$venv/bin/python" -m autograder.checks.warm %(assignment)s)
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission: it grades
# $AUTOGRADER_ROOT/submission/ and writes $AUTOGRADER_ROOT/results/results.json.
set -uo pipefail
root="${AUTOGRADER_ROOT:-/autograder}"
python="${AUTOGRADER_PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x "${AUTOGRADER_VENV:-%(venv)s}/bin/python" ]; then
    python="${AUTOGRADER_VENV:-%(venv)s}/bin/python"
  else
    python=python3
  fi
fi
cd "$root/source" || exit 1
export AUTOGRADER_CACHE="${AUTOGRADER_CACHE:-$root/source/.cache}"
"$python" -m autograder.gradescope.run --root "$root" %(arguments)s
status=$?
if [ ! -s "$root/results/results.json" ]; then
  # Python itself could not start the grader: still tell the student why nothing was graded.
  mkdir -p "$root/results"
  printf '%%s\\n' '{"score": 0, "max_score": 0, "execution_time": 0, "output": "The autograder could not start (exit status '"$status"'); this is not a mistake in your work. Your course staff can see why.", "tests": [{"name": "Autograder error", "score": 0, "max_score": 0, "status": "failed", "output": "The autograder could not start; this is not a mistake in your work.", "visibility": "visible"}]}' > "$root/results/results.json"
fi
exit "$status"
"""


def setup_sh(assignment: str) -> str:
    return SETUP_SH % {"venv": VENV, "assignment": shlex.quote(assignment)}


def run_autograder(assignment: str, visibility: str | list[str] = "visible") -> str:
    rules = [visibility] if isinstance(visibility, str) else list(visibility)
    arguments = " ".join(shlex.quote(a) for a in ("--assignment", assignment,
                                                    *[x for rule in rules for x in ("--visibility", rule)]))
    return RUN_AUTOGRADER % {"venv": VENV, "arguments": arguments}
