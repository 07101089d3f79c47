"""``python -m autograder build``: student material generated from the reference.

The reference solutions in ``solutions/`` are written once.  From them and
the notebook templates in ``course/`` this package writes, deterministically:

- ``exercises/<module>.py``: stubs with the reference signatures and
  docstrings, bodies raising ``NotImplementedError``;
- ``source/<assignment>/<assignment>.ipynb``: nbgrader source notebooks whose
  answer cells hold the reference bodies inside solution regions;
- the student-facing self-check module next to both.

``materials.render(root)`` returns every generated file as text, so a drift
test can compare a fresh build with what is committed.
"""
