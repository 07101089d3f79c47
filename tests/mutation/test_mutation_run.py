"""The mutation report: what counts as killed, what is left out, and real grading of a few mutants."""

from devtools.mutation import run
from devtools.mutation.equivalent import EQUIVALENT
from devtools.mutation.mutants import Mutant, mutants
from devtools.mutation.submission import reference_source


def _mutant(before: str, after: str, module="gradient_descent", function="minimize") -> Mutant:
    return Mutant(module, function, 1, "swap", before, after, "x = 1\n")


def test_the_figure_leaves_out_listed_equivalents_and_lists_survivors_and_stale_entries():
    killed = run.Graded(_mutant("a", "b"), ["gradient_descent.minimize: some test"])
    survivor = run.Graded(_mutant("c", "d"), [])
    equivalent = run.Graded(_mutant("e", "f"), [])
    killed_but_listed = run.Graded(_mutant("g", "h"), ["gradient_descent.minimize: t"])
    listed = {equivalent.mutant.key: "same value", killed_but_listed.mutant.key: "thought equal",
              "gradient_descent.minimize: gone -> away": "no longer made", "backprop.train: x -> y": "not run"}
    report = run.Report([killed, survivor, equivalent, killed_but_listed], 1.0, listed)
    assert [g.mutant.key for g in report.counted] == [killed.mutant.key, survivor.mutant.key]
    assert report.killed == 1 and report.survivors == [survivor]
    assert report.figure() == "1 / 2 non-equivalent mutants killed (50.0 %)"
    assert report.stale == sorted([killed_but_listed.mutant.key, "gradient_descent.minimize: gone -> away"])
    text = run.render(report)
    assert "Survivors (1)" in text and survivor.mutant.key in text and "gone -> away" in text


def test_every_listed_equivalent_has_a_reason_and_names_a_mutant_that_is_made():
    made = {m.key for m in run.all_mutants()}
    for key, reason in EQUIVALENT.items():
        assert key in made, f"stale entry: {key}"
        assert reason.strip() and "\n" not in reason


def test_real_grading_kills_a_sign_error_and_spares_nothing_else():
    found = mutants("gradient_descent", reference_source("gradient_descent"))
    picked = [m for m in found if m.key in ("gradient_descent.gradient_descent: x - learning_rate * grad(x) "
                                            "-> (x + learning_rate * grad(x))",
                                            "gradient_descent.minimize: 1 -> 2")]
    assert len(picked) == 2
    report = run.grade_all(picked, jobs=1)
    assert all(g.killed for g in report.graded)
    uphill = report.graded[0]
    assert uphill.failed and all(name.startswith("gradient_descent.gradient_descent:") for name in uphill.failed)
