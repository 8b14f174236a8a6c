# 오류 제목(코드별로 고정)과 상세 설명(발생할 때마다).

problem-title-invalid-parameter = 잘못된 매개변수
problem-detail-invalid-parameter = 쿼리 또는 경로 매개변수를 읽을 수 없습니다.
problem-detail-parameter-range = “{ $parameter }” 매개변수는 { $min }부터 { $max }까지의 정수여야 합니다.
problem-detail-parameter-unknown = “{ $parameter }” 매개변수에 “{ $value }” 값은 쓸 수 없습니다. 등록된 값이 아닙니다.
problem-detail-parameter-malformed = “{ $parameter }”의 값 형식이 올바르지 않습니다.
problem-detail-parameter-form = “{ $parameter }”의 값 형식이 올바르지 않습니다. “{ $example }”처럼 지정하십시오(형식: { $form }).
problem-detail-parameter-requires = “{ $parameter }” 매개변수를 쓰려면 “{ $other }” 매개변수도 지정해야 합니다.
problem-detail-parameter-conflicts = “{ $parameter }” 매개변수와 “{ $other }” 매개변수는 함께 쓸 수 없습니다.

problem-title-malformed-body = 잘못된 요청 본문
problem-detail-malformed-body = 요청 본문이 올바른 형식의 JSON이 아닙니다.

problem-title-payload-too-large = 요청 본문이 너무 큼
problem-detail-payload-too-large = 요청 본문이 이 엔드포인트의 허용 크기를 넘습니다.

problem-title-listing-not-found = 등록 정보를 찾을 수 없음
problem-detail-listing-not-found = ID가 “{ $id }”인 등록 정보가 없습니다.

problem-title-city-not-found = 도시를 찾을 수 없음
problem-detail-city-not-found = 코드가 “{ $city }”인 도시가 없습니다.

problem-title-route-not-found = 찾을 수 없음
problem-detail-route-not-found = 이 주소에서는 아무것도 제공하지 않습니다. API 설명은 /docs에 있습니다.

problem-title-method-not-allowed = 허용되지 않는 메서드
problem-detail-method-not-allowed = 여기서는 { $method } 메서드를 쓸 수 없습니다. 쓸 수 있는 메서드: { $allowed }

problem-title-service-unavailable = 서비스를 사용할 수 없음
problem-detail-service-unavailable = 지금은 데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.

problem-title-internal = 내부 오류
problem-detail-internal = 서버에서 문제가 발생했습니다. 기록해 두었으니 잠시 후 다시 시도해 주세요.
