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
# It makes a virtual environment from a Python 3.10 to 3.13 already on the
# image (on Gradescope's default image, Ubuntu 22.04, its python3: 3.10),
# holding only what grading needs, pinned for that Python
# (requirements/python3.X.txt); the grader itself stays as source code in
# /autograder/source and is never installed.  Older images (18.04, 20.04)
# have no such Python: it stops and says so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${AUTOGRADER_VENV:-%(venv)s}"

python=""
found=""
for candidate in python3 python3.13 python3.12 python3.11 python3.10; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  version="$("$candidate" -c 'import sys; print("%%d.%%d" %% sys.version_info[:2])' 2>/dev/null)" || continue
  found="$found $candidate ($version)"
  if [ -f "$here/requirements/python$version.txt" ]; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  supported="$(cd "$here/requirements" && ls python3.*.txt | sed 's/^python//; s/[.]txt$//' | tr '\\n' ' ')"
  echo "setup.sh: this autograder needs one of the Pythons $supported(found:${found:- none})." >&2
  echo "setup.sh: on Gradescope, choose the Ubuntu 22.04 base image (its python3 is 3.10) in the autograder settings." >&2
  exit 1
fi
echo "setup.sh: grading with $python ($version), requirements/python$version.txt"

# Debian and Ubuntu ship the venv module separately.
if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "python$version-venv" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
# A rehearsal may point pip at a cache of wheels; the image keeps none.
cache="--no-cache-dir"
if [ -n "${AUTOGRADER_PIP_CACHE:-}" ]; then cache="--cache-dir=$AUTOGRADER_PIP_CACHE"; fi
"$venv/bin/python" -m pip install -q "$cache" -r "$here/requirements/python$version.txt"
# Compiled once here, so each submission does not pay for it.
"$venv/bin/python" -m compileall -q "$here/autograder" "$here/solutions"
# The reference's answers, SymPy's gradients and the known mistakes' outputs
# on the hidden inputs, computed once here and read by every submission
# (inside the folder the sandbox hides).
(cd "$here" && AUTOGRADER_CACHE="$here/.cache" "$venv/bin/python" -m autograder.grade.warm %(assignment)s)
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
