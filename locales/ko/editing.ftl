# 편집: 인증, 사전 조건, 입력 검증, 가져오기.

problem-title-unauthorized = 인증이 필요합니다
problem-detail-unauthorized = 이 요청에는 유효한 API 키가 필요합니다. “Authorization: Bearer <키>”를 보내 주세요.

problem-title-forbidden = 허용되지 않습니다
problem-detail-forbidden = 이 API 키의 역할로는 이 요청을 할 수 없습니다.
problem-detail-forbidden-translator = 번역자 키로는 텍스트만 바꿀 수 있습니다(PUT /v1/listings/{"{"}id{"}"}/content/{"{"}locale{"}"} 또는 “texts”만 바꾸는 PATCH).
problem-detail-origin-not-allowed = 이 웹 출처에서의 쓰기는 받지 않습니다.

problem-title-conflict = 충돌
problem-detail-conflict = ID가 “{ $id }”인 등록 정보가 이미 있습니다(삭제된 등록 정보 포함).
problem-detail-conflict-external-id = 이 외부 ID는 이미 다른 등록 정보에서 쓰고 있습니다.

problem-title-precondition-failed = 등록 정보가 변경되었습니다
problem-detail-precondition-failed = 읽은 뒤에 등록 정보가 변경되었습니다. 현재 ETag는 { $etag }입니다. 다시 읽은 뒤 변경해 주세요.

problem-title-precondition-required = If-Match가 필요합니다
problem-detail-precondition-required = 다른 사람의 변경을 덮어쓰지 않도록 등록 정보의 ETag를 “If-Match”로 보내 주세요.

problem-title-validation-failed = 입력값이 올바르지 않습니다
problem-detail-validation-failed = 항목 { $count }개가 올바르지 않습니다. “errors”를 확인해 주세요.
problem-detail-import-failed = 행 문제 { $count }건이 발견되어 아무것도 가져오지 않았습니다. “errors”를 확인해 주세요.

problem-title-too-many-requests = 요청이 너무 많습니다
problem-detail-too-many-requests = 쓰기 요청이 너무 많습니다. { $seconds }초 뒤에 다시 시도해 주세요.

problem-title-unsupported-media-type = 지원하지 않는 콘텐츠 유형입니다
problem-detail-unsupported-media-type = 이 엔드포인트는 { $expected }만 읽습니다.

problem-title-key-not-found = API 키가 없습니다
problem-detail-key-not-found = ID가 { $id }인 유효한 API 키가 없습니다.

field-error-required = “{ $field }” 항목은 필수입니다.
field-error-too-long = “{ $field }” 항목이 너무 깁니다. { $max }자 이내로 입력해 주세요.
field-error-out-of-range = “{ $field }” 항목은 { $min }에서 { $max } 사이의 값이어야 합니다.
field-error-invalid-format = { $expected ->
    [slug] “{ $field }” 항목은 영문 소문자와 숫자를 하이픈 하나로 이은 형식(예: seoul-global-center)이어야 합니다.
    [phone] “{ $field }” 항목은 국제 형식 전화번호(예: +82-2-2075-4112)여야 합니다.
    [email] “{ $field }” 항목은 이메일 주소여야 합니다.
    [url] “{ $field }” 항목은 http 또는 https 웹 주소여야 합니다.
    [date-time] “{ $field }” 항목은 시차가 있는 날짜와 시각(RFC 3339, 예: 2026-03-01T09:00:00+09:00)이어야 합니다.
    [date] “{ $field }” 항목은 날짜(예: 2026-03-01)여야 합니다.
    [language] “{ $field }” 항목은 언어 코드(BCP 47, 예: en, zh)여야 합니다.
    [language-list] “{ $field }” 항목은 세미콜론으로 구분한 코드(en;ja) 또는 JSON 배열이어야 합니다.
    [integer] “{ $field }” 항목은 정수여야 합니다.
    [number] “{ $field }” 항목은 숫자여야 합니다.
    [boolean] “{ $field }” 항목은 1, 0, true, false 중 하나여야 합니다.
    [csv] 이 행은 UTF-8 CSV로 읽을 수 없거나 열 수가 헤더와 다릅니다.
   *[other] “{ $field }” 항목의 형식이 올바르지 않습니다.
}
field-error-unknown-value = “{ $field }” 항목에 “{ $value }” 값은 쓸 수 없습니다. 등록된 값이 아닙니다.
field-error-invalid-opening-hours = “{ $field }” 항목이 OpenStreetMap opening_hours 형식(예: Mo-Fr 09:00-18:00)이 아닙니다.
field-error-wrong-order = “{ $field }” 항목은 “{ $other }” 항목보다 뒤여야 합니다.
field-error-incomplete = “{ $field }” 항목은 “{ $other }” 항목과 함께 입력해야 합니다.
field-error-duplicate = “{ $field }” 항목은 중복될 수 없습니다. “{ $value }” 값은 이미 쓰이고 있습니다.
field-error-not-allowed = “{ $field }” 항목은 여기에서 지정할 수 없습니다.
