"""Failures by test: students grouped by the shape of their message, messages whole."""

import csv
import re

from hypothesis import given, settings, strategies as st

from autograder.report.build import write_report
from autograder.report.by_test import failures_by_test
from autograder.results.record import load_records

from course_records import t, write_record

A = "ps2_gradient_descent"
GD, MIN = "gradient_descent.gradient_descent", "gradient_descent.minimize"
LONG = ("Called: minimize(df, 4, 0.01, 1e-05)\n" + "\n".join(f"  step {i}: x = {4 - i * 0.01:.4f}" for i in range(40))
        + "\nfix gradient_descent first: minimize calls it.")


def _failures(course):
    return failures_by_test(load_records(course, A), [GD, MIN])


def test_each_failing_test_lists_its_shapes_with_their_students(course):
    failures = _failures(course)
    assert [(f.exercise, f.test) for f in failures] == [(GD, "array x0"), (MIN, "published figure"), (MIN, "stops")]
    figure = failures[1]
    assert (figure.graded, figure.not_attempted, figure.failed) == (5, 1, 3)
    # carol's steps=41 and frank's steps=40 are one shape; dave's timeout another
    assert [(s.students, "steps=#" in s.pattern) for s in figure.shapes] == [(["carol", "frank"], True),
                                                                            (["dave"], False)]
    assert figure.shapes[0].example.startswith("minimize(df, 4, 0.01, 1e-05) returned steps=41")
    assert all("bob" not in s.students for f in failures for s in f.shapes)     # the stub is only counted


def test_a_long_message_is_shown_whole_on_the_page(course, tmp_path):
    for student in ("gina", "hal"):
        write_record(course, student, A, [t("gradient_descent", "iterates", 2, 2, "passed"),
                                          t("minimize", "stops", 0, 1, "incorrect", LONG.replace("4 -", "5 -"))])
    html = write_report(course, A, tmp_path / "out")[0].read_text()
    section = html.split('id="by-test"', 1)[1].split('<h2 id="messages"', 1)[0]
    assert "fix gradient_descent first: minimize calls it." in section
    assert section.count("step 39: x =") == 1                       # one example per shape, in full
    assert re.search(r"<b>2 students</b>:\s*gina, hal", section)
    assert "max-height" not in re.search(r"pre\.message \{[^}]*\}", html).group(0)
    assert 'class="scroll"' not in html.split('id="messages"', 1)[1].split('id="mistakes"', 1)[0]
    with (tmp_path / "out" / "failures.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    theirs = next(row for row in rows if row["student_ids"] == "gina hal")
    assert (theirs["exercise"], theirs["test"], theirs["students"]) == (MIN, "stops", "2")
    assert theirs["example"].endswith("minimize calls it.")


def test_no_failures_no_section_entries(tmp_path):
    write_record(tmp_path, "alice", A, [t("gradient_descent", "iterates", 2, 2, "passed")])
    assert _failures(tmp_path) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["iterates", "array x0"]), st.floats(-1e6, 1e6, allow_nan=False),
                          st.booleans()), min_size=1, max_size=12))
def test_numbers_alone_never_split_a_group(tmp_path_factory, attempts):
    """Students whose messages differ only in numbers share one group; a
    different sentence makes a different group; everyone failing is listed once."""
    course = tmp_path_factory.mktemp("class")
    for n, (title, value, extra) in enumerate(attempts):
        message = f"gradient_descent returned {value!r}, expected 3.0" + ("\nfix df first." if extra else "")
        write_record(course, f"s{n:02d}", A, [t("gradient_descent", title, 0, 1, "incorrect", message)])
    failures = failures_by_test(load_records(course, A), [GD])
    for entry in failures:
        wanted = {bool(extra) for title, _, extra in attempts if title == entry.test}
        assert len(entry.shapes) == len(wanted)
        assert entry.failed == sum(1 for title, *_ in attempts if title == entry.test)
    assert sum(f.failed for f in failures) == len(attempts)
