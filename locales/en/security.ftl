# Messages of the access rules: what a translator key may change.

problem-detail-forbidden-locale = This key translates { $allowed } only; it may not change the “{ $locale }” text.
problem-detail-forbidden-source-locale = The source text (“{ $locale }”) is changed by editors; a translator key changes only the locales it translates.
problem-detail-forbidden-locale-removal = Only an editor may remove a listing’s “{ $locale }” text.
field-error-source-locale = “{ $field }” cannot name the source locale “{ $value }”: editors write its text.
field-error-hidden-character = “{ $field }” contains an invisible control character ({ $value }) that changes how text is displayed; remove it.
problem-detail-busy = Too many exports and feeds are being prepared right now. Please try again in a few seconds.
