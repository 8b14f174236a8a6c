# Discovery: opening hours and application windows in words, and what a
# search matched. Separators are quoted so that their spaces survive.

## Opening hours

hours-weekday-mo = Mon
hours-weekday-tu = Tue
hours-weekday-we = Wed
hours-weekday-th = Thu
hours-weekday-fr = Fri
hours-weekday-sa = Sat
hours-weekday-su = Sun
hours-public-holidays = public holidays
hours-every-day = Every day
hours-day-range = { $first }–{ $last }
hours-day-separator = {", "}
# $h: hour without padding, $hh: two-digit hour, $mm: two-digit minute.
hours-time = { $hh }:{ $mm }
hours-time-range = { $start }–{ $end }
hours-time-separator = {", "}
hours-all-day = 24 hours
hours-rule-open = { $days } { $times }
hours-rule-closed = { $days }: closed
hours-rule-separator = {"; "}
hours-state-open = Open now
hours-state-closed = Closed now
hours-state-unknown = Hours not known right now

## Application windows ($days counted in the city's calendar days)

application-closes-in =
    { $days ->
        [0] Applications close today
        [one] Applications close in { $days } day
       *[other] Applications close in { $days } days
    }
application-opens-in =
    { $days ->
        [0] Applications open today
        [one] Applications open in { $days } day
       *[other] Applications open in { $days } days
    }
application-closed-on = Applications closed on { $date }
application-open-no-deadline = Accepting applications; no closing date published
# $year, $month, $day: numbers; $month2 and $day2 are zero-padded, as
# ISO 8601 writes them.
date-ymd = { $year }-{ $month2 }-{ $day2 }
