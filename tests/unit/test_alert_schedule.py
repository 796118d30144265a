"""When the app evaluates the alert rules (data_access/alerts/schedule.py): the first time at
once, then after a data change or five minutes in the background, one at a time; the alerts
page waits for an up-to-date evaluation. No timing: evaluations block on events the test
releases, so a caller that waited for one would hang the test instead of passing it."""

from __future__ import annotations

import threading

from data_access.alerts.schedule import AlertSchedule

KEY = ("sqlite:///x.db", "org.toml", "2026-12-06")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Evaluation:
    """Counts calls and the threads they ran in; blocks while `gate` is closed."""

    def __init__(self, blocked: bool = False) -> None:
        self.calls: list[str] = []
        self.gate = threading.Event()
        if not blocked:
            self.gate.set()
        self.started = threading.Event()

    def __call__(self) -> None:
        self.calls.append(threading.current_thread().name)
        self.started.set()
        assert self.gate.wait(10), "the test never released the evaluation"


def test_the_first_evaluation_runs_at_once_in_the_callers_thread():
    schedule, evaluation = AlertSchedule(clock=Clock()), Evaluation()
    assert schedule.in_background(KEY, 1, evaluation) is False
    assert evaluation.calls == [threading.current_thread().name]


def test_nothing_runs_again_for_the_same_version_within_the_interval():
    clock = Clock()
    schedule, evaluation = AlertSchedule(every_s=300, clock=clock), Evaluation()
    schedule.in_background(KEY, 1, evaluation)
    clock.now += 299
    assert schedule.in_background(KEY, 1, evaluation) is False
    schedule.up_to_date(KEY, 1, evaluation)
    assert len(evaluation.calls) == 1


def test_a_new_data_version_is_evaluated_in_the_background_without_waiting():
    schedule = AlertSchedule(clock=Clock())
    schedule.in_background(KEY, 1, Evaluation())
    slow = Evaluation(blocked=True)
    # The caller returns while the evaluation is still blocked (it would hang here otherwise).
    assert schedule.in_background(KEY, 2, slow) is True
    assert slow.started.wait(10)
    assert slow.calls == ["alert-rules"]
    # While it runs, no second evaluation starts, whatever the version.
    assert schedule.in_background(KEY, 3, slow) is False
    slow.gate.set()
    schedule.wait()
    assert len(slow.calls) == 1


def test_the_interval_makes_an_evaluation_due_again():
    clock = Clock()
    schedule, evaluation = AlertSchedule(every_s=300, clock=clock), Evaluation()
    schedule.in_background(KEY, 1, evaluation)
    clock.now += 300
    assert schedule.in_background(KEY, 1, evaluation) is True
    schedule.wait()
    assert len(evaluation.calls) == 2


def test_the_alerts_page_waits_for_a_running_evaluation_and_does_not_repeat_it():
    schedule = AlertSchedule(clock=Clock())
    schedule.in_background(KEY, 1, Evaluation())
    slow = Evaluation(blocked=True)
    schedule.in_background(KEY, 2, slow)
    assert slow.started.wait(10)
    page = Evaluation()
    waiter = threading.Thread(target=schedule.up_to_date, args=(KEY, 2, page))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive()  # waiting for the evaluation in the background
    slow.gate.set()
    waiter.join(10)
    assert not waiter.is_alive()
    assert page.calls == []  # version 2 was just evaluated


def test_the_alerts_page_evaluates_a_version_not_yet_seen():
    schedule = AlertSchedule(clock=Clock())
    schedule.in_background(KEY, 1, Evaluation())
    page = Evaluation()
    schedule.up_to_date(KEY, 2, page)
    assert page.calls == [threading.current_thread().name]


def test_a_failed_evaluation_is_logged_and_tried_again(caplog):
    schedule = AlertSchedule(clock=Clock())

    def failing() -> None:
        raise RuntimeError("database went away")

    schedule.in_background(KEY, 1, failing)  # no exception reaches the page
    assert "evaluating the alert rules failed" in caplog.text
    evaluation = Evaluation()
    schedule.in_background(KEY, 1, evaluation)
    schedule.wait()
    assert len(evaluation.calls) == 1


def test_check_now_makes_every_key_due():
    schedule, evaluation = AlertSchedule(clock=Clock()), Evaluation()
    schedule.in_background(KEY, 1, evaluation)
    schedule.forget()
    schedule.up_to_date(KEY, 1, evaluation)
    assert len(evaluation.calls) == 2


def test_keys_are_kept_apart():
    schedule, evaluation = AlertSchedule(clock=Clock()), Evaluation()
    schedule.in_background(KEY, 1, evaluation)
    schedule.in_background((*KEY[:2], "2026-12-07"), 1, evaluation)  # the next day: at once
    assert evaluation.calls == [threading.current_thread().name] * 2


def test_started_at_start_the_first_visitor_does_not_wait_for_it():
    """The server starts the first evaluation (gateway/startup.py); a page asking meanwhile
    returns at once (the badge shows the stored count) and nothing runs twice."""
    schedule, slow = AlertSchedule(clock=Clock()), Evaluation(blocked=True)
    schedule.start(KEY, 1, slow)
    assert slow.started.wait(10)
    visitor = Evaluation()
    # Returns while the start's evaluation is still blocked (it would hang here otherwise).
    assert schedule.in_background(KEY, 1, visitor) is False
    assert visitor.calls == []
    slow.gate.set()
    schedule.wait()
    assert slow.calls == ["alert-rules"]
    assert schedule.in_background(KEY, 1, visitor) is False  # evaluated: not due again
    assert visitor.calls == []
    schedule.start(KEY, 1, visitor)  # a second start changes nothing
    schedule.wait()
    assert visitor.calls == []


def test_a_background_evaluation_waits_until_the_page_has_been_drawn():
    """A new version noticed by a page's rerun starts its evaluation `defer_s` later (the
    page computes and draws its figures first); the alerts page's call starts it at once."""
    schedule = AlertSchedule(clock=Clock(), defer_s=60)
    schedule.in_background(KEY, 1, Evaluation())
    deferred = Evaluation()
    assert schedule.in_background(KEY, 2, deferred) is True
    assert not deferred.started.wait(0.3)  # still deferred
    schedule.up_to_date(KEY, 2, Evaluation())  # the alerts page: now, and waits for it
    assert deferred.calls == ["alert-rules"]


def test_waiting_starts_a_deferred_evaluation():
    schedule = AlertSchedule(clock=Clock(), defer_s=60)
    schedule.in_background(KEY, 1, Evaluation())
    deferred = Evaluation()
    schedule.in_background(KEY, 2, deferred)
    schedule.wait()  # returns well before 60 s
    assert deferred.calls == ["alert-rules"]


def test_a_background_evaluation_runs_at_a_lower_priority():
    import os

    import pytest

    if not hasattr(os, "getpriority"):
        pytest.skip("no thread priorities on this system")
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[int] = []

    def evaluation() -> None:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    schedule = AlertSchedule(clock=Clock(), defer_s=0)
    schedule.in_background(KEY, 1, Evaluation())
    schedule.in_background(KEY, 2, evaluation)
    schedule.wait()
    assert seen and seen[0] > mine
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine  # the page's own
