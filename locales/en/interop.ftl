# Interoperability: the HSDS 3.0 profile and the calendar of application windows.

## HSDS 3.0 profile (/hsds)

hsds-taxonomy-name = Directory categories
hsds-taxonomy-description = The four kinds of place in the directory of services for foreign residents.
hsds-term-description-real-estate = Real-estate brokerage offices designated by the city, whose staff speak foreign languages.
hsds-term-description-job-cafe = Free spaces and programmes for job seekers.
hsds-term-description-incubator = Incubators, test beds and programmes that help founders and companies from abroad start up.
hsds-term-description-contact-point = Offices, centres and web sites to ask for help or information.
hsds-application-from-to = Applications are accepted from { $opens } to { $closes }.
hsds-application-from = Applications are accepted from { $opens }.
hsds-application-until = Applications are accepted until { $closes }.
hsds-interpretation = Staff speak { $languages }.
hsds-alert-stale = This information was last verified on { $date } and may have changed.
hsds-alert-unverified = No published document gives a date on which this information was checked; confirm it with the organisation before you rely on it.

## Calendar of application windows (/v1/listings.ics)

ics-calendar-name = Application windows
ics-window = Applications: { $name }
ics-opening = Applications open: { $name }
ics-deadline = Application deadline: { $name }
ics-opens-at = Applications open on { $date } at { $time } ({ $zone }).
ics-closes-at = Applications close on { $date } at { $time } ({ $zone }).
