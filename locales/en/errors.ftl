# Problem titles (short, fixed per code) and details (per occurrence).

problem-title-invalid-parameter = Invalid parameter
problem-detail-invalid-parameter = A query or path parameter could not be read.
problem-detail-parameter-range = The parameter “{ $parameter }” must be a whole number from { $min } to { $max }.
problem-detail-parameter-unknown = “{ $value }” is not a known value of “{ $parameter }”.
problem-detail-parameter-malformed = The value of “{ $parameter }” is not in the expected form.
problem-detail-parameter-form = The value of “{ $parameter }” must look like “{ $example }” ({ $form }).
problem-detail-parameter-requires = The parameter “{ $parameter }” needs “{ $other }” too.
problem-detail-parameter-conflicts = “{ $parameter }” cannot be combined with “{ $other }”.

problem-title-malformed-body = Malformed request body
problem-detail-malformed-body = The request body is not valid JSON of the expected shape.

problem-title-payload-too-large = Request body too large
problem-detail-payload-too-large = The request body is larger than this endpoint accepts.

problem-title-listing-not-found = Listing not found
problem-detail-listing-not-found = No listing has the id “{ $id }”.

problem-title-city-not-found = City not found
problem-detail-city-not-found = No city has the code “{ $city }”.

problem-title-route-not-found = Not found
problem-detail-route-not-found = Nothing is served at this address. The API is described at /docs.

problem-title-method-not-allowed = Method not allowed
problem-detail-method-not-allowed = { $method } is not allowed here. Allowed: { $allowed }.

problem-title-service-unavailable = Service unavailable
problem-detail-service-unavailable = The service cannot reach its database right now. Please try again shortly.

problem-title-internal = Internal error
problem-detail-internal = Something went wrong on our side. It has been logged; please try again later.
