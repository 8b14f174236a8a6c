# Labels of coded values and counted phrases in API responses.
# Plurals use CLDR categories: English needs [one] and [other].

locale-name = English

## Categories

category-real_estate = Global real-estate office
category-job_cafe = Job café
category-incubator = Startup support
category-contact_point = Contact point

## Cities

city-seoul = Seoul
city-sejong = Sejong
city-busan = Busan
city-belfast = Belfast

## Languages spoken by staff (BCP 47 codes)

language-en = English
language-ja = Japanese
language-zh = Chinese
language-ko = Korean
language-ru = Russian
language-vi = Vietnamese
language-fr = French
language-mn = Mongolian
language-es = Spanish
language-de = German

## Counted phrases

listing-count =
    { $count ->
        [one] { $count } listing
       *[other] { $count } listings
    }
district-count =
    { $count ->
        [one] { $count } district
       *[other] { $count } districts
    }

## Eligibility, capacity and residency

eligibility-age-range = Ages { $min } to { $max }
eligibility-age-min = Aged { $min } or over
eligibility-age-max = Aged { $max } or under
capacity-rooms =
    { $count ->
        [one] { $count } room
       *[other] { $count } rooms
    }
capacity-people = For { $min } to { $max } people
capacity-hours-per-day =
    { $hours ->
        [one] Up to { $hours } hour per person per day
       *[other] Up to { $hours } hours per person per day
    }
capacity-teams =
    { $count ->
        [one] { $count } team
       *[other] { $count } teams
    }
residency-months =
    { $months ->
        [one] Residency of { $months } month
       *[other] Residency of { $months } months
    }
residency-max-months = Up to { $months } months in total with extensions

## Application windows

application-window-upcoming = Not open yet
application-window-open = Accepting applications
application-window-closed = Closed
