"""Reads an iCalendar file with Python's `icalendar` (a parser independent of Koers and of
the Rust `icalendar` crate) and prints each event's start and reminder moments in UTC as
JSON, so tests/model_reminders.rs can check the `.ics` the app writes."""

import json
import sys
from datetime import datetime, timedelta, timezone

from icalendar import Calendar


def utc(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    calendar = Calendar.from_ical(sys.stdin.buffer.read())
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        alarms = []
        for alarm in event.walk("VALARM"):
            trigger = alarm.decoded("TRIGGER")
            if isinstance(trigger, timedelta):
                # RFC 5545 §3.3.6: hours and minutes are exact durations, so the sum is
                # taken in UTC, not on the wall clock across a daylight-saving change.
                moment = start.astimezone(timezone.utc) + trigger
            else:
                moment = trigger
            alarms.append(
                {
                    "action": str(alarm.get("ACTION")),
                    "description": str(alarm.get("DESCRIPTION")),
                    "at": utc(moment),
                }
            )
        events.append(
            {
                "uid": str(event.get("UID")),
                "start": utc(start),
                "status": str(event.get("STATUS")),
                "alarms": alarms,
            }
        )
    json.dump(events, sys.stdout)


if __name__ == "__main__":
    main()
