# 가져오기: 서울시 공공데이터와 번역자가 보내는 등록 정보 본문 Fluent 파일.

problem-detail-content-import-failed = 파일에서 문제 { $count }건이 발견되어 아무것도 가져오지 않았습니다. “errors”를 확인해 주세요.
problem-detail-content-import-stale = 가져오는 동안 등록 정보가 변경되어 아무것도 가져오지 않았습니다. 파일을 다시 보내 주세요.
field-error-invalid-fluent = { $field }: Fluent 파일로 읽을 수 없습니다({ $reason }).

## 서울시 공공데이터(USE_LANG)에 나오는 언어

language-th = 태국어
language-id = 인도네시아어
language-ar = 아랍어
language-pt = 포르투갈어
language-uz = 우즈베크어
language-tl = 타갈로그어
