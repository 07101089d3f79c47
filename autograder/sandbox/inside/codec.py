"""Plain-data encoding for everything that crosses the sandbox boundary.

Values travel as JSON.  Arrays, NumPy scalars, tuples, non-finite floats and
SymPy expressions get tagged objects; anything else becomes an opaque
description.  Decoding never calls ``pickle`` or ``eval``: a SymPy expression
is rebuilt node by node from an allow-list of SymPy classes, so a student
object cannot smuggle behaviour (a lying ``__eq__``, say) into the grader.

The grader and the sandbox run this very file: the zygote loads it by path,
and so does the grader (``autograder/sandbox/codec.py``), so it imports
nothing from the ``autograder`` package.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass, field

import numpy as np

MAX_REPR = 300
MAX_ARRAY_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 20


@dataclass(frozen=True)
class Probe:
    """A callable argument, built inside the sandbox from trusted code.

    ``name`` picks a factory in ``probes.py``; ``params`` are its plain
    arguments.  This is how ``gradient_descent(grad, ...)`` gets a ``grad``.
    """

    name: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Opaque:
    """Something the sandbox returned that is not plain data."""

    type_name: str
    text: str

    def __repr__(self):
        return f"<{self.type_name}: {self.text}>"


# SymPy node classes an expression may be rebuilt from (by class name).
SYMPY_ALLOWED = {
    "Add", "Mul", "Pow", "Symbol", "Integer", "Rational", "Float", "Half",
    "One", "Zero", "NegativeOne", "Exp1", "Pi", "ImaginaryUnit", "exp", "log",
    "sin", "cos", "tan", "tanh", "sinh", "cosh", "sqrt", "Abs", "Piecewise",
    "ExprCondPair", "BooleanTrue", "BooleanFalse", "StrictGreaterThan",
    "StrictLessThan", "GreaterThan", "LessThan", "Equality", "Unequality",
    "Derivative", "Function", "AppliedUndef", "Heaviside", "sign",
    "Infinity", "NegativeInfinity", "NaN", "ComplexInfinity", "Tuple",
    "Integral", "re", "im", "floor", "ceiling", "Max", "Min",
    "Eq", "Lambda", "UnevaluatedExpr", "ImmutableDenseMatrix", "MutableDenseMatrix",
}


def encode(value, depth: int = 0):
    """Turn a value into JSON-able plain data (never raises)."""
    try:
        return _encode(value, depth)
    except Exception as exc:  # a hostile object may raise from anything
        return {"__opaque__": _safe_type(value), "text": f"could not be read: {type(exc).__name__}"}


def _encode(value, depth):
    if depth > MAX_DEPTH:
        return {"__opaque__": "nested too deeply", "text": ""}
    # Exact type checks: a subclass of float may override everything.
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return value if abs(value) < 2**53 else {"__bigint__": str(value)}
    if t is float:
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if t is Probe:
        return {"__probe__": value.name, "params": _encode(value.params, depth + 1)}
    if t in (list, tuple):
        items = [_encode(v, depth + 1) for v in value]
        return items if t is list else {"__tuple__": items}
    if t is dict:
        return {"__dict__": [[_encode(k, depth + 1), _encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, np.ndarray):
        return _encode_array(value)
    if isinstance(value, np.generic):
        return _encode_npscalar(value)
    mod = getattr(t, "__module__", "") or ""
    if mod.startswith("sympy"):
        return {"__sympy__": _sympy_tree(value, depth)}
    return {"__opaque__": _safe_type(value), "text": _safe_repr(value)}


def _encode_array(arr):
    kind = np.asarray(arr).dtype.kind
    is_matrix = isinstance(arr, np.matrix)
    arr = np.asarray(arr)
    if kind == "O":
        return {"__objarray__": [encode(v) for v in arr.ravel().tolist()[:10_000]], "shape": list(arr.shape)}
    if kind not in "biufc" or arr.nbytes > MAX_ARRAY_BYTES:
        return {"__opaque__": f"ndarray[{arr.dtype}]", "text": f"shape {arr.shape}"}
    data = np.ascontiguousarray(arr)
    return {
        "__ndarray__": base64.b64encode(data.tobytes()).decode("ascii"),
        "dtype": data.dtype.str,
        "shape": list(arr.shape),  # ascontiguousarray turns a 0-d array into shape (1,)
        "matrix": is_matrix,
    }


def _encode_npscalar(x):
    kind = x.dtype.kind
    if kind not in "biufc":
        return {"__opaque__": f"numpy.{type(x).__name__}", "text": _safe_repr(x)}
    return {"__npscalar__": _encode_array(np.asarray(x))}


def _sympy_tree(expr, depth):
    if depth > MAX_DEPTH * 10:
        raise ValueError("expression too deep")
    name = type(expr).__name__
    if name == "Symbol" or name == "Dummy":
        return ["Symbol", str(expr.name)]
    if name in ("Integer", "One", "Zero", "NegativeOne"):
        return ["Integer", str(int(expr))]
    if name in ("Rational", "Half"):
        return ["Rational", str(expr.p), str(expr.q)]
    if name == "Float":
        # str() rounds to the working precision's digits; repr_dps digits
        # rebuild exactly the same binary value.
        from mpmath.libmp import repr_dps, to_str
        prec = int(getattr(expr, "_prec", 53))
        return ["Float", to_str(expr._mpf_, repr_dps(prec)), prec]
    if getattr(expr, "is_Function", False) and name not in SYMPY_ALLOWED:
        # An undefined function such as f(x): keep its name, rebuilt as a Function.
        return ["AppliedUndef", str(name), [_sympy_tree(a, depth + 1) for a in expr.args]]
    if name.startswith("Boolean") or not getattr(expr, "args", ()):
        return ["Atom", name]
    return [name, [_sympy_tree(a, depth + 1) for a in expr.args]]


def _safe_type(value):
    try:
        t = type(value)
        return f"{t.__module__}.{t.__qualname__}"
    except Exception:
        return "unknown"


def _safe_repr(value):
    try:
        text = repr(value)
    except Exception as exc:
        text = f"(repr failed: {type(exc).__name__})"
    if type(text) is not str:
        text = "(repr returned a non-string)"
    return text[:MAX_REPR]


# ---------------------------------------------------------------- decoding


def decode(data):
    """Rebuild plain values from ``encode``'s output."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "__tuple__" in data:
        return tuple(decode(v) for v in data["__tuple__"])
    if "__dict__" in data:
        return {_hashable(decode(k)): decode(v) for k, v in data["__dict__"]}
    if "__float__" in data:
        return float(data["__float__"])
    if "__bigint__" in data:
        return int(data["__bigint__"])
    if "__ndarray__" in data:
        raw = base64.b64decode(data["__ndarray__"])
        dtype = np.dtype(data["dtype"])
        if dtype.kind not in "biufc":
            raise ValueError("unexpected dtype")
        return np.frombuffer(raw, dtype=dtype).reshape(data["shape"]).copy()
    if "__npscalar__" in data:
        return decode(data["__npscalar__"])[()]
    if "__objarray__" in data:
        values = [decode(v) for v in data["__objarray__"]]
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out.reshape(data["shape"]) if out.size == int(np.prod(data["shape"])) else out
    if "__sympy__" in data:
        return sympy_from_tree(data["__sympy__"])
    if "__probe__" in data:
        return Probe(data["__probe__"], decode(data["params"]))
    if "__opaque__" in data:
        return Opaque(str(data["__opaque__"]), str(data.get("text", "")))
    return {k: decode(v) for k, v in data.items()}


