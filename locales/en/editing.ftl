# Editing: authentication, preconditions, validation, imports.

problem-title-unauthorized = Authentication required
problem-detail-unauthorized = This request needs a valid API key: send “Authorization: Bearer <key>”.

problem-title-forbidden = Not allowed
problem-detail-forbidden = The role of your API key does not allow this request.
problem-detail-forbidden-translator = A translator key may only change texts: PUT /v1/listings/{"{"}id{"}"}/content/{"{"}locale{"}"}, or a PATCH of “texts” only.
problem-detail-origin-not-allowed = Writes are not accepted from this web origin.

problem-title-conflict = Conflict
problem-detail-conflict = A listing with the id “{ $id }” already exists (perhaps deleted).
problem-detail-conflict-external-id = Another listing already has this external id.

problem-title-precondition-failed = Listing changed
problem-detail-precondition-failed = The listing has changed since you read it; its current ETag is { $etag }. Read it again and reapply your change.

problem-title-precondition-required = If-Match required
problem-detail-precondition-required = Send the listing’s ETag in “If-Match”, so that no one else’s change is overwritten.

problem-title-validation-failed = Invalid fields
problem-detail-validation-failed = { $count ->
    [one] One field is invalid; see “errors”.
   *[other] { $count } fields are invalid; see “errors”.
}
problem-detail-import-failed = { $count ->
    [one] One row problem was found; nothing was imported. See “errors”.
   *[other] { $count } row problems were found; nothing was imported. See “errors”.
}

problem-title-too-many-requests = Too many requests
problem-detail-too-many-requests = Too many writes. Try again in { $seconds } seconds.

problem-title-unsupported-media-type = Unsupported content type
problem-detail-unsupported-media-type = This endpoint reads { $expected }.

problem-title-key-not-found = API key not found
problem-detail-key-not-found = No live API key has the id { $id }.

field-error-required = “{ $field }” is required.
field-error-too-long = “{ $field }” is too long: at most { $max } characters.
field-error-out-of-range = “{ $field }” must be between { $min } and { $max }.
field-error-invalid-format = { $expected ->
    [slug] “{ $field }” must be lowercase letters and digits joined by single hyphens, such as seoul-global-center.
    [phone] “{ $field }” must be a phone number in international form, such as +82-2-2075-4112.
    [email] “{ $field }” must be an e-mail address.
    [url] “{ $field }” must be an http or https web address.
    [date-time] “{ $field }” must be a date and time with offset (RFC 3339), such as 2026-03-01T09:00:00+09:00.
    [date] “{ $field }” must be a date, such as 2026-03-01.
    [language] “{ $field }” must list language codes (BCP 47), such as en or zh.
    [language-list] “{ $field }” must be codes separated by semicolons (en;ja) or a JSON list.
    [integer] “{ $field }” must be a whole number.
    [number] “{ $field }” must be a number.
    [boolean] “{ $field }” must be 1, 0, true or false.
    [csv] This line is not valid UTF-8 CSV with the header’s number of columns.
   *[other] “{ $field }” is not in the expected form.
}
field-error-unknown-value = “{ $value }” is not a known value of “{ $field }”.
field-error-invalid-opening-hours = “{ $field }” is not an OpenStreetMap opening_hours expression (such as Mo-Fr 09:00-18:00).
field-error-wrong-order = “{ $field }” must come after “{ $other }”.
field-error-incomplete = “{ $field }” must be given together with “{ $other }”.
field-error-duplicate = “{ $field }” must be unique: “{ $value }” is already used.
field-error-not-allowed = “{ $field }” cannot be set here.
