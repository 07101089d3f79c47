"""Inside the sandbox: a notebook's code cells, run the way a Jupyter kernel
with matplotlib's inline backend shows them.

This file is not imported by the grader.  Its text is sent as the main
module of a ``Program`` (see ``autograder/batch/outputs.py``), so it runs
in the per-function process like any student code, under the same limits,
and imports nothing from the ``autograder`` package.  Each planned call
``run_cell(source, label, figures, seconds, spent)`` runs one cell in one
namespace shared by all the cells and returns that cell's outputs as plain
lists of strings:

    ["stream", "stdout" | "stderr", text]
    ["result", text]                        the value of a last bare expression
    ["png", base64 text]                    one figure
    ["error", name, message, [traceback lines]]

Figures still open at ``plt.show()`` or at the end of the cell are drawn
(when ``figures`` is true) and closed, as the inline backend does.  A cell
running past ``seconds`` is interrupted by an alarm and gets an error; if
the cell blocks the alarm, the sandbox's own deadline for the whole run
still holds.  ``spent`` names the functions that ran out of time in the
hidden tests: once a cell defines one, calling it raises at once instead of
looping again (the cells that use it get an error saying so); a function of
the notebook's that was running when a cell ran out of time joins them.  Student code shares this process and could rewrite any of
it, so the grader trusts none of what comes back: it checks each output's
shape and size and builds the notebook's outputs itself.
"""

import ast
import base64
import io
import linecache
import signal
import sys
import traceback
import warnings

MAX_TEXT = 20_000
MAX_FIGURES = 10
DPI = 72
HERE = __file__

_namespace = {"__name__": "__main__", "__builtins__": __builtins__}
_stopped = set()        # the notebook's functions that ran out of time in a cell
SECOND_LOOK = 0.02      # seconds between the two looks at the stack when a cell runs out of time


class CellTimeout(BaseException):
    """Raised by the alarm; a BaseException so that ``except Exception`` in a cell lets it through."""


def run_cell(source, label, figures=True, seconds=10.0, spent=()):
    outputs = []
    streams = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    filename = f"<{label}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)

    def flush():
        for name, buffer in streams.items():
            text = buffer.getvalue()
            if text:
                outputs.append(["stream", name, text[:MAX_TEXT]])
                buffer.seek(0)
                buffer.truncate()

    def show(*args, **kwargs):
        flush()
        _draw(outputs, figures)

    try:
        tree = ast.parse(source, filename)
    except SyntaxError as exc:
        return [_error(exc, with_traceback=False)]
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    pyplot = _pyplot()
    if pyplot is not None:
        pyplot.show = show
    saved = sys.stdout, sys.stderr
    previous = signal.signal(signal.SIGALRM, _Alarm())
    result = None
    try:
        sys.stdout, sys.stderr = streams["stdout"], streams["stderr"]
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            signal.setitimer(signal.ITIMER_REAL, seconds)
            try:
                exec(compile(tree, filename, "exec"), _namespace)
                if last is not None:
                    value = eval(compile(last, filename, "eval"), _namespace)
                    if value is not None:
                        result = ["result", repr(value)[:MAX_TEXT]]
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except CellTimeout as exc:
        looping = exc.args[0] if exc.args else None
        message = f"the cell ran for more than {seconds:g} s and was stopped"
        if looping:
            _stopped.add(looping)
            message += f" while {looping} was running; the cells after this one do not run {looping} again"
        flush()
        outputs.append(["error", "TimeoutError", message, []])
    except BaseException as exc:   # SystemExit and KeyboardInterrupt too: the next cell still runs
        flush()
        outputs.append(_error(exc))
    finally:
        sys.stdout, sys.stderr = saved
        signal.signal(signal.SIGALRM, previous)
        _stop_spent(tuple(spent) + tuple(_stopped))
    flush()
    if result is not None:
        outputs.append(result)
    _draw(outputs, figures)
    return outputs


def _stop_spent(names):
    for name in names:
        function = _namespace.get(name)
        if callable(function) and not getattr(function, "_spent", False):
            _namespace[name] = _refusing(name)


class _Alarm:
    """The cell's deadline.  At the first alarm it only looks at the stack
    and asks to be woken again shortly; at the second it names the
    innermost function of the notebook's whose call was under way both
    times (a helper called over and over is a new call each time, so the
    loop that calls it is named, not the helper) and stops the cell."""

    def __init__(self):
        self.first = None

    def __call__(self, signum, frame):
        if self.first is None:
            self.first = _stack(frame)
            signal.setitimer(signal.ITIMER_REAL, SECOND_LOOK)
            return
        both = [f for f in _stack(frame) if any(f is g for g in self.first)]
        codes = _function_codes()
        raise CellTimeout(next((codes[f.f_code] for f in both if f.f_code in codes), None))


def _stack(frame):
    """The frames from the innermost out."""
    frames = []
    while frame is not None:
        frames.append(frame)
        frame = frame.f_back
    return frames


def _function_codes():
    codes = {}
    for name, value in list(_namespace.items()):
        code = getattr(value, "__code__", None)
        if code is not None:
            codes[code] = name
    return codes


def _refusing(name):
    def refuse(*args, **kwargs):
        raise TimeoutError(f"{name} ran out of time (in the graded tests or an earlier cell), "
                           "so it is not run again here")
    refuse._spent = True
    return refuse


def _pyplot():
    try:
        import matplotlib.pyplot as pyplot
    except Exception:
        return None
    return pyplot


def _draw(outputs, figures):
    pyplot = _pyplot()
    if pyplot is None:
        return
    try:
        drawn = sum(1 for output in outputs if output[0] == "png")
        for number in pyplot.get_fignums():
            if not figures or drawn >= MAX_FIGURES:
                break
            buffer = io.BytesIO()
            pyplot.figure(number).savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
            outputs.append(["png", base64.b64encode(buffer.getvalue()).decode("ascii")])
            drawn += 1
    except Exception as exc:
        outputs.append(_error(exc))
    finally:
        pyplot.close("all")


def _error(exc, with_traceback=True):
    """As Jupyter shows an error: the frames in the notebook's cells, then the message."""
    frames = []
    if with_traceback:
        frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename != HERE]
    lines = traceback.format_list(frames) if frames else []
    if lines:
        lines.insert(0, "Traceback (most recent call last):\n")
    message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    lines.append(message + "\n")
    name = type(exc).__name__
    value = message.partition(": ")[2] if message.startswith(name + ":") else ""
    return ["error", name, value[:MAX_TEXT], [line[:MAX_TEXT] for line in lines[-30:]]]
