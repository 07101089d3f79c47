"""Tools for the course's developers, kept out of the installed package.

Nothing here grades a submission: these programs measure the grader (the
mutation report behind ``python benchmarks/mutation.py``) and are run from
a checkout of the repository, never from an installed wheel or a Gradescope
bundle.
"""
