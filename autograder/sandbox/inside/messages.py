"""The kinds of message the sandbox's processes exchange, declared once.

Every message is a JSON object sent with ``frames``; its ``"t"`` field names
its kind.  Both sides use the names below, never the bare strings: the
grader loads this file by path (``autograder/sandbox/boundary.py``), the
zygote and its children import it as their own.

Who sends what, and what it carries besides ``"t"``:

=============  =====================  ==================================================
kind           from -> to             fields
=============  =====================  ==================================================
READY          zygote -> grader       pid, memory_mb, landlock_abi (after warming up)
REPORT         zygote -> grader       report: one submission's plain-data report
FAILED         zygote -> grader       error: the zygote itself could not run it
ASK            zygote -> grader       function, helper, args, kwargs (a stand-in's
               function -> zygote     question; the function's own ask is a packet on
                                      the stand-ins' socket with token and question)
ANSWER         grader -> zygote       value or error, for the last ASK
CONFINED       child -> zygote        isolation: the layers in force
LOADED         child -> zygote        errors, defined, stopped, output of loading
START          child -> zygote        function: about to fork that function's process
PID            child -> zygote        function, pid of that process
CALL           function -> zygote     function, index, outcome of one call
FINISHED       function -> zygote     function, status, detail, output
END            child -> zygote        function, and how its process ended (status,
                                      detail, timed_out, signal or exit, output)
DONE           child -> zygote        every function has run
=============  =====================  ==================================================

The grader's first frame to a zygote (its configuration) and each request
carry no kind: they are the only thing it may send at that point.
"""

READY = "ready"
REPORT = "report"
FAILED = "failed"
ASK = "ask"
ANSWER = "answer"
CONFINED = "confined"
LOADED = "loaded"
START = "start"
PID = "pid"
CALL = "call"
FINISHED = "finished"
END = "end"
DONE = "done"

KINDS = frozenset((READY, REPORT, FAILED, ASK, ANSWER, CONFINED, LOADED, START, PID, CALL, FINISHED, END, DONE))
