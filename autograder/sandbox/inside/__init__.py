"""Everything here runs next to student code; it must assume its globals hostile.

The zygote (``zygote.py``, started by the grader as ``python -I zygote.py``)
loads these modules by path under the private name ``_sandbox``, forks a
child per submission (``supervisor.py``, ``child.py``) and a process per
exercise function (``calls.py``), and student code runs in those.  A
submission may replace any builtin, any module attribute, anything it can
reach in its own process: the modules here take what they need (``os``
functions, NumPy's ``asarray``) before student code runs, and the zygote,
which never runs student code, trusts nothing its children send beyond the
shape checked in ``supervisor.py``.

Nothing here imports ``autograder``, ``solutions`` or the hidden tests, nor
climbs out of this folder with a relative import; the grader side imports
none of it as a package (``tests/sandbox/test_sandbox_boundary.py`` checks
both).

Shared with the grader: the value codec (``codec.py``, with ``Probe``), the
probes' factories (``probes.py``), message framing (``frames.py``) and the
message kinds (``messages.py``).  Both sides must run the very same code,
and in the sandbox it runs next to student code, so it obeys this folder's
rules and lives here rather than in a shared folder with rules of its own
(or in two copies that could drift).  The grader loads these files by path
(``spec_from_file_location``, in ``autograder/sandbox/boundary.py``) under a
private package name, never as ``autograder.sandbox.inside``;
``autograder.sandbox.codec`` and ``autograder.sandbox.probes`` are the
modules loaded that way.  What only the grader does (answering stand-ins'
asks, choosing the isolation layers, sealing files against the sandbox's
account, starting the zygote) lives outside.
"""
