"""eufunds: the command line, the weekly job and the scheduler."""