def _hashable(k):
    return k if not isinstance(k, (list, np.ndarray)) else repr(k)


def sympy_from_tree(tree):
    """Rebuild a SymPy expression from an allow-listed tree (no eval)."""
    import sympy

    head = tree[0]
    if head == "Symbol":
        return sympy.Symbol(str(tree[1]))
    if head == "Integer":
        return sympy.Integer(int(tree[1]))
    if head == "Rational":
        return sympy.Rational(int(tree[1]), int(tree[2]))
    if head == "Float":
        return sympy.Float(str(tree[1]), precision=int(tree[2]))
    if head == "AppliedUndef":
        return sympy.Function(str(tree[1]))(*[sympy_from_tree(a) for a in tree[2]])
    if head == "Atom":
        name = tree[1]
        if name in SYMPY_ALLOWED and hasattr(sympy.S, name):
            return getattr(sympy.S, name)
        if name == "Exp1":
            return sympy.E
        if name == "Pi":
            return sympy.pi
        if name == "BooleanTrue":
            return sympy.true
        if name == "BooleanFalse":
            return sympy.false
        raise ValueError(f"SymPy atom {name!r} is not accepted")
    if head not in SYMPY_ALLOWED:
        raise ValueError(f"SymPy node {head!r} is not accepted")
    cls = getattr(sympy, head, None)
    if cls is None:
        raise ValueError(f"SymPy node {head!r} is not accepted")
    args = [sympy_from_tree(a) for a in tree[1]]
    return cls(*args, evaluate=False) if head in ("Add", "Mul", "Pow") else cls(*args)


def dumps(value) -> str:
    return json.dumps(encode(value), allow_nan=False)


def loads(text: str):
    return decode(json.loads(text))
