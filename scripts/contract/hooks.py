"""Schemathesis hooks for scripts/contract-test.sh.

An OpenAPI document cannot state rules between parameters, nor which values
the server's data holds. The server enforces such rules with a localized
400, and the document says them in words; these hooks teach schemathesis
the same rules, so that a request it *generates as valid* (positive mode) is
valid, and `positive_data_acceptance` judges the server, not the document's
limits. Each rule mirrors one check of the server, named beside it. Negative
cases are left untouched: they are meant to be refused.
"""

import datetime
import json
import os
import unicodedata
import urllib.error
import urllib.parse
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
    # A case without generation data is one of the document's examples,
    # which are valid by definition.
    meta = case.meta
    return meta is None or meta.generation.mode.is_positive


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
# Bodies that are text (CSV, Fluent): any bytes on the wire are a string,
# so a "wrong type" body is not one the server could tell apart.
TEXT_BODIES = {"/v1/imports", "/v1/translations/{locale}.ftl"}


@schemathesis.hook
def filter_case(context, case):
    meta = case.meta
    if meta is None or meta.generation.mode.is_positive:
        return True
    path = case.operation.path
    if path in TEXT_BODIES and not isinstance(case.body, str):
        return False
    # An optional member given as "" counts as absent, as the document's
    # description says: `"verified_at": ""` is no violation there.
    if isinstance(case.body, dict) and _has_blank(case.body):
        return False
    if isinstance(case.query, dict) and (path in EMPTY_IS_ABSENT or path.startswith("/hsds/")):
        return not any(_sent_empty(value) for value in case.query.values())
    return True


