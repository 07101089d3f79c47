"""``python -m autograder batch``: grade a class into nbgrader's gradebook.

    cli        the command's arguments and exit status
    coursedir  the course folder and nbgrader_config.py, read as nbgrader reads them
    discover   submitted/<student>/<assignment>/ folders to grade
    records    autograder.json and fingerprints: what a rerun may skip
    workers    a pool of processes, each set up once
    schedule   the order submissions are handed out: heaviest assignment first
    grading    a worker's job: nbgrader's sanitising steps, then a warm Grader
    gradebook  one transaction per submission, through nbgrader's API
    autograded autograded/<student>/<assignment>/: the notebook with feedback
    progress   the progress bar
    run        the loop that ties them together
"""
