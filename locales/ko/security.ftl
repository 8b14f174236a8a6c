# 접근 규칙 메시지: 번역자 키로 바꿀 수 있는 범위.

problem-detail-forbidden-locale = 이 키로는 { $allowed } 로케일만 번역할 수 있습니다. “{ $locale }” 텍스트는 바꿀 수 없습니다.
problem-detail-forbidden-source-locale = 원문(“{ $locale }”)은 편집자가 수정합니다. 번역자 키로는 맡은 로케일만 수정할 수 있습니다.
problem-detail-forbidden-locale-removal = 등록 정보에서 “{ $locale }” 텍스트를 지울 수 있는 사람은 편집자뿐입니다.
field-error-source-locale = “{ $field }” 항목에는 원문 로케일(“{ $value }”)을 지정할 수 없습니다. 원문은 편집자가 씁니다.
field-error-hidden-character = “{ $field }” 항목에 텍스트 표시를 바꾸는 보이지 않는 제어 문자({ $value })가 있습니다. 지워 주세요.
problem-detail-busy = 지금은 내보내기와 피드 작성 요청이 많습니다. 몇 초 뒤에 다시 시도해 주세요.