def _has_blank(value):
    if isinstance(value, dict):
        return any(_has_blank(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_blank(item) for item in value)
    return isinstance(value, str) and value.strip() == ""


def _sent_empty(value):
    # An empty object, None, or a list of nothing but such values goes on
    # the wire as `name=` too (`[""]` and `[None]` as well as `[]`).
    if value is None or value == {}:
        return True
    if isinstance(value, list):
        return all(_sent_empty(item) for item in value)
    return isinstance(value, str) and value.strip() == ""


# --- Write operations -------------------------------------------------
# The write bodies' schemas say every type, bound and closed set; what no
# schema can say is which data the server holds (the current ETag, known
# cities, shipped locales), rules between members, and what a parser reads
# (an opening-hours expression, a CSV or Fluent file). Positive cases get
# those from the server, as a client would, just before they are sent:
# `map_case` does not see every case of the examples and coverage phases,
# and an ETag read earlier may be stale by the time a case is sent.


@schemathesis.hook
def before_call(context, case, kwargs):
    if _positive(case):
        _writes(case)

HOURS = "Mo-Fr 09:00-18:00"
SOURCE_LOCALE = "en"
IF_MATCH_PATHS = {"/v1/listings/{id}", "/v1/listings/{id}/content/{locale}"}


def _fetch(path, accept=None):
    request = urllib.request.Request(BASE + path, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.headers, reply.read()
    except urllib.error.HTTPError:
        return None, None


def _current(listing_id):
    headers, body = _fetch("/v1/listings/" + urllib.parse.quote(str(listing_id), safe=""))
    return (headers.get("ETag"), json.loads(body)) if headers else (None, None)


def _plain(value):
    # plain_text::clean: NFC, no control characters but newline and tab,
    # no bidirectional embeddings, overrides or isolates; JSON cannot carry
    # lone surrogates.
    def kept(c):
        category = unicodedata.category(c)
        if c in "\n\t":
            return True
        if category in ("Cc", "Cs") or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069":
            return False
        return True
    return unicodedata.normalize("NFC", "".join(c for c in value if kept(c)))


def _clean(value):
    if isinstance(value, str):
        return _plain(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {_clean(k) if isinstance(k, str) else k: _clean(v) for k, v in value.items()}
    return value


def _named(text, fallback="Help desk"):
    # A text needs a name that is not blank once trimmed (`required`).
    if not isinstance(text, dict):
        return {"name": fallback}
    if not str(text.get("name") or "").strip():
        text["name"] = fallback
    return text


def _ordered(document, low, high, container=None):
    # Checker::ordered: the low member must not exceed the high one.
    target = document.get(container) if container else document
    if isinstance(target, dict):
        a, b = target.get(low), target.get(high)
        numbers = (int, float)
        if isinstance(a, numbers) and isinstance(b, numbers) and a > b:
            target[low], target[high] = b, a


def _instant(raw):
    try:
        return datetime.datetime.fromisoformat(str(raw).replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def _window(document):
    # The application window closes after it opens.
    opens, closes = document.get("application_opens_at"), document.get("application_closes_at")
    if opens is None or closes is None:
        return
    a, b = _instant(opens), _instant(closes)
    if a is None or b is None or a.tzinfo is None or b.tzinfo is None or a >= b:
        document["application_opens_at"] = "2026-01-05T09:00:00+09:00"
        document["application_closes_at"] = "2026-02-05T18:00:00+09:00"


def _place(document, current_city=None):
    # ValidationContext: a known city, a district of that city.
    city = document.get("city", current_city)
    if "city" in document and city not in CITIES:
        document["city"] = city = "seoul"
    if document.get("district") is not None:
        districts = CITIES.get(city, CITIES["seoul"])
        if document["district"] not in districts:
            if districts:
                document["district"] = districts[0]
            else:
                document.pop("district")


def _texts(texts, whole):
    # Texts of shipped locales; a whole document needs the source's.
    if not isinstance(texts, dict):
        return {SOURCE_LOCALE: {"name": "Help desk"}} if whole else texts
    fixed = {}
    for index, (tag, text) in enumerate(texts.items()):
        if tag not in LOCALES:
            tag = LOCALES[index % len(LOCALES)]
        if text is None and not whole and tag != SOURCE_LOCALE:
            fixed[tag] = None
        else:
            fixed[tag] = _named(text)
    if whole and SOURCE_LOCALE not in fixed:
        fixed[SOURCE_LOCALE] = {"name": "Help desk"}
    return fixed


def _facts(document):
    if document.get("opening_hours") is not None:
        document["opening_hours"] = HOURS
    _ordered(document, "min_age", "max_age")
    _ordered(document, "people_min", "people_max", "capacity")
    _ordered(document, "months", "max_months", "residency")
    _window(document)


def _listing_document(body):
    _place(body)
    body["texts"] = _texts(body.get("texts"), whole=True)
    _facts(body)


def _listing_patch(body, listing_id, current):
    # Members the document requires cannot be removed, the id not changed.
    for member in ("id", "category", "city", "texts"):
        if member in body and body[member] is None:
            del body[member]
    if "id" in body:
        body["id"] = listing_id
    current_city = (current or {}).get("city", {}).get("code")
    _place(body, current_city)
    if "texts" in body:
        body["texts"] = _texts(body["texts"], whole=False)
    # A patch of one member of an ordered pair is checked against the
    # stored other one: send both.
    for low, high in (("min_age", "max_age"),):
        if low in body or high in body:
            body[low], body[high] = 18, 39
    for container, low, high in (("capacity", "people_min", "people_max"), ("residency", "months", "max_months")):
        if isinstance(body.get(container), dict) and (low in body[container] or high in body[container]):
            body[container][low], body[container][high] = 1, 6
    if "application_opens_at" in body or "application_closes_at" in body:
        body["application_opens_at"] = "2026-01-05T09:00:00+09:00"
        body["application_closes_at"] = "2026-02-05T18:00:00+09:00"
    if body.get("opening_hours") is not None:
        body["opening_hours"] = HOURS


def _writes(case):
    path, method = case.operation.path, case.operation.method.upper()
    params = case.path_parameters if isinstance(case.path_parameters, dict) else {}
    body = case.body
    if isinstance(body, (dict, list, str)):
        case.body = body = _clean(body)
    if path == "/v1/listings/{id}/content/{locale}" and params.get("locale") not in LOCALES:
        params["locale"] = LOCALES[0]
    current = None
    if path in IF_MATCH_PATHS and method in {"PATCH", "PUT", "DELETE"}:
        tag, current = _current(params.get("id"))
        if tag is not None:
            case.headers = dict(case.headers or {})
            case.headers["If-Match"] = tag
    if path == "/v1/listings" and method == "POST" and isinstance(body, dict):
        _listing_document(body)
    elif path == "/v1/listings/{id}" and method == "PATCH" and isinstance(body, dict):
        _listing_patch(body, params.get("id"), current)
    elif path == "/v1/listings/{id}/content/{locale}" and isinstance(body, dict):
        _named(body)
    elif path == "/v1/keys" and method == "POST" and isinstance(body, dict):
        # Grant::bind: translators need shipped locales other than the source.
        if body.get("role") == "translator":
            targets = [tag for tag in LOCALES if tag != SOURCE_LOCALE]
            wanted = [tag for tag in (body.get("locales") or []) if tag in targets]
            body["locales"] = sorted(set(wanted)) or targets[:1]
        else:
            body.pop("locales", None)
        if not str(body.get("name") or "").strip():
            body["name"] = "Contract key"
    elif path == "/v1/listings/{id}/reports" and isinstance(body, dict):
        if not str(body.get("message") or "").strip():
            body["message"] = "The phone number is wrong."
    elif path == "/v1/reports/{id}/resolve" and isinstance(body, dict):
        # ResolutionDraft::validate: only a fix verifies the facts.
        if body.get("resolution") == "rejected" and body.get("verified"):
            body["verified"] = False
    elif path == "/v1/translations/{locale}.ftl" and method == "PUT":
        # A Fluent file the server reads: its own export of that locale.
        _, exported = _fetch(f"/v1/translations/{params['locale']}.ftl")
        if exported is not None:
            case.body = exported.decode("utf-8")
    elif path == "/v1/imports":
        # A CSV the server reads: its own export (re-imported, a no-op).
        if isinstance(case.query, dict):
            case.query.pop("format", None)
        _, exported = _fetch("/v1/exports/listings.csv")
        if exported is not None:
            case.body = exported.decode("utf-8")
    return case
