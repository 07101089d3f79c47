"""What the hidden tests compare with, and how they say what is wrong.

The hidden tests themselves are pytest tests (``autograder/hidden_tests/``,
run by ``grade/plugin.py``); this package is their library, all of it
trusted code that runs in the grader's process:

    expect.py        the assertions: expect, reference, answer, fail, note, inputs_unchanged
    compare.py       Expect: is a value right, and if not, why (in a beginner's words)
    diagnose.py      the usual slips behind a wrong number: a factor, a sign, a shape
    show.py          values and calls as feedback shows them
    tolerances.py    how close is right, and why
    inputs.py        seeded random inputs (each student's own, ``seeds.py``)
    callables.py     functions passed to student code (probes), built alike on both sides
    sympy_gradients.py, symbolic.py   right answers derived by SymPy
    mistakes/        the catalogue of known wrong implementations, named in feedback
    localise.py      where a wrong gradient is wrong
    fingerprint.py   digests of wrong answers, for the class report
    disk_cache.py    slow right answers kept between runs
"""
