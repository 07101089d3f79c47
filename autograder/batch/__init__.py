"""``python -m autograder batch``: grade a class into nbgrader's gradebook.

    cli        the command's arguments and exit status
    coursedir  the course folder and nbgrader_config.py, read as nbgrader reads them
    discover   submitted/<student>/<assignment>/ folders to grade
    workers    a pool of processes, each set up once
    schedule   the order submissions are handed out: heaviest assignment first
    sanitize   nbgrader's own sanitising steps, without executing anything
    grading    a worker's job: nbgrader's sanitising steps, then a warm Grader
    outputs    outputs for the cells a human grades, made by running the student's code
    gradebook  one transaction per submission, through nbgrader's API
    autograded autograded/<student>/<assignment>/: the notebook with feedback
    progress   the progress bar
    run        the loop that ties them together
"""
