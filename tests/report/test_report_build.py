"""The class report's numbers, CSV files and HTML page, from synthetic records."""

import base64
import csv
import io
import re

from matplotlib.image import imread

from autograder.cli import main
from autograder.report.build import write_report

from course_records import stub, t, write_record

A = "ps2_gradient_descent"
GD, MIN = "gradient_descent.gradient_descent", "gradient_descent.minimize"


def rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def by(rows_, key):
    return {r[key]: r for r in rows_}


def test_exercise_table_counts_passes_attempts_and_limits(course, tmp_path):
    write_report(course, A, tmp_path / "out")
    ex = by(rows(tmp_path / "out" / "exercises.csv"), "exercise")
    assert list(ex) == [GD, MIN]
    # alice, carol, frank have gradient_descent right; dave lost a point; bob left a stub.
    assert (ex[GD]["submissions"], ex[GD]["attempted"], ex[GD]["passed"], ex[GD]["pass_rate"]) == ("5", "4", "3", "0.6")
    assert (ex[MIN]["passed"], ex[MIN]["pass_rate"], ex[MIN]["hit_limits"]) == ("1", "0.2", "1")
    assert ex[GD]["mean_score"] == "2.2"   # (3 + 0 + 3 + 2 + 3) / 5
    assert (ex[MIN]["top_mistake"], ex[MIN]["top_mistake_students"]) == ("uncounted_last_step", "2")
    assert ex[GD]["top_mistake"] == ""


def test_student_table_has_totals_exercises_and_missing_students(course, tmp_path):
    (course / "submitted" / "erin" / A).mkdir(parents=True)   # handed in, never graded
    write_report(course, A, tmp_path / "out")
    students = by(rows(tmp_path / "out" / "report.csv"), "student")
    assert sorted(students) == ["alice", "bob", "carol", "dave", "erin", "frank"]
    assert (students["alice"]["score"], students["alice"]["max_score"], students["alice"]["percent"]) == ("6", "6", "100")
    assert (students["carol"]["score"], students["carol"][GD], students["carol"][MIN]) == ("4", "3", "1")
    assert students["erin"]["status"] == "missing" and students["erin"]["score"] == ""
    assert students["bob"]["status"] == "graded" and students["bob"]["score"] == "0"
    assert students["alice"]["late"] == ""   # no gradebook: unknown, not "no"


def test_common_messages_group_numbers_and_mistakes_are_counted(course, tmp_path):
    write_report(course, A, tmp_path / "out")
    messages = rows(tmp_path / "out" / "messages.csv")
    top = messages[0]
    # carol's "steps=41" and frank's "steps=40" are one message, for two students.
    assert (top["exercise"], top["students"]) == (MIN, "2")
    assert "steps=#" in top["message_pattern"]
    assert not any("Not attempted" in m["example"] for m in messages)   # stubs are counted elsewhere
    mistakes = rows(tmp_path / "out" / "mistakes.csv")
    assert [(m["exercise"], m["mistake"], m["students"]) for m in mistakes] == [(MIN, "uncounted_last_step", "2")]


def test_limits_list_each_student_and_exercise_once(course, tmp_path):
    write_report(course, A, tmp_path / "out")
    limits = rows(tmp_path / "out" / "limits.csv")
    assert [(h["student"], h["exercise"], h["outcome"]) for h in limits] == [("dave", MIN, "timeout")]


def test_html_has_every_section_and_two_real_png_charts(course, tmp_path):
    write_record(course, "mallory", A, stub()[:3] + [
        t("minimize", "stops", 0, 1, "incorrect", "<script>alert(1)</script> returned 7")])
    paths = write_report(course, A, tmp_path / "out")
    html = paths[0].read_text()
    for section in ("distribution", "exercises", "messages", "mistakes", "limits", "students"):
        assert f'id="{section}"' in html
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) == 2
    for data in images:
        picture = imread(io.BytesIO(base64.b64decode(data)), format="png")
        assert picture.shape[0] > 100 and picture.shape[1] > 300
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "uncounted_last_step" in html and "dave" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)   # self-contained


def test_unreadable_record_is_reported_not_fatal(course, tmp_path):
    broken = course / "autograded" / "zoe" / A
    broken.mkdir(parents=True)
    (broken / "autograder.json").write_text("{not json")
    out = tmp_path / "reports"
    assert main(["report", A, "--course-dir", str(course), "--out", str(out)]) == 0
    students = by(rows(out / A / "report.csv"), "student")
    assert students["zoe"]["status"] == "unreadable"
    assert "zoe" in (out / A / "report.html").read_text()


def test_cli_reports_every_assignment_with_records_by_default(course, capsys):
    write_record(course, "alice", "ps1_derivatives", [])
    assert main(["report", "--course-dir", str(course)]) == 0
    assert (course / "reports" / A / "report.html").is_file()
    assert (course / "reports" / "ps1_derivatives" / "report.csv").is_file()
    assert A in capsys.readouterr().out


def test_cli_without_records_says_what_to_run(tmp_path, capsys):
    assert main(["report", "--course-dir", str(tmp_path)]) == 2
    assert "batch" in capsys.readouterr().err


def test_cli_refuses_an_unknown_assignment_in_one_line(tmp_path, capsys):
    assert main(["report", "ps9", "--course-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "unknown assignment 'ps9'" in err
    assert not (tmp_path / "reports").exists()
