"""The committed exercises/ and source/ are exactly what the build makes."""

import json
import shutil
from pathlib import Path

from autograder.build.materials import differences, render
from autograder.cli import main

REPO = Path(__file__).resolve().parents[2]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for top in ("exercises", "source") for p in sorted((root / top).rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def test_committed_material_matches_a_fresh_build(tmp_path):
    assert main(["build", "--out", str(tmp_path)]) == 0
    fresh, committed = _tree(tmp_path), _tree(REPO)
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    assert not stale, f"run `python -m autograder build` and commit; out of date: {stale}"


def test_the_build_is_deterministic_and_carries_no_run_state():
    first, second = render(REPO), render(REPO)
    assert first == second
    for rel, text in first.items():
        if rel.endswith(".ipynb"):
            for cell in json.loads(text)["cells"]:
                assert cell.get("outputs", []) == [] and cell.get("execution_count") is None
            assert text == json.dumps(json.loads(text), sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def test_check_mode_reports_edits_and_strays(tmp_path, capsys):
    root = tmp_path / "course"
    for name in ("solutions", "course"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    assert main(["build", "--root", str(root)]) == 0
    assert main(["build", "--root", str(root), "--check"]) == 0
    stub = root / "exercises" / "derivatives.py"
    stub.write_text(stub.read_text() + "\n# edited by hand\n")
    (root / "source" / "ps1_derivatives" / "notes.txt").write_text("stray")
    assert differences(root, render(root)) == ["exercises/derivatives.py", "source/ps1_derivatives/notes.txt"]
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--check"]) == 1
    assert "out of date: exercises/derivatives.py" in capsys.readouterr().out
    assert main(["build", "--root", str(root)]) == 0  # rebuilding repairs both
    assert differences(root, render(root)) == []


def test_a_broken_template_is_reported_not_raised(tmp_path, capsys):
    root = tmp_path / "course"
    for name in ("solutions", "course"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    template = root / "course" / "notebooks" / "ps2_gradient_descent.md"
    template.write_text(template.read_text().replace("%% exercise minimize", ""))
    assert main(["build", "--root", str(root)]) == 2
    assert "no '%% exercise' for ['minimize']" in capsys.readouterr().err
    assert not (root / "exercises").exists()
