"""The grader's side of starting a zygote: the process, its folder, its log.

A zygote (``inside/zygote.py``, run as a script, never imported) gets a
private folder as its home and working directory, a clean environment, and
``-I``, so that nothing of the grader's (its ``sys.path``, its environment
variables) reaches it.  ``Sandbox`` talks to it over its standard input
and output; what it writes to standard error goes to the log, which
``Sandbox`` quotes when the zygote ends unexpectedly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ZYGOTE = Path(__file__).resolve().with_name("inside") / "zygote.py"
ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "MPLBACKEND": "Agg", "LANG": "C.UTF-8", "PATH": "/usr/local/bin:/usr/bin:/bin"}


def spawn(python: str):
    """Start a zygote in a private folder; returns the process, the folder and the log its errors go to."""
    root = tempfile.mkdtemp(prefix="sandbox-")
    os.chmod(root, 0o700)
    env = dict(ENVIRONMENT, HOME=root, MPLCONFIGDIR=os.path.join(root, ".matplotlib"), TMPDIR=root)
    log = open(os.path.join(root, "zygote.log"), "wb")
    os.chmod(log.name, 0o600)
    try:
        process = subprocess.Popen([python, "-I", str(ZYGOTE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=log, cwd=root, env=env, close_fds=True)
    except BaseException:
        log.close()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return process, root, log
