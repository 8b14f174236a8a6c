"""Schemathesis hooks for scripts/contract-test.sh.

An OpenAPI document cannot state rules between parameters, nor which values
the server's data holds. The server enforces such rules with a localized
400, and the document says them in words; these hooks teach schemathesis
the same rules, so that a request it *generates as valid* (positive mode) is
valid, and `positive_data_acceptance` judges the server, not the document's
limits. Each rule mirrors one check of the server, named beside it. Negative
cases are left untouched: they are meant to be refused.
"""

import json
import os
import urllib.request

import schemathesis

BASE = os.environ["CONTRACT_BASE_URL"]

# Paths whose query is a listing filter (`ListingFilter::parse`).
LISTING_FILTERS = {"/v1/listings", "/v1/listings.ics", "/embed/listings"}
# Opaque tokens only the server mints (`Cursor::decode`, `FeedCursor::decode`,
# the translations cursor): a made-up one is a 400 `malformed`.
OPAQUE = {"cursor", "since"}
SEOUL = "37.5665,126.9780"


def _get(path):
    with urllib.request.urlopen(BASE + path, timeout=10) as reply:
        return json.load(reply)


# Reference data as this server holds it (`ReferenceData`): cities,
# districts and shipped locales come from the database and the locale
# folders, not from code, so the document describes their form only.
CITIES = {
    city["code"]: [d["code"] for d in _get(f"/v1/cities/{city['code']}/districts")["items"]]
    for city in _get("/v1/cities")["items"]
}
LOCALES = [locale["code"] for locale in _get("/v1/locales")["items"]]


def _positive(case):
    meta = case.meta
    return meta is not None and meta.generation.mode.is_positive


def _truthy(value):
    return str(value).strip().lower() in {"true", "1"}


def _given(query, name):
    value = query.get(name)
    return value is not None and str(value).strip() != ""


def _listing_filter(query):
    # ListingFilter::parse: radius_m and sort=distance need near.
    if (_given(query, "radius_m") or query.get("sort") == "distance") and not _given(query, "near"):
        query["near"] = SEOUL
    # sort=relevance needs q.
    if query.get("sort") == "relevance" and not _given(query, "q"):
        query["q"] = "seoul"
    # open_at conflicts with open_now=true.
    if _given(query, "open_at") and _truthy(query.get("open_now")):
        del query["open_at"]
    # bbox: south must not be north of north.
    if _given(query, "bbox"):
        west, south, east, north = str(query["bbox"]).split(",")
        if float(south) > float(north):
            query["bbox"] = ",".join([west, north, east, south])
    city = query.get("city")
    if _given(query, "city") and city not in CITIES:
        query["city"] = city = "seoul"
    if _given(query, "district"):
        known = CITIES[city] if _given(query, "city") else sum(CITIES.values(), [])
        if query["district"] not in known:
            query["district"] = (CITIES[city] if _given(query, "city") else CITIES["seoul"])[0]


@schemathesis.hook
def map_case(context, case):
    if not _positive(case):
        return case
    path = case.operation.path
    query = case.query if isinstance(case.query, dict) else None
    if query is not None:
        for name in OPAQUE:
            query.pop(name, None)
        if path in LISTING_FILTERS:
            _listing_filter(query)
        if path == "/v1/categories" and _given(query, "city") and query["city"] not in CITIES:
            query["city"] = "seoul"
        # shipped_locale: a shipped locale's exact tag.
        if path == "/v1/translations/missing" and query.get("locale") not in LOCALES:
            query["locale"] = LOCALES[0]
        # ServiceShapeQuery::shape: minimal conflicts with full.
        if path == "/hsds/services" and _truthy(query.get("minimal")) and _truthy(query.get("full")):
            del query["full"]
    params = case.path_parameters if isinstance(case.path_parameters, dict) else None
    if path == "/v1/translations/{locale}.ftl" and params and params.get("locale") not in LOCALES:
        params["locale"] = LOCALES[0]
    return case


# Where an empty value counts as absent (`given` in the parsers), as the
# document's description says: `?city=` is not a violation there.
EMPTY_IS_ABSENT = LISTING_FILTERS | {"/v1/categories"}


@schemathesis.hook
def filter_case(context, case):
    meta = case.meta
    if meta is None or meta.generation.mode.is_positive or not isinstance(case.query, dict):
        return True
    path = case.operation.path
    if path in EMPTY_IS_ABSENT or path.startswith("/hsds/"):
        return not any(_sent_empty(value) for value in case.query.values())
    return True


def _sent_empty(value):
    # An empty object, None, or a list of nothing but such values goes on
    # the wire as `name=` too (`[""]` and `[None]` as well as `[]`).
    if value is None or value == {}:
        return True
    if isinstance(value, list):
        return all(_sent_empty(item) for item in value)
    return isinstance(value, str) and value.strip() == ""
