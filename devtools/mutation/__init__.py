"""Tests of the hidden tests: grade wrong versions of the reference and count what is caught.

``submission`` turns reference source (whole, or with one function swapped
for another implementation) into the files a student would hand in;
``mutants`` makes small wrong versions of the reference by editing its
syntax tree; ``run`` grades them through the real pipeline and reports the
survivors; ``equivalent`` lists the survivors that cannot be told apart
from the reference by any test.
"""
