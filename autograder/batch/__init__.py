"""``python -m autograder batch``: grade a class into nbgrader's gradebook.

    discover   submitted/<student>/<assignment>/ folders to grade (or skip: records)
    sanitize   nbgrader's own non-executing steps on each notebook (in this process)
    workers    a pool of processes, each with a warm Grader, grading code cells
    gradebook  one transaction per submission, through nbgrader's API
    autograded autograded/<student>/<assignment>/: the notebook with feedback, files
    records    autograder.json: the result and the submission's fingerprint
    run        the loop that ties them together, with a progress bar
"""
