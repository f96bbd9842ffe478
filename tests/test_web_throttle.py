"""The login's count of wrong passwords per address, on a clock the test moves."""

from __future__ import annotations

import threading

from app.web.throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_wrong_passwords_lock_an_address_for_the_window() -> None:
    clock = Clock()
    throttle = LoginThrottle(attempts=5, window=900, clock=clock)
    for _ in range(4):
        assert throttle.attempt("10.0.0.1") == 0  # a try, counted as wrong
        clock.now += 10
    assert throttle.attempt("10.0.0.1") == 0  # four wrong: a fifth try may go ahead
    # Five within the window: locked until the first leaves it (900 s after it).
    assert throttle.attempt("10.0.0.1") == 860
    assert throttle.attempt("10.0.0.2") == 0  # another address is not
    clock.now += 859
    assert throttle.attempt("10.0.0.1") == 1  # a refused try is not counted
    # The first failure leaves the window: one try more, and a wrong one locks again.
    clock.now += 1
    assert throttle.attempt("10.0.0.1") == 0
    assert throttle.attempt("10.0.0.1") == 10  # until the second failure leaves the window


def test_the_right_password_starts_afresh_and_old_failures_are_forgotten() -> None:
    clock = Clock()
    throttle = LoginThrottle(attempts=3, window=60, clock=clock)
    throttle.attempt("a")
    throttle.attempt("a")
    throttle.succeeded("a")
    assert throttle.attempt("a") == 0
    assert throttle.attempt("a") == 0
    clock.now += 61
    assert throttle.attempt("a") == 0  # the two before the window do not count
    assert throttle.attempt("a") == 0
    assert throttle.attempt("a") == 0
    assert throttle.attempt("a") == 60


def test_counts_from_many_threads_are_not_lost() -> None:
    throttle = LoginThrottle(attempts=400, window=3600)
    workers = [
        threading.Thread(target=lambda: [throttle.attempt("x") for _ in range(100)])
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert throttle.attempt("x") > 0  # 400 tries counted
    throttle.succeeded("x")
    assert throttle.attempt("x") == 0


def test_simultaneous_tries_from_one_address_cannot_pass_the_check_together() -> None:
    # Twenty tries at once: the check and the count are one step, so only five get through.
    throttle = LoginThrottle(attempts=5, window=900)
    start = threading.Barrier(20)
    passed: list[int] = []

    def one_try() -> None:
        start.wait()
        if throttle.attempt("10.0.0.9") == 0:
            passed.append(1)

    workers = [threading.Thread(target=one_try) for _ in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(passed) == 5
    assert throttle.attempt("10.0.0.9") > 0
    # The right password, given on one of the tries that passed, starts afresh.
    throttle.succeeded("10.0.0.9")
    assert throttle.attempt("10.0.0.9") == 0
