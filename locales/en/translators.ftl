# Labels for translators in GET /v1/locales: how far a locale has come.

# $percent: share of the English messages the locale translates (0 to 100).
translation-completeness = { $percent }% translated
# $count: listings with a text field that English has and this locale lacks.
translation-listings-lacking-text =
    { $count ->
        [one] { $count } listing lacks text
       *[other] { $count } listings lack text
    }
