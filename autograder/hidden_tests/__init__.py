"""The hidden tests: one pytest module per problem set, never released to students.

Each test is an ordinary pytest function taking the ``student`` fixture
(``grade/plugin.py``): ``student.f(...)`` runs the submission's ``f`` in the
sandbox and returns plain data, which the test compares with the helpers of
``checks/expect.py``.  ``@pytest.mark.points`` says what a test is worth;
the first line of its docstring is its title in the feedback; its name
begins with the exercise function it grades.  Tests of one function stay
together, cheap ones first, in the curriculum's order of functions.
"""
